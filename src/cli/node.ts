import { createInterface } from 'node:readline/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CliIo } from './io.js';
import { convexRunTransport, spawnCommand } from './transport.js';

/** The real process: its cwd and streams, `npx convex run` as the transport. */
export function nodeIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    transport: (target) => convexRunTransport({ ...target, cwd: process.cwd() }),
    run: spawnCommand,
    now: () => Date.now(),
    sleep: (ms) => sleep(ms),
    ...(process.stdin.isTTY ? { prompt } : {}),
  };
}

async function prompt(question: string): Promise<string> {
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await readline.question(question)).trim();
  } finally {
    readline.close();
  }
}
