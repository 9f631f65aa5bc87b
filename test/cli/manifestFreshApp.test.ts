// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo, tempDir, tempProject } from './io';

// docs/migrations.md, Setup: convex/migrations.ts imports `./migrations/manifest` before any
// migration exists, and `migrate manifest` is the command that writes it. In a fresh app (no
// migrations directory yet) it failed with Node's raw `ENOENT: no such file or directory, open
// '.../convex/migrations/manifest.ts'` (exit 1), where `migrate create` makes the directory.
describe('migrate manifest in an app without a migrations directory yet', () => {
  it('writes an empty manifest (creating the directory), not a raw ENOENT', async () => {
    const dir = tempProject();
    const { io, output } = captureIo(dir, { call: async () => null });
    const code = await runCli(['migrate', 'manifest'], io);
    expect({ code, stderr: output.stderr }).toEqual({ code: 0, stderr: '' });
    const manifest = join(dir, 'convex/migrations/manifest.ts');
    expect(existsSync(manifest)).toBe(true);
    expect(readFileSync(manifest, 'utf8')).toContain('export const migrations = defineMigrationSet([\n]);');
    expect(await runCli(['migrate', 'manifest', '--check'], io)).toBe(0);
  });

  it('outside an app (no convex/ directory, no convex-orm.json) refuses and writes nothing', async () => {
    const dir = tempDir('convex-orm-elsewhere-');
    const { io, output } = captureIo(dir, { call: async () => null });
    expect(await runCli(['migrate', 'manifest'], io)).toBe(2);
    expect(output.stderr).toBe(
      `${dir} is not a Convex app: it has no convex/ directory and no convex-orm.json. Run the command in your app's directory.\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
