// onConflictDoUpdate({ target }) without `set` is INVALID_QUERY naming onConflictDoUpdate and set,
// before anything is written (not a VALIDATION error blaming the row the caller gave).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, integer, text } from '../../src/index';

const items = convexTable('items', { name: text().notNull().unique(), n: integer() });
const tables = { items };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });

it('a missing set is INVALID_QUERY naming onConflictDoUpdate and set', async () => {
  const t = convexTest(defineSchema(tables), modules);
  const error = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    return db
      .insert(items)
      .values({ name: 'a' })
      .onConflictDoUpdate({ target: items.name } as never)
      .then(
        () => null,
        (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }),
      );
  });
  expect(error?.code).toBe('INVALID_QUERY');
  expect(error?.message).toMatch(/onConflictDoUpdate/);
  expect(error?.message).toMatch(/\bset\b/);
});
