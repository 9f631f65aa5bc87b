// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP } from '../../src/cli/help';
import { buildCli } from './cliBundle';
import { tempDir } from './io';

describe('bin/convex-orm.mjs', () => {
  it('runs from a clone (TypeScript source through tsx): help exits 0, usage errors exit 2', () => {
    const help = spawnSync('node', ['bin/convex-orm.mjs', 'migrate', 'status', '--help'], { encoding: 'utf8' });
    expect(help.stdout).toBe(HELP['migrate status']);
    expect(help.status).toBe(0);
    const usage = spawnSync('node', ['bin/convex-orm.mjs', 'migrate', 'up', '--fast'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Unknown option --fast');
  }, 30_000);

  it('runs as the bundled dist/cli.mjs a published package ships (Node only, no tsx)', () => {
    const out = join(tempDir('convex-orm-dist-'), 'cli.mjs');
    const build = buildCli(out);
    expect(build.status).toBe(0);
    const help = spawnSync('node', [out, '--help'], { encoding: 'utf8' });
    expect(help.stdout).toBe(HELP['']);
    expect(help.status).toBe(0);
  }, 30_000);
});
