import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  avg,
  bigint,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  inArray,
  sum,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { countReads } from '../../../src/testing/index';
import { backfillAll } from './fixture';

// `_sum` / `_avg` of a bigint() column were refused (a type error, INVALID_QUERY; `.sum(big)` of an
// aggregate index INVALID_SCHEMA, and the bounded scan's exact sum threw a TypeError on a bigint),
// while db.select()'s sum(t.big) summed it exactly, as Postgres sums int8 to a numeric. Now `_sum`
// is the exact bigint (RESULT_TOO_LARGE past int64), `_avg` the exact sum divided and rounded once,
// served from the buckets (an int64 v kept as v << 1074 units of the exact sum) bit for bit as scanned.
const ledger = convexTable('ledger', { account: text().notNull(), big: bigint() }, (t) => [
  aggregateIndex('ledger_by_account').on(t.account).count().sum(t.big).avg(t.big).shards(2),
]);
const schema = defineSchema({ ledger });
const orm = createOrm({ relations: defineRelations({ ledger }) });
const tables = [ledger].map(getTableConfig);

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

type Row = { account: string; big?: bigint | null };
type Test = ReturnType<typeof convexTest>;

/** A deployment whose aggregate index is built (`served`) or never backfilled (reads scan the rows). */
async function deployment(served: boolean): Promise<Test> {
  const t = convexTest({ schema, modules, transactionLimits: true });
  if (served) await backfillAll(t, 100, tables);
  return t;
}

async function insert(t: Test, rows: Row[]) {
  const ids = await t.run((ctx) =>
    orm
      .db(ctx as never)
      .insert(ledger)
      .values(rows)
      .returning({ _id: ledger._id }),
  );
  return ids.map((row) => row._id);
}

async function outcome<T>(run: () => Promise<T>): Promise<T | { code: string | undefined; message: string }> {
  try {
    return await run();
  } catch (error) {
    return { code: (error as { code?: string }).code, message: String((error as Error).message) };
  }
}

/** Account `account`'s aggregate and grouped select, what explain() says of the aggregate, what the select read. */
function totals(t: Test, account: string) {
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const { ctx: counted, reads } = countReads(ctx);
    const query = db.query.ledger.aggregate({
      where: { account },
      _count: true,
      _sum: { big: true },
      _avg: { big: true },
    });
    const select = orm
      .db(counted as never)
      .select({ s: sum(ledger.big), a: avg(ledger.big) })
      .from(ledger)
      .where(eq(ledger.account, account))
      .groupBy(ledger.account);
    return {
      aggregate: await outcome(() => query),
      select: await outcome(() => select),
      plan: (await query.explain()).aggregate,
      selectReads: reads.documents,
    };
  });
}

/** The same writes on a served and a scanned deployment; their results, checked to be read as named. */
async function bothWays(write: (t: Test) => Promise<void>, account = 'x') {
  const results = [];
  for (const served of [true, false]) {
    const t = await deployment(served);
    await write(t);
    const { plan, selectReads, ...result } = await totals(t, account);
    expect(plan).toMatch(served ? /^aggregate index ledger_by_account/ : /^building: /);
    // Served, the select reads the index's state and the key's buckets (2 shards), not the rows.
    if (served) expect(selectReads).toBeLessThanOrEqual(3);
    results.push(result);
  }
  const [served, scanned] = results;
  expect(served).toEqual(scanned);
  return scanned!;
}

/** `n / 2^k` exactly: every float64 is one. */
function exactRational(value: number): { n: bigint; k: bigint } {
  let k = 0;
  while (!Number.isInteger(value * 2 ** k)) k++;
  return { n: BigInt(value * 2 ** k), k: BigInt(k) };
}

/** The float64s next to `value` (its neighbours on the float64 grid). */
function neighbours(value: number): number[] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigInt64(0);
  return [bits - 1n, bits + 1n].map((b) => {
    view.setBigInt64(0, b);
    return view.getFloat64(0);
  });
}

/** |value - total / count| * count * 2^k, exactly (k: the larger of the two values' scales). */
function distance(value: number, total: bigint, count: bigint, k: bigint): bigint {
  const r = exactRational(value);
  const d = r.n * count * 2n ** (k - r.k) - total * 2n ** k;
  return d < 0n ? -d : d;
}

/** True when `mean` is a float64 nearest `total / count` (computed exactly, in BigInt). */
function isNearest(mean: number, total: bigint, count: bigint): boolean {
  const others = neighbours(mean);
  const k = [mean, ...others].reduce((most, x) => (exactRational(x).k > most ? exactRational(x).k : most), 0n);
  const own = distance(mean, total, count, k);
  return others.every((other) => own <= distance(other, total, count, k));
}

describe('_sum / _avg of a bigint() column, served and scanned', () => {
  it('values near ±2^63 sum exactly to a bigint; the mean is the exact quotient rounded once; nulls ignored', async () => {
    const values = [MAX, MIN, MAX - 10n, -3n];
    const result = await bothWays(async (t) => {
      await insert(t, [...values.map((big) => ({ account: 'x', big })), { account: 'x', big: null }, { account: 'x' }]);
    });
    const total = MAX + MIN + MAX - 10n - 3n;
    const mean = (result.aggregate as { _avg: { big: number } })._avg.big;
    expect(result.aggregate).toEqual({ _count: 6, _sum: { big: total }, _avg: { big: mean } });
    expect(isNearest(mean, total, 4n)).toBe(true);
    // Rounding the sum to a float64 first, then dividing, is off: the mean is rounded once.
    expect(mean).toBe(Number(total / 4n));
    expect(result.select).toEqual([{ s: total, a: mean }]);
  });

  it('a mean that is no float64 is the nearest one, where Number(sum) / count rounds twice', async () => {
    // Seven rows of 853643155235332759: Number(7 * v) / 7 is not Number(v).
    const v = 853643155235332759n;
    const result = await bothWays(async (t) => {
      await insert(
        t,
        Array.from({ length: 7 }, () => ({ account: 'x', big: v })),
      );
    });
    expect(Number(7n * v) / 7).not.toBe(Number(v));
    expect(result.aggregate).toEqual({ _count: 7, _sum: { big: 7n * v }, _avg: { big: Number(v) } });
    // 1, 1, 2^60 + 1: the mean (2^60 + 3) / 3 is between float64s.
    const odd = await bothWays(async (t) => {
      await insert(
        t,
        [1n, 1n, 2n ** 60n + 1n].map((big) => ({ account: 'x', big })),
      );
    });
    const mean = (odd.aggregate as { _avg: { big: number } })._avg.big;
    expect(isNearest(mean, 2n ** 60n + 3n, 3n)).toBe(true);
  });

  it('many rows past 2^53 sum exactly', async () => {
    const big = 2n ** 52n + 1n;
    const result = await bothWays(async (t) => {
      await insert(
        t,
        Array.from({ length: 40 }, (_, i) => ({ account: 'x', big: i % 2 ? big : -big + 3n })),
      );
    });
    const total = 20n * big + 20n * (-big + 3n);
    expect(result.aggregate).toMatchObject({ _count: 40, _sum: { big: total } });
    const many = await bothWays(async (t) => {
      await insert(
        t,
        Array.from({ length: 40 }, () => ({ account: 'x', big })),
      );
    });
    expect(many.aggregate).toMatchObject({ _sum: { big: 40n * big } });
    expect(40n * big).toBeGreaterThan(2n ** 53n);
    expect(BigInt(Number(40n * big))).not.toBe(40n * big);
  });

  it('a sum past int64 is RESULT_TOO_LARGE naming it, in aggregate and select alike; its mean is returned', async () => {
    const result = await bothWays(async (t) => {
      await insert(
        t,
        [2n ** 62n, 2n ** 62n, 2n ** 62n].map((big) => ({ account: 'x', big })),
      );
    });
    expect(result.aggregate).toEqual({
      code: 'RESULT_TOO_LARGE',
      message: expect.stringContaining('_sum.big is 13835058055282163712'),
    });
    expect(result.select).toMatchObject({ code: 'RESULT_TOO_LARGE' });
    const t = await deployment(true);
    await insert(
      t,
      [MIN, MIN].map((big) => ({ account: 'x', big })),
    );
    const mean = await t.run((ctx) =>
      orm.db(ctx as never).query.ledger.aggregate({ where: { account: 'x' }, _avg: { big: true } }),
    );
    expect(mean).toEqual({ _avg: { big: -(2 ** 63) } });
    const below = await outcome(() =>
      t.run((ctx) => orm.db(ctx as never).query.ledger.aggregate({ where: { account: 'x' }, _sum: { big: true } })),
    );
    expect(below).toMatchObject({ code: 'RESULT_TOO_LARGE' });
  });

  it('no values: _sum and _avg null', async () => {
    const result = await bothWays(async (t) => {
      await insert(t, [{ account: 'x', big: null }, { account: 'x' }, { account: 'y', big: 5n }]);
    });
    expect(result.aggregate).toEqual({ _count: 2, _sum: { big: null }, _avg: { big: null } });
    expect(result.select).toEqual([{ s: null, a: null }]);
  });
});

describe('the buckets stay exact through inserts, updates and deletes', () => {
  it('updates and deletes leave the exact sum of the rows left; deleting every row leaves no sum behind', async () => {
    const values = [MAX, MIN, 7n, MAX - 1n, -(2n ** 62n), 123456789012345678n, null];
    const write = async (t: Test) => {
      const ids = await insert(
        t,
        values.map((big) => ({ account: 'x', big })),
      );
      await t.run(async (ctx) => {
        const db = orm.db(ctx as never);
        await db
          .update(ledger)
          .set({ big: MIN + 5n })
          .where(eq(ledger._id, ids[0]!));
        await db.update(ledger).set({ big: null }).where(eq(ledger._id, ids[2]!));
        await db.update(ledger).set({ big: 42n }).where(eq(ledger._id, ids[6]!));
        await db.delete(ledger).where(inArray(ledger._id, [ids[1]!, ids[4]!]));
      });
    };
    const result = await bothWays(write);
    const left = [MIN + 5n, MAX - 1n, 123456789012345678n, 42n];
    const total = left.reduce((a, b) => a + b, 0n);
    expect(result.aggregate).toEqual({
      _count: 5,
      _sum: { big: total },
      _avg: { big: (result.aggregate as { _avg: { big: number } })._avg.big },
    });
    expect(isNearest((result.aggregate as { _avg: { big: number } })._avg.big, total, 4n)).toBe(true);

    const t = await deployment(true);
    await write(t);
    await t.run((ctx) =>
      orm
        .db(ctx as never)
        .delete(ledger)
        .where(eq(ledger.account, 'x')),
    );
    const buckets = await t.run((ctx) => ctx.db.query('aggregate_bucket' as never).collect());
    for (const bucket of buckets as { count: number; sums: Record<string, unknown> }[]) {
      expect(bucket.count).toBe(0);
      expect(bucket.sums).toEqual({});
    }
    expect((await totals(t, 'x')).aggregate).toEqual({ _count: 0, _sum: { big: null }, _avg: { big: null } });
  });
});

describe('groupBy over a bigint() column', () => {
  it('orders by the exact sum: groups one apart past 2^53 keep their order', async () => {
    const base = 2n ** 62n + 2n ** 61n;
    const rows = [
      { account: 'a', big: base },
      { account: 'b', big: base - 1n },
      { account: 'b', big: 2n },
      { account: 'c', big: -5n },
      { account: 'd', big: null },
    ];
    const results = [];
    for (const served of [true, false]) {
      const t = await deployment(served);
      await insert(t, rows);
      results.push(
        await t.run((ctx) =>
          orm.db(ctx as never).query.ledger.groupBy({
            by: ['account'],
            _sum: { big: true },
            _avg: { big: true },
            orderBy: { _sum: { big: 'desc' } },
          }),
        ),
      );
    }
    // Both sums round to the same float64: only the exact values order b before a.
    expect(Number(base + 1n)).toBe(Number(base));
    expect(results[0]).toEqual([
      { account: 'b', _sum: { big: base + 1n }, _avg: { big: Number(base + 1n) / 2 } },
      { account: 'a', _sum: { big: base }, _avg: { big: Number(base) } },
      { account: 'c', _sum: { big: -5n }, _avg: { big: -5 } },
      // No values: null, which Convex orders first (desc: last).
      { account: 'd', _sum: { big: null }, _avg: { big: null } },
    ]);
    expect(results[1]).toEqual(results[0]);
  });
});

describe('what _sum / _avg and .sum() / .avg() take', () => {
  it('a text column stays refused: INVALID_QUERY, and INVALID_SCHEMA in an aggregate index', async () => {
    const t = await deployment(false);
    const refused = await outcome(() =>
      t.run((ctx) => orm.db(ctx as never).query.ledger.aggregate({ _sum: { account: true } as never })),
    );
    expect(refused).toMatchObject({ code: 'INVALID_QUERY' });
    expect(() =>
      convexTable('notes', { body: text() }, (t) => [aggregateIndex('notes_all').all().sum(t.body)]),
    ).toThrow(expect.objectContaining({ code: 'INVALID_SCHEMA' }));
  });
});
