// @vitest-environment node
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import schemaOfExample from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { generatedMigration } from './schemaProject';

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
