import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import type { CommandRunner, MigrationTransport } from '../../src/cli/transport';

const tempDirs: string[] = [];
// Each test file imports this module afresh, so its directories go when its tests end.
afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir, removed after the test file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A fresh project directory with a `convex-orm.json`. */
export function tempProject(config: object = {}): string {
  const dir = tempDir('convex-orm-cli-');
  writeFileSync(join(dir, 'convex-orm.json'), JSON.stringify(config));
  return dir;
}

/**
 * A CLI io writing into strings. The clock stands still (durations print as 0.0s) unless a
 * test advances it; `sleep` calls `onSleep` (default: a real 1 ms pause for background chunks).
 */
export function captureIo(
  cwd: string,
  transport: MigrationTransport,
  options: { onSleep?: (ms: number) => Promise<void>; run?: CommandRunner; transports?: object[] } = {},
) {
  const output = { stdout: '', stderr: '' };
  const clock = { now: 0 };
  const io: CliIo = {
    cwd,
    stdout: {
      write: (text) => {
        output.stdout += text;
      },
    },
    stderr: {
      write: (text) => {
        output.stderr += text;
      },
    },
    transport: (transportOptions) => {
      options.transports?.push(transportOptions);
      return transport;
    },
    run: options.run ?? (async () => ({ code: 0, stdout: '', stderr: '' })),
    now: () => clock.now,
    sleep: options.onSleep ?? (() => new Promise((resolve) => setTimeout(resolve, 1))),
  };
  return { io, output, clock };
}

/** Output with run ids made stable for snapshots. */
export const stable = (text: string) => text.replace(/mr_[a-z0-9]+_[a-z0-9]+/g, 'mr_<run>');
