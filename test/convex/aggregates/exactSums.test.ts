import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  aggregateIndex,
  avg,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  inArray,
  integer,
  number,
  sum,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';

const payments = convexTable('payments', { account: text().notNull(), amount: number(), cents: integer() }, (t) => [
  aggregateIndex('payments_by_account').on(t.account).count().sum(t.amount).avg(t.amount).sum(t.cents).shards(1),
]);
const schema = defineSchema({ payments });
const orm = createOrm({ relations: defineRelations({ payments }) });
const tables = [payments].map(getTableConfig);

type Payment = { amount?: number | null; cents?: number | null };

/**
 * Inserts `rows` under account x, then deletes those at the `removed` positions, each statement its
 * own transaction; returns the served (or, before the backfill, scanned) aggregate and grouped select.
 */
async function world(served: boolean, rows: Payment[], removed: number[]) {
  const t = convexTest(schema, modules);
  if (served)
    for (;;) {
      const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, 100));
      if (step.batch === null) break;
    }
  const ids = await t.run((ctx) =>
    orm
      .db(ctx as never)
      .insert(payments)
      .values(rows.map((row) => ({ account: 'x', ...row })))
      .returning({ _id: payments._id }),
  );
  await t.run((ctx) =>
    orm
      .db(ctx as never)
      .delete(payments)
      .where(
        inArray(
          payments._id,
          removed.map((i) => ids[i]!._id),
        ),
      ),
  );
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const query = db.query.payments.aggregate({
      where: { account: 'x' },
      _sum: { amount: true, cents: true },
      _avg: { amount: true },
    });
    return {
      aggregate: await query,
      select: await db
        .select({ account: payments.account, s: sum(payments.amount), a: avg(payments.amount), c: sum(payments.cents) })
        .from(payments)
        .where(eq(payments.account, 'x'))
        .groupBy(payments.account),
      explained: (await query.explain()).aggregate,
    };
  });
}

/** Both worlds, checked to be served and scanned as asked; their results without the explains. */
async function servedAndScanned(rows: Payment[], removed: number[]) {
  const { explained: servedPlan, ...served } = await world(true, rows, removed);
  const { explained: scanPlan, ...scanned } = await world(false, rows, removed);
  expect(servedPlan).toMatch(/^aggregate index payments_by_account /);
  expect(scanPlan).toMatch(/^building: /);
  return { served, scanned };
}

/** What the rows left sum to: `_sum`, `_avg` of amount, `_sum` of cents, as the aggregate and the select give them. */
function expected(amount: number | null, average: number | null, cents: number | null) {
  return {
    aggregate: { _sum: { amount, cents }, _avg: { amount: average } },
    select: [{ account: 'x', s: amount, a: average, c: cents }],
  };
}

describe('served sums are exact: the same after any inserts and deletes as the sum of the rows left', () => {
  it('1e17 + 1, then 1e17 deleted: 1 (a running float sum said 0)', async () => {
    const { served, scanned } = await servedAndScanned([{ amount: 1e17 }, { amount: 1 }], [0]);
    expect(scanned).toEqual(expected(1, 1, null));
    expect(served).toEqual(scanned);
  });

  it('0.1 + 0.2, then 0.1 deleted: 0.2 (a running float sum said 0.20000000000000004)', async () => {
    const { served, scanned } = await servedAndScanned([{ amount: 0.1 }, { amount: 0.2 }], [0]);
    expect(scanned).toEqual(expected(0.2, 0.2, null));
    expect(served).toEqual(scanned);
  });

  it('integer sums past 2^53 are exact before rounding: 2^53 + 1 + 1 is 2^53 + 2, and 2 once 2^53 is deleted', async () => {
    const rows = [{ cents: 2 ** 53 }, { cents: 1 }, { cents: 1 }];
    const before = await servedAndScanned(rows, []);
    expect(before.scanned).toEqual(expected(null, null, 2 ** 53 + 2));
    expect(before.served).toEqual(before.scanned);
    const after = await servedAndScanned(rows, [0]);
    expect(after.scanned).toEqual(expected(null, null, 2));
    expect(after.served).toEqual(after.scanned);
  });

  it('the sum is the correctly rounded sum of the values, whatever their order: 0.1 + 0.2 + 0.3 is 0.6', async () => {
    const rows = [{ amount: 0.1 }, { amount: 0.2 }, { amount: 0.3 }];
    // Added left to right a float sum says 0.6000000000000001; the exact sum of these three doubles rounds to 0.6.
    expect(rows.reduce((total, row) => total + row.amount, 0)).toBe(0.6000000000000001);
    const { served, scanned } = await servedAndScanned(rows, []);
    // The mean is the exact sum over 3, rounded once: 0.2 (the rounded sum over 3 says 0.19999999999999998).
    expect(0.6 / 3).toBe(0.19999999999999998);
    expect(scanned).toEqual(expected(0.6, 0.2, null));
    expect(served).toEqual(scanned);
  });

  it('Infinity and NaN count like IEEE sums and leave no trace once deleted', async () => {
    const rows = [{ amount: 1.5 }, { amount: Infinity }, { amount: -Infinity }, { amount: Number.NaN }];
    const all = await servedAndScanned(rows, []);
    expect(all.scanned).toEqual(expected(Number.NaN, Number.NaN, null));
    expect(all.served).toEqual(all.scanned);
    const positive = await servedAndScanned(rows, [2, 3]);
    expect(positive.scanned).toEqual(expected(Infinity, Infinity, null));
    expect(positive.served).toEqual(positive.scanned);
    const finite = await servedAndScanned(rows, [1, 2, 3]);
    expect(finite.scanned).toEqual(expected(1.5, 1.5, null));
    expect(finite.served).toEqual(finite.scanned);
  });
});
