// A UNIQUE_VIOLATION's advice follows who wrote the conflicting value, not the row: a row the
// statement updates itself (only its label) whose unique `parentCode` an `onUpdate: 'set default'`
// action of the same statement rewrote names the action, as for a row only an action wrote (the
// caller gave no value for `parentCode`; Postgres names the referential action's query in its CONTEXT).
// A conflict on a value the statement wrote into such a row keeps the update's advice.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { type AnyColumn, convexTable, createOrm, defineRelations, defineSchema, inArray, text } from '../../src/index';

const nodes = convexTable('nodes', {
  code: text().notNull().unique(),
  label: text().notNull(),
  parentCode: text()
    .unique()
    .default('root')
    .references((): AnyColumn => nodes.code, { onUpdate: 'set default' }),
});
const tables = { nodes };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

it('a unique violation on a value an action wrote into a row the statement also updates names the action', async () => {
  const t = convexTest(schema, modules);
  const error = await t.run(async (ctx) => {
    const db = orm.db(ctx);
    await db.insert(nodes).values([
      { code: 'root', label: 'R', parentCode: null },
      { code: 'a', label: 'A', parentCode: null },
      { code: 's0', label: 'S0', parentCode: 'root' },
      { code: 's1', label: 'S1', parentCode: 'a' },
    ]);
    try {
      // Renames a (s1's parent) and relabels s1: the action sets s1.parentCode to its default, 'root', which s0 holds.
      await db
        .update(nodes)
        .set((row) => (row.code === 'a' ? { code: 'a2' } : { label: `${row.label}!` }))
        .where(inArray(nodes.code, ['a', 's1']));
      return null;
    } catch (e) {
      return { code: (e as { code?: string }).code, message: (e as Error).message };
    }
  });
  expect(error?.code).toBe('UNIQUE_VIOLATION');
  expect(error?.message).toMatch(/parentCode/);
  expect(error?.message).not.toMatch(/use a different value/);
  expect(error?.message).toMatch(/foreign-key action/);
});

it('a conflict on a value the statement wrote itself into a row an action also changed keeps the update advice', async () => {
  const t = convexTest(schema, modules);
  const error = await t.run(async (ctx) => {
    const db = orm.db(ctx);
    await db.insert(nodes).values([
      { code: 'root', label: 'R', parentCode: null },
      { code: 'a', label: 'A', parentCode: null },
      { code: 's1', label: 'S1', parentCode: 'a' },
    ]);
    try {
      // s1 takes the code 'root' (taken) while the action resets its parentCode (free: nobody else holds 'root').
      await db
        .update(nodes)
        .set((row) => (row.code === 'a' ? { code: 'a2' } : { code: 'root' }))
        .where(inArray(nodes.code, ['a', 's1']));
      return null;
    } catch (e) {
      return { code: (e as { code?: string }).code, message: (e as Error).message };
    }
  });
  expect(error?.code).toBe('UNIQUE_VIOLATION');
  expect(error?.message).toMatch(/^Duplicate code = "root"/);
  expect(error?.message).toMatch(/use a different value\.$/);
});
