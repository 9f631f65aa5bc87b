// @vitest-environment node
// `migrate manifest --check` (docs/migrations.md: "does the same check in CI") says
// "manifest.ts is up to date." and exits 0 when there is no manifest.ts at all: in an app whose
// migrations directory does not exist yet (convex/migrations.ts, per the Setup, imports
// ./migrations/manifest, so `convex deploy` fails), and run outside any app (a CI step in the
// wrong directory passes vacuously). src/cli/manifest.ts manifestIsCurrent compares the listed
// entries ([] without the file) with the files ([] without the directory); the --check branch of
// src/cli/commands.ts 'migrate manifest' skips checkAppDirectory, which the write branch runs.
// `migrate up` outside an app passed its manifest check the same way and went on to the deployment.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo, tempDir, tempProject } from './io';

describe('migrate manifest --check without a manifest.ts', () => {
  it('in an app with no manifest yet: out of date (exit 1), not "up to date"', async () => {
    const dir = tempProject();
    const { io, output } = captureIo(dir, { call: async () => null });
    expect(existsSync(join(dir, 'convex/migrations/manifest.ts'))).toBe(false);
    const code = await runCli(['migrate', 'manifest', '--check'], io);
    expect(output.stdout).not.toContain('up to date');
    expect(code).toBe(1);
  });

  it('outside an app: the usage error `migrate manifest` gives (exit 2), not "up to date"', async () => {
    const dir = tempDir('convex-orm-elsewhere-');
    const { io, output } = captureIo(dir, { call: async () => null });
    const code = await runCli(['migrate', 'manifest', '--check'], io);
    expect({ code, stdout: output.stdout, stderr: output.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `${dir} is not a Convex app: it has no convex/ directory and no convex-orm.json. Run the command in your app's directory.\n`,
    });
  });

  it('migrate up outside an app: the same usage error, not a run whose manifest check passed vacuously', async () => {
    const dir = tempDir('convex-orm-elsewhere-');
    const calls: string[] = [];
    const { io, output } = captureIo(dir, { call: async (name) => calls.push(name) });
    const code = await runCli(['migrate', 'up'], io);
    expect({ code, calls, stderr: output.stderr }).toEqual({
      code: 2,
      calls: [],
      stderr: `${dir} is not a Convex app: it has no convex/ directory and no convex-orm.json. Run the command in your app's directory.\n`,
    });
  });
});
