import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { check, convexTable, createOrm, defineRelations, defineSchema, eq, integer, lte, text } from '../../src/index';

// Since 5bbed24 the update branch of onConflictDoUpdate no longer checks the table's check constraints in
// resolveConflicts: the statement's stages (checkChanges) do, "as a plain update's". But resolveConflicts
// still judges the update branch's unique keys (RowsSoFar.update) and "cannot affect a row a second
// time" row by row BEFORE those stages, so the check now comes last. A plain update checks constraints
// (checkChanges) before its unique keys (verifyUniques), and Postgres's ON CONFLICT DO UPDATE runs
// ExecUpdate per row (ExecConstraints, then the index insertion) before it looks at the next row, so a
// row whose update breaks a CHECK fails with CHECK_VIOLATION there. Before 5bbed24 the upsert agreed.
const counters = convexTable(
  'counters',
  { key: text().notNull().unique(), code: text().notNull().unique(), n: integer().notNull() },
  (t) => [check('n_at_most_10', lte(t.n, 10))],
);
const schema = defineSchema({ counters });
const relations = defineRelations({ counters });
const orm = createOrm({ relations });

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

describe("onConflictDoUpdate's update branch breaking a check constraint", () => {
  it('fails CHECK_VIOLATION before a unique key its set values take (as a plain update does)', async () => {
    const t = await world();
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
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
      const db = orm.db(ctx as never);
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
    // Postgres: row 1's DO UPDATE breaks n_at_most_10 (check_violation) before row 2 is looked at.
    expect(result.upsert).toBe('CHECK_VIOLATION');
    expect(result.rows).toEqual([
      ['a', 'A', 1],
      ['b', 'B', 1],
    ]);
  });
});
