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

const nodeRows = [
  { code: 'root', label: 'R', parentCode: null },
  { code: 'a', label: 'A', parentCode: null },
  { code: 's1', label: 'S1', parentCode: 'a' },
];

/**
 * The error of one update that renames `a` (s1's parent: its `set default` resets s1.parentCode to
 * 'root') and sets `s1` to `s1Set`, over `nodeRows` and `more`.
 */
async function renameParentAnd(s1Set: (row: { label: string }) => object, more: (typeof nodeRows)[number][] = []) {
  const t = convexTest(schema, modules);
  return t.run(async (ctx) => {
    const db = orm.db(ctx);
    await db.insert(nodes).values([...nodeRows, ...more]);
    try {
      await db
        .update(nodes)
        .set((row) => (row.code === 'a' ? { code: 'a2' } : s1Set(row)))
        .where(inArray(nodes.code, ['a', 's1']));
      return null;
    } catch (e) {
      return { code: (e as { code?: string }).code, message: (e as Error).message };
    }
  });
}

it('a unique violation on a value an action wrote into a row the statement also updates names the action', async () => {
  // s1 is relabelled; the action sets its parentCode to 'root', which s0 holds.
  const error = await renameParentAnd(
    (row) => ({ label: `${row.label}!` }),
    [{ code: 's0', label: 'S0', parentCode: 'root' }],
  );
  expect(error?.code).toBe('UNIQUE_VIOLATION');
  expect(error?.message).toMatch(/parentCode/);
  expect(error?.message).not.toMatch(/use a different value/);
  expect(error?.message).toMatch(/foreign-key action/);
});

it('a conflict on a value the statement wrote itself into a row an action also changed keeps the update advice', async () => {
  // s1 takes the code 'root' (taken) while the action resets its parentCode (free: nobody else holds 'root').
  const error = await renameParentAnd(() => ({ code: 'root' }));
  expect(error?.code).toBe('UNIQUE_VIOLATION');
  expect(error?.message).toMatch(/^Duplicate code = "root"/);
  expect(error?.message).toMatch(/use a different value\.$/);
});
