import { parseArgs as parseNodeArgs } from 'node:util';
import { CliError } from './errors.js';

/** The options a command accepts (`--help` / `-h` is added to every command). */
export type OptionSpec = Record<string, 'boolean' | 'string' | 'number'>;

export interface ParsedArgs {
  positionals: string[];
  /** Options given; booleans are `true` / `false`, numbers positive integers. */
  flags: Record<string, string | number | boolean>;
  /** Arguments after `--`, passed through untouched (deploy/dev). */
  rest: string[];
}

type NodeOptions = Record<string, { type: 'boolean' | 'string'; short?: string }>;

/**
 * Parses `argv` with Node's `util.parseArgs` (strict). A boolean option `--x` also accepts
 * `--x=true`, `--x=false` and `--no-x`; the last one given wins. Unknown options, a value
 * on a boolean other than `true` / `false`, and a missing, empty or invalid value are usage
 * errors (exit 2).
 */
export function parseArgs(argv: readonly string[], spec: OptionSpec, command: string): ParsedArgs {
  const split = argv.indexOf('--');
  const own = split === -1 ? [...argv] : argv.slice(0, split);
  const rest = split === -1 ? [] : argv.slice(split + 1);
  const full: OptionSpec = { ...spec, help: 'boolean' };
  const parsed: ParsedArgs = { positionals: [], flags: {}, rest };
  for (const token of tokensOf(own, full, command)) {
    if (token.kind === 'positional') parsed.positionals.push(token.value);
    if (token.kind !== 'option') continue;
    if (full[token.name] === undefined) parsed.flags[token.name.slice(3)] = false;
    else parsed.flags[token.name] = full[token.name] === 'boolean' ? true : optionValue(token.name, full, token.value!);
  }
  return parsed;
}

function tokensOf(args: string[], spec: OptionSpec, command: string) {
  try {
    return parseNodeArgs({
      args: args.map((arg) => inlineBoolean(arg, spec)),
      options: nodeOptions(spec),
      strict: true,
      allowPositionals: true,
      tokens: true,
    }).tokens;
  } catch (error) {
    throw usageError(error, spec, command);
  }
}

/**
 * Node's boolean options take no value and its `allowNegative` needs Node 20.16, so every
 * boolean `x` is declared with a `no-x` twin, and `--x=true|false` is rewritten to `--x` / `--no-x`.
 */
function nodeOptions(spec: OptionSpec): NodeOptions {
  const options: NodeOptions = {};
  for (const [name, type] of Object.entries(spec)) {
    options[name] = { type: type === 'boolean' ? 'boolean' : 'string' };
    if (type === 'boolean') options[`no-${name}`] = { type: 'boolean' };
  }
  options.help!.short = 'h';
  return options;
}

function inlineBoolean(arg: string, spec: OptionSpec): string {
  const match = /^--([^=]+)=(true|false)$/.exec(arg);
  if (!match || spec[match[1]!] !== 'boolean') return arg;
  return match[2] === 'true' ? `--${match[1]}` : `--no-${match[1]}`;
}

function optionValue(name: string, spec: OptionSpec, value: string): string | number {
  // `--to=` is a value forgotten, not an empty id, table or name.
  if (value === '') throw new CliError(`Option --${name} needs a value, got an empty one.`, 2);
  if (spec[name] !== 'number') return value;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1)
    throw new CliError(`Option --${name} must be a positive integer, got "${value}".`, 2);
  return number;
}

/** Node's parse error, reworded with the command and the accepted forms. */
function usageError(error: unknown, spec: OptionSpec, command: string): CliError {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  const given = option.replace(/^--?/, '');
  // `--no-x=...` names its boolean `x`.
  const name = spec[given] === undefined && given.startsWith('no-') ? given.slice(3) : given;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return new CliError(`Unknown option ${option} for \`${command}\`. See \`convex-orm ${command} --help\`.`, 2);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && spec[name] === 'boolean')
    return new CliError(`Option --${name} takes no value: give --${name}, --${name}=true|false or --no-${name}.`, 2);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return new CliError(`Option --${name} needs a value (a value starting with "-" as --${name}=<value>).`, 2);
  return new CliError(message, 2);
}
