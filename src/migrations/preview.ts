import { convexToJson, type Value } from 'convex/values';
import { valueLimitProblem } from '../limits/valueLimits.js';

/** Characters of a value's JSON that a report keeps (`migrate check`, dry-run samples). */
export const PREVIEW_CHARS = 120;

/** A value's JSON, cut to {@link PREVIEW_CHARS} (with `…`); `undefined` for an absent value. */
export function preview(value: unknown): string | undefined {
  return value === undefined ? undefined : cut(jsonOf(value));
}

/**
 * A value as a stored report shows it, at `depth` of the document that stores it (Convex's
 * nesting count, the document being 1): the value itself while its JSON is short and it nests
 * within Convex's 16 levels there, else its {@link preview} (a string), so a report of large
 * documents stays far from Convex's 1 MiB, and one of deep values within its nesting (a value
 * that fit its own document may not fit several levels down a report).
 */
export function reportValue(value: unknown, depth: number): unknown {
  const json = jsonOf(value);
  return json.length > PREVIEW_CHARS || valueLimitProblem(value, depth) !== null ? cut(json) : value;
}

const jsonOf = (value: unknown) => JSON.stringify(convexToJson(value as Value));
const cut = (json: string) => (json.length > PREVIEW_CHARS ? `${json.slice(0, PREVIEW_CHARS)}…` : json);
