import { existsSync, readFileSync } from 'node:fs';
import { CliError } from './errors.js';

/**
 * The JSON in the file at `path`, or `undefined` when there is no such file. A file that is not
 * JSON is a `CliError` naming it (`JSON.parse` alone names only a position).
 */
export function readJsonFile(path: string): unknown {
  if (!existsSync(path)) return undefined;
  return parseJson(readFileSync(path, 'utf8'), path, 'fix it and run the command again');
}

/** `text` parsed as JSON; when it is not JSON, a `CliError` naming `source`, followed by `advice`. */
export function parseJson(text: string, source: string, advice: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${source} is not valid JSON (${(error as Error).message}); ${advice}.`);
  }
}

/** Whether a parsed JSON value is an object (not `null`, not an array). */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
