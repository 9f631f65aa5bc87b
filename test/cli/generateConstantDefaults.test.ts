// @vitest-environment node
import type { MigrateOneCtx } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { generatedMigration } from './schemaProject';

const example = (
  extra: string,
) => `import { arrayOf, bigint, bytes, convexTable, defineSchema, json, text } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull()${extra} });
export default defineSchema({ todos });`;

const ctx = {} as MigrateOneCtx;

// docs/migrations.md: a new notNull column (and optional → notNull) "fills documents without a
// value ... with the column's constant default; without one, a TODO". These columns have one.
describe('migrate generate fills new notNull columns with their constant default', () => {
  it.each([
    ['bigint().notNull().default(5n)', 5n],
    ['json().notNull().default({ tags: [] })', { tags: [] }],
    ["arrayOf(text().notNull()).notNull().default(['a'])", ['a']],
    // Convex JSON nests int64 and bytes as { $integer } / { $bytes } objects: decoded at any depth.
    [
      "json().notNull().default({ count: -5n, 'a b': [new Uint8Array([1, 255]).buffer], none: null })",
      { count: -5n, 'a b': [new Uint8Array([1, 255]).buffer], none: null },
    ],
    ['bytes().notNull().default(new Uint8Array([7]).buffer)', new Uint8Array([7]).buffer],
  ])('%s', async (column, stored) => {
    const migration = await generatedMigration(example(''), example(`, extra: ${column}`));
    const patch = await Promise.resolve().then(() =>
      migration.up.migrateOne(ctx, { _id: 'todo1', title: 't' } as never),
    );
    // Strict: toEqual would pass ArrayBuffers of other bytes.
    expect(patch).toStrictEqual({ extra: stored });
  });
});
