import { CliError } from './errors.js';

/** The flags a command accepts: `boolean` flags also take `--no-<flag>`. */
export type FlagSpec = Record<string, 'boolean' | 'string' | 'number'>;

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | number | boolean>;
  /** Arguments after `--`, passed through (deploy/dev). */
  rest: string[];
}

/** Parses `argv` against `spec`; unknown flags and bad values are usage errors (exit 2). */
export function parseArgs(argv: readonly string[], spec: FlagSpec, command: string): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], flags: {}, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.rest = argv.slice(i + 1);
      break;
    }
    if (!arg.startsWith('--')) {
      parsed.positionals.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const negated = rawName.startsWith('no-') && spec[rawName.slice(3)] === 'boolean';
    const name = negated ? rawName.slice(3) : rawName;
    const type = spec[name];
    if (!type)
      throw new CliError(`Unknown option --${rawName} for \`${command}\`. See \`convex-orm ${command} --help\`.`, 2);
    if (type === 'boolean') {
      parsed.flags[name] = !negated;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new CliError(`Option --${name} needs a value.`, 2);
    if (type === 'number') {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 1)
        throw new CliError(`Option --${name} must be a positive integer, got "${value}".`, 2);
      parsed.flags[name] = number;
    } else {
      parsed.flags[name] = value;
    }
  }
  return parsed;
}
