/** A CLI failure with a message for the user and an exit code (2: usage, 1: anything else). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
