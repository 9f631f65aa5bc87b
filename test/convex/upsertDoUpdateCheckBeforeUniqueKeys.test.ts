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
  defineTriggers,
  eq,
  integer,
  lte,
  text,
} from '../../src/index';
import { outcome } from './mutationHarness';

// Postgres's ON CONFLICT DO UPDATE runs ExecUpdate per row (BEFORE UPDATE trigger, the policies' WITH
// CHECK, the CHECK constraints, then the index insertion) before it looks at the next row, as a plain
// UPDATE does: a row whose update breaks a CHECK and takes another row's unique key fails
// CHECK_VIOLATION. The upsert once judged its unique keys first: always (5bbed24), then only when the
// ORM had rules for any table or the table a beforeUpdate hook (cdc0110, fixed in cd8e7a4). Each ORM
// below is one of those: no rules or hooks; rules for another table only (rules never change a row);
// a beforeUpdate hook that leaves the row as planned (an audit hook).
const counters = convexTable(
  'counters',
  { key: text().notNull().unique(), code: text().notNull().unique(), n: integer().notNull() },
  (t) => [check('n_at_most_10', lte(t.n, 10))],
);
const others = convexTable('others', { owner: text().notNull() });
const schema = defineSchema({ counters, others });
const relations = defineRelations({ counters, others });
const orms = {
  'no rules or hooks': createOrm({ relations }),
  'rules for another table only': createOrm({
    relations,
    rules: defineRules(relations, async () => ({ others: { read: { owner: 'nobody' } } })),
  }),
  'a beforeUpdate hook': createOrm({
    relations,
    triggers: defineTriggers(relations, { counters: { beforeUpdate: () => undefined } }),
  }),
};

async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('counters', { key: 'a', code: 'A', n: 1 });
    await ctx.db.insert('counters', { key: 'b', code: 'B', n: 1 });
  });
  return t;
}

describe.each(Object.entries(orms))("onConflictDoUpdate's update branch breaking a check constraint, %s", (_, orm) => {
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
    expect(result).toEqual({ plain: 'CHECK_VIOLATION', upsert: 'CHECK_VIOLATION' });
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
