// @vitest-environment node
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Migration } from 'convex-orm/migrations';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import schemaOfExample from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const transport = { call: async () => null };

async function generatedMigration(before: string, after: string): Promise<Migration> {
  const dir = schemaProject(before);
  const { io, clock, output } = captureIo(dir, transport);
  clock.now = Date.parse('2026-03-01T10:00:00Z');
  const first = await runCli(['migrate', 'generate'], io);
  expect({ first, err: output.stderr }).toEqual({ first: 0, err: '' });
  writeSchema(dir, after);
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  const migrations = join(dir, 'convex/migrations');
  const [file] = readdirSync(migrations).filter((name) => /^\d{8}_/.test(name));
  return ((await import(join(migrations, file!))) as { migration: Migration }).migration;
}

const example = (
  column: string,
  names = 'boolean, convexTable, defineSchema, text',
) => `import { ${names} } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull(), done: boolean().notNull().default(false), file: ${column} });
export default defineSchema({ todos });`;

describe('a generated migration to an id("_storage") column', () => {
  it('accepts a stored value that is a storage id (no throw from db.normalizeId on a system table)', async () => {
    const migration = await generatedMigration(
      example('text()'),
      example("id('_storage')", 'boolean, convexTable, defineSchema, id, text'),
    );
    const out = await convexTest(schemaOfExample, modules).run(async (ctx) => {
      const file = await ctx.storage.store(new Blob(['x']));
      return Promise.resolve(migration.up.migrateOne(ctx as never, { _id: 'todo1', title: 't', file } as never)).then(
        (patch) => ({ ok: patch ?? null }),
        (error: Error) => ({ error: error.message }),
      );
    });
    expect(out).toEqual({ ok: null });
  });
});
