/** Options of the Convex CLI whose value is a secret (full access to a deployment): never printed. */
const SECRET_OPTIONS: readonly string[] = ['--admin-key'];

/** `arg` with the value of a secret option given inline (`--admin-key=<key>`) hidden. */
function hiddenInline(arg: string): string {
  const option = SECRET_OPTIONS.find((name) => arg.startsWith(`${name}=`));
  return option ? `${option}=***` : arg;
}

/**
 * `argv` joined as a message or an echoed command line shows it, the value of each secret option
 * (`--admin-key <key>`, `--admin-key=<key>`) as `***`: CI logs keep what a command prints.
 */
export function shownCommand(argv: readonly string[]): string {
  return argv.map((arg, i) => (i > 0 && SECRET_OPTIONS.includes(argv[i - 1]!) ? '***' : hiddenInline(arg))).join(' ');
}
