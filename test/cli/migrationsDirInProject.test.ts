// @vitest-environment node
/**
 * convex-orm.json's `migrationsDir` is read as a directory of the project, as convex.json's
 * `functions` is (`/convex/migrations` is `<project>/convex/migrations`), so a created migration
 * imports the data model where it is; one outside the project is refused (exit 2, naming the key).
 * An absolute value was joined onto the project for the files but not for the import, which
 * pointed from the filesystem's root.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo, tempProject } from './io';

describe('an absolute migrationsDir', () => {
  it('is read one way: the created file imports the data model where it is, or the value is refused', async () => {
    const dir = tempProject({ migrationsDir: '/convex/migrations' });
    mkdirSync(join(dir, 'convex'));
    const { io, output } = captureIo(dir, { call: async () => null });
    const code = await runCli(['migrate', 'create', 'backfill'], io);
    expect({ code, stderr: output.stderr }).toEqual({ code: 0, stderr: '' });
    const migrations = join(dir, 'convex/migrations');
    const [file] = readdirSync(migrations).filter((name) => /^\d{8}_/.test(name));
    const source = readFileSync(join(migrations, file!), 'utf8');
    const imported = /from '([^']*_generated\/dataModel[^']*)'/.exec(source)?.[1];
    expect(imported && resolve(dirname(join(migrations, file!)), imported)).toBe(
      join(dir, 'convex/_generated/dataModel.js'),
    );
  });

  it('outside the project is refused, naming the key', async () => {
    const dir = tempProject({ migrationsDir: '../elsewhere' });
    mkdirSync(join(dir, 'convex'));
    const { io, output } = captureIo(dir, { call: async () => null });
    expect(await runCli(['migrate', 'create', 'backfill'], io)).toBe(2);
    expect(output.stderr).toContain('migrationsDir must be a directory inside the project');
  });
});
