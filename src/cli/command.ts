import type { OptionSpec, ParsedArgs } from './args.js';
import type { CliConfig } from './config.js';
import { CliError } from './errors.js';
import type { CliIo } from './io.js';

/**
 * One command of the `convex-orm` CLI. `parse` validates the arguments and builds the
 * command's input without side effects; `run` is called only when it succeeded, so a usage
 * error (exit 2) never leaves anything done.
 */
export interface Command<Input> {
  /** Options besides `--help` / `-h` (every command has them). */
  options: OptionSpec;
  /** Whether arguments after `--` are accepted (handed to `convex deploy` / `convex dev`). */
  passThrough?: boolean;
  parse(args: ParsedArgs, config: CliConfig): Input;
  /** Returns the exit code. */
  run(input: Input, io: CliIo, config: CliConfig): Promise<number>;
}

/** Defines a command, inferring its input type from `parse`. */
export const defineCommand = <Input>(command: Command<Input>): Command<Input> => command;

/** A usage error unless exactly `count` positional arguments were given (`usage` names them). */
export function positionals(args: ParsedArgs, count: number, usage: string): string[] {
  if (args.positionals.length > count) throw new CliError(`Unexpected argument "${args.positionals[count]}".`, 2);
  if (args.positionals.length < count) throw new CliError(`Usage: ${usage}`, 2);
  return args.positionals;
}
