import { setTimeout as sleep } from 'node:timers/promises';
import type { CliIo } from './io.js';
import { convexRunTransport, spawnCommand } from './transport.js';

/** The real process: its cwd and streams, `npx convex run` as the transport. */
export function nodeIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    transport: ({ module, prod }) => convexRunTransport({ module, prod, cwd: process.cwd() }),
    run: spawnCommand,
    now: () => Date.now(),
    sleep: (ms) => sleep(ms),
  };
}
