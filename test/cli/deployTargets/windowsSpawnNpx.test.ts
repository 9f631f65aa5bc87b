// @vitest-environment node
// On Windows, where `npx` is a `.cmd` script Node spawns only through cmd.exe, spawnCommand runs
// npm's npx-cli.js with node instead of a bare `npx`.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCommand } from '../../../src/cli/transport';

const require = createRequire(import.meta.url);
const childProcess = require('node:child_process') as typeof import('node:child_process');
const realSpawn = childProcess.spawn;
const realPlatform = Object.getOwnPropertyDescriptor(process, 'platform')!;

afterEach(() => {
  childProcess.spawn = realSpawn;
  syncBuiltinESMExports();
  Object.defineProperty(process, 'platform', realPlatform);
});

describe('spawnCommand on Windows', () => {
  it('does not spawn a bare `npx` (or `npx.cmd`) without a shell', async () => {
    const spawned: { command: string; options: { shell?: unknown } }[] = [];
    childProcess.spawn = ((command: string, _args: string[], options: { shell?: unknown }) => {
      spawned.push({ command, options });
      // Stands in for Windows' answer; the assertion below is on what was asked.
      return realSpawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    }) as never;
    syncBuiltinESMExports();
    Object.defineProperty(process, 'platform', { ...realPlatform, value: 'win32' });
    await spawnCommand('npx', ['convex', 'run', 'migrations:status', '{}'], { cwd: process.cwd() });
    expect(spawned).toHaveLength(1);
    const [{ command, options }] = spawned as [(typeof spawned)[0]];
    const throughShell = options.shell === true || typeof options.shell === 'string';
    const windowsRunnable = throughShell || /(^|[\\/])cmd(\.exe)?$/i.test(command) || command === process.execPath;
    expect({ command, shell: options.shell, windowsRunnable }).toMatchObject({ windowsRunnable: true });
  });
});
