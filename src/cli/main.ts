import { parseArgs } from './args.js';
import { COMMANDS } from './commands.js';
import { loadConfig } from './config.js';
import { CliError } from './errors.js';
import { HELP } from './help.js';
import type { CliIo } from './io.js';

/**
 * The `convex-orm` command. Returns the exit code: 0 success (completed, nothing to do, dry
 * run), 1 failure (failed, canceled, drift, timeout when strict; any error), 2 usage error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

/**
 * The entry of `table` under `key`, when it has one of its own: the words a user types are no
 * `Object.prototype` members (`constructor`, `__proto__`).
 */
const ownEntry = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** Finds the command (one word, or a group and a word: `migrate up`), parses and validates, then runs it. */
async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  // `help <command>` (as git and npm take it) is `<command> --help`.
  if (argv[0] === 'help' && argv.length > 1) return dispatch([...argv.slice(1), '--help'], io);
  const [first, second] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(HELP['']!);
    return first === undefined ? 2 : 0;
  }
  const name = ownEntry(COMMANDS, `${first} ${second}`) ? `${first} ${second}` : first;
  const command = ownEntry(COMMANDS, name);
  const help = ownEntry(HELP, name);
  if (!command) {
    // A group without its subcommand (`migrate`, `migrate --help`) prints the group's help.
    const group = help !== undefined && (second === undefined || second.startsWith('-'));
    // Named by its words, not an option after them (`nope --prod` is the command `nope`).
    const words = second === undefined || second.startsWith('-') ? first : `${first} ${second}`;
    if (!group) throw new CliError(`Unknown command \`${words}\`. See \`convex-orm --help\`.`, 2);
    io.stdout.write(help);
    return second === '--help' || second === '-h' ? 0 : 2;
  }
  const args = parseArgs(argv.slice(name.split(' ').length), command.options, name);
  if (args.flags.help === true) {
    io.stdout.write(help!);
    return 0;
  }
  if (args.rest.length > 0 && !command.passThrough)
    throw new CliError(`\`${name}\` takes no arguments after --; got "${args.rest.join(' ')}".`, 2);
  const config = loadConfig(io.cwd);
  return command.run(command.parse(args, config), io, config);
}
