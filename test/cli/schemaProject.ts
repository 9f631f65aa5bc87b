import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Migration } from 'convex-orm/migrations';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo, tempProject } from './io';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A temporary Convex app whose `convex/schema.ts` is `schema`. It resolves `convex-orm` to this
 * repository's sources (tsconfig paths, as the repository does) and `convex` through a link to
 * its node_modules, so the CLI bundles it as it would a user's app.
 */
export function schemaProject(schema: string, config: object = {}): string {
  const dir = tempProject({ migrationsDir: 'convex/migrations', ...config });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const paths = {
    'convex-orm': [join(root, 'src/index.ts')],
    'convex-orm/migrations': [join(root, 'src/migrations/index.ts')],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths } }));
  mkdirSync(join(dir, 'convex'));
  writeSchema(dir, schema);
  return dir;
}

/** Replaces the app's `convex/schema.ts`. */
export function writeSchema(dir: string, schema: string): void {
  writeFileSync(join(dir, 'convex/schema.ts'), schema);
}

/**
 * The migration `migrate generate` writes for a schema going from `before` to `after` (a baseline
 * generated first), imported: its steps run as the deployment would run them.
 */
export async function generatedMigration(before: string, after: string): Promise<Migration> {
  const dir = schemaProject(before);
  const { io, clock, output } = captureIo(dir, { call: async () => null });
  clock.now = Date.parse('2026-03-01T10:00:00Z');
  const baseline = await runCli(['migrate', 'generate'], io);
  expect({ baseline, stderr: output.stderr }).toEqual({ baseline: 0, stderr: '' });
  writeSchema(dir, after);
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  const migrations = join(dir, 'convex/migrations');
  const [file] = readdirSync(migrations).filter((name) => /^\d{8}_/.test(name));
  return ((await import(join(migrations, file!))) as { migration: Migration }).migration;
}
