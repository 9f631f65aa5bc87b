// An onConflict target names a set of columns, and Postgres takes every unique index on exactly
// those columns as an arbiter (infer_arbiter_indexes). With two unique constraints on the same
// columns that differ in `nulls not distinct`, the nulls-distinct one declared first, a proposed
// row whose key holds a null conflicts through the other: Postgres (checked on PGlite: `unique (a, b)`
// and `unique nulls not distinct (a, b)`, a stored (1, null)) gives `on conflict (a, b) do update set
// n = 9 returning n` [{ n: 9 }], and `do nothing returning n` [] writing nothing; so does the ORM,
// where the first constraint alone would find no conflict and the second then throw UNIQUE_VIOLATION.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, integer, unique } from '../../src/index';
import { outcome } from './mutationHarness';

const pairs = convexTable('pairs', { a: integer(), b: integer(), n: integer() }, (t) => [
  unique('ab_distinct').on(t.a, t.b),
  unique('ab_not_distinct').on(t.a, t.b).nullsNotDistinct(),
]);
const schema = defineSchema({ pairs });
const orm = createOrm({ relations: defineRelations({ pairs }) });

async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('pairs', { a: 1, b: null, n: 0 });
  });
  return t;
}

const writer = (ctx: unknown) => orm.db(ctx as never);
/** The proposed row (1, null), which conflicts with the stored one under the nulls-not-distinct constraint only. */
const proposed = (ctx: unknown) => writer(ctx).insert(pairs).values({ a: 1, b: null, n: 5 });

/** What the upsert returns and what the table holds after it, over a stored (1, null). */
async function upserted(upsert: (insert: ReturnType<typeof proposed>) => PromiseLike<unknown>) {
  const t = await world();
  return t.run(async (ctx) => {
    const returned = await outcome(async () => upsert(proposed(ctx)));
    const rows = (await ctx.db.query('pairs').collect()).map(({ a, b, n }) => ({ a, b, n }));
    return { returned, rows };
  });
}

it('onConflictDoUpdate on (a, b) updates the row the nulls-not-distinct constraint on (a, b) finds', async () => {
  const result = await upserted((insert) =>
    insert.onConflictDoUpdate({ target: [pairs.a, pairs.b], set: { n: 9 } }).returning({ n: pairs.n }),
  );
  expect(result).toEqual({ returned: [{ n: 9 }], rows: [{ a: 1, b: null, n: 9 }] });
});

it('onConflictDoNothing on (b, a) skips the row the nulls-not-distinct constraint on (a, b) finds', async () => {
  const result = await upserted((insert) =>
    insert.onConflictDoNothing({ target: [pairs.b, pairs.a] }).returning({ n: pairs.n }),
  );
  expect(result).toEqual({ returned: [], rows: [{ a: 1, b: null, n: 0 }] });
});
