// @vitest-environment node
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo, tempDir } from './io';

// Run outside an app (no functions directory, no convex-orm.json: a parent directory, the home
// directory), a command that writes into the migrations directory must not create convex/migrations/
// there; each stops with the same usage error naming the directory it looked for.
describe('commands that write migrations, run outside an app', () => {
  it.each([
    ['migrate', 'create', 'backfill'],
    ['migrate', 'create', 'backfill', '--table', 'todos'],
    ['migrate', 'generate'],
    ['migrate', 'manifest'],
  ])('%s %s: a usage error naming the missing directory; nothing is written', async (...argv) => {
    const dir = tempDir('convex-orm-elsewhere-');
    const { io, output } = captureIo(dir, { call: async () => null });
    expect({ code: await runCli(argv, io), stderr: output.stderr, stdout: output.stdout }).toEqual({
      code: 2,
      stderr: `${dir} is not a Convex app: it has no convex/ directory and no convex-orm.json. Run the command in your app's directory.\n`,
      stdout: '',
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the functions directory convex.json points at, and goes ahead once it exists', async () => {
    const dir = tempDir('convex-orm-elsewhere-');
    writeFileSync(join(dir, 'convex.json'), JSON.stringify({ functions: 'app/convex/' }));
    const { io, output } = captureIo(dir, { call: async () => null });
    expect(await runCli(['migrate', 'create', 'backfill'], io)).toBe(2);
    expect(output.stderr).toBe(
      `${dir} is not a Convex app: it has no app/convex/ directory and no convex-orm.json. Run the command in your app's directory.\n`,
    );
    expect(readdirSync(dir)).toEqual(['convex.json']);
    mkdirSync(join(dir, 'app/convex'), { recursive: true });
    expect(await runCli(['migrate', 'create', 'backfill'], io)).toBe(0);
    expect(readdirSync(join(dir, 'app/convex/migrations'))).toHaveLength(2);
  });
});
