// @vitest-environment node
import type { MigrateOneCtx } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { generatedMigration } from './schemaProject';

const example = (column: string) => `import { v } from 'convex/values';
import { convexTable, custom, defineSchema, json, text } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull(), note: ${column} });
export default defineSchema({ todos });`;

// isId is only reached for id validators; these documents hold none.
const ctx = { db: { normalizeId: () => null, system: { normalizeId: () => null } } } as unknown as MigrateOneCtx;

describe('migrate generate: a type change whose old type held null', () => {
  // `convex-orm pull` writes a required `v.union(v.string(), v.null())` as exactly this column.
  it.each([
    ['custom(v.union(v.string(), v.null())).notNull()', 'a pulled nullable-string column'],
    ['json().notNull()', 'a json column'],
  ])('%s → text().notNull() (%s): a stored null is a value the new type rejects, not one to skip', async (before) => {
    const migration = await generatedMigration(example(before), example('text().notNull()'));
    // Convex will reject `note: null` under `text().notNull()` (v.string()): the migration must not
    // pass over it silently (it leaves the document invalid and the run "completed").
    await expect(
      Promise.resolve().then(() => migration.up.migrateOne(ctx, { _id: 'todo1', title: 't', note: null } as never)),
    ).rejects.toThrow(/TODO \(document todo1\)/);
  });
});
