import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  check,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  eq,
  integer,
  lte,
  text,
} from '../../src/index';

// cdc0110 judges the update branch's check constraints before its unique keys again, but only when the
// ORM has no rules at all (rowMayChangeBeforeChecks: `context.rules !== null`). Rules never change a row:
// `update.check` only judges it, and Postgres judges the UPDATE policy's WITH CHECK and then the CHECK
// constraints before the index insertion (ExecUpdate). So with rules that allow the update (here rules
// only for another table, none for `counters`) a plain update fails CHECK_VIOLATION while the same change
// as onConflictDoUpdate still fails UNIQUE_VIOLATION: the error a user sees depends on whether the app
// has rules for some unrelated table.
const counters = convexTable(
  'counters',
  { key: text().notNull().unique(), code: text().notNull().unique(), n: integer().notNull() },
  (t) => [check('n_at_most_10', lte(t.n, 10))],
);
const others = convexTable('others', { owner: text().notNull() });
const schema = defineSchema({ counters, others });
const relations = defineRelations({ counters, others });
const rules = defineRules(relations, async () => ({ others: { read: { owner: 'nobody' } } }));
const ruled = createOrm({ relations, rules });

async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('counters', { key: 'a', code: 'A', n: 1 });
    await ctx.db.insert('counters', { key: 'b', code: 'B', n: 1 });
  });
  return t;
}

const outcome = async (run: () => Promise<unknown>) => {
  try {
    return await run();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

describe("onConflictDoUpdate's update branch breaking a check constraint, with rules for another table only", () => {
  it('fails CHECK_VIOLATION before a unique key its set values take (as a plain update does)', async () => {
    const t = await world();
    const result = await t.run(async (ctx) => {
      const db = ruled.db(ctx as never);
      const plain = await outcome(() => db.update(counters).set({ code: 'A', n: 50 }).where(eq(counters.key, 'b')));
      const upsert = await outcome(() =>
        db
          .insert(counters)
          .values({ key: 'b', code: 'Z', n: 1 })
          .onConflictDoUpdate({ target: counters.key, set: { code: 'A', n: 50 } }),
      );
      return { plain, upsert };
    });
    expect(result.plain).toBe('CHECK_VIOLATION');
    expect(result.upsert).toBe('CHECK_VIOLATION');
  });

  it('fails CHECK_VIOLATION on the first row, before a later row conflicts with it', async () => {
    const t = await world();
    const result = await t.run(async (ctx) => {
      const db = ruled.db(ctx as never);
      const upsert = await outcome(() =>
        db
          .insert(counters)
          .values([
            { key: 'b', code: 'Y', n: 1 },
            { key: 'b', code: 'Z', n: 1 },
          ])
          .onConflictDoUpdate({ target: counters.key, set: { n: 50 } }),
      );
      const rows = await ctx.db.query('counters').collect();
      return { upsert, rows: rows.map((row) => [row.key, row.code, row.n]) };
    });
    expect(result.upsert).toBe('CHECK_VIOLATION');
    expect(result.rows).toEqual([
      ['a', 'A', 1],
      ['b', 'B', 1],
    ]);
  });
});
