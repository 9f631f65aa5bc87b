import type { CommandRunner, MigrationTransport, TransportTarget } from './transport.js';

/** Where the CLI writes. `isTTY` turns on the live progress line. */
export interface Output {
  write(text: string): void;
  isTTY?: boolean;
}

/** Everything the CLI touches outside itself, so tests run it in-process. */
export interface CliIo {
  cwd: string;
  stdout: Output;
  stderr: Output;
  /** The deployment's migration functions (real: `npx convex run`; tests: convex-test). */
  transport(target: TransportTarget): MigrationTransport;
  /** Runs `npx convex deploy` / `npx convex dev` for the deploy and dev wrappers. */
  run: CommandRunner;
  /** Milliseconds since the epoch (migration file timestamps, durations). */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Asks the user a question and returns the answer; absent when stdin is not a terminal. */
  prompt?: (question: string) => Promise<string>;
}
