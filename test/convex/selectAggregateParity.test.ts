import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayOf,
  avg,
  avgDistinct,
  bigint,
  bytes,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  desc,
  integer,
  max,
  min,
  objectOf,
  sum,
  sumDistinct,
  timestamp,
} from '../../src/index';

// db.select()'s aggregates where they parted from Postgres and from db.query.x.aggregate:
// - avg() of a bigint() column was Number(total) / count, the sum rounded to a float64 before the
//   quotient was: seven rows of 853643155235332759n averaged to 853643155235332900, not to that value
//   as a float64, 853643155235332700 (Postgres: avg = 853643155235332759). Now divided exactly, rounded once.
// - sum() of a bigint() column past int64 (2^62 + 2^62) is no Convex value: returning the rows failed
//   the function with Convex's untyped "does not fit into a 64-bit signed integer". Now RESULT_TOO_LARGE.
// - min()/max() of an objectOf() column (jsonb: "function max(jsonb) does not exist") returned a value
//   where db.query.x.aggregate's _min/_max refuse it: both now take the same kinds (bytes and arrays
//   too, as Postgres has min(bytea) and max(int[])).
// - sum()/avg() of a timestamp() column summed its milliseconds where _sum refuses it and Postgres
//   raises "function sum(timestamp) does not exist": INVALID_QUERY.
const items = convexTable('items', {
  g: integer().notNull(),
  big: bigint(),
  obj: objectOf({ n: integer().notNull() }),
  ts: timestamp(),
  raw: bytes(),
  list: arrayOf(integer().notNull()),
});
const relations = defineRelations({ items });
const orm = createOrm({ relations });
const V = 853643155235332759n;

async function outcome(f: () => PromiseLike<unknown>) {
  try {
    return await f();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('avg of a bigint() column', () => {
  it('the mean of seven equal int64s is that value (as a float64), not the double-rounded sum / 7', async () => {
    const t = convexTest(defineSchema({ items }), modules);
    const rows = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(items).values(Array.from({ length: 7 }, () => ({ g: 1, big: V })));
      return db.select({ total: sum(items.big), mean: avg(items.big) }).from(items);
    });
    expect(rows[0]!.total).toBe(7n * V);
    // Postgres: avg(int8) = 853643155235332759 (numeric); as a float64 853643155235332700.
    expect(rows[0]!.mean).toBe(Number(V));
  });

  it('a sum past int64 does not fail the function with an untyped Convex error', async () => {
    const t = convexTest(defineSchema({ items }), modules);
    const result = await t
      .run(async (ctx) => {
        const db = orm.db(ctx);
        await db.insert(items).values([
          { g: 1, big: 2n ** 62n },
          { g: 1, big: 2n ** 62n },
        ]);
        try {
          return { rows: await db.select({ total: sum(items.big) }).from(items) };
        } catch (error) {
          return { code: (error as { code?: string }).code ?? 'untyped' };
        }
      })
      .catch((error: unknown) => ({ untyped: String(error) }));
    // Either a Convex value (Drizzle returns the numeric as a string) or a typed OrmError.
    expect(result).not.toHaveProperty('untyped');
    expect(result).toEqual({ code: 'RESULT_TOO_LARGE' });
  });

  it('a sum past int64 that is not selected orders and filters the groups, as Postgres’s numeric does', async () => {
    const t = convexTest(defineSchema({ items }), modules);
    const rows = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(items).values([
        { g: 1, big: 2n ** 62n },
        { g: 1, big: 2n ** 62n },
        { g: 2, big: -(2n ** 62n) },
        { g: 2, big: -(2n ** 62n) },
        { g: 2, big: -(2n ** 62n) },
      ]);
      return db
        .select({ g: items.g, mean: avg(items.big), distinct: sumDistinct(items.big) })
        .from(items)
        .groupBy(items.g)
        .orderBy(desc(sum(items.big)));
    });
    expect(rows).toEqual([
      { g: 1, mean: 2 ** 62, distinct: 2n ** 62n },
      { g: 2, mean: -(2 ** 62), distinct: -(2n ** 62n) },
    ]);
  });
});

describe('min / max of an objectOf() column (jsonb on Postgres)', () => {
  it.each([
    ['min', () => min(items.obj as never)],
    ['max', () => max(items.obj as never)],
  ])('%s of it is INVALID_QUERY, as for json() and as db.query.x.aggregate refuses it', async (_, aggregate) => {
    const t = convexTest(defineSchema({ items }), modules);
    const [select, relational] = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(items).values([
        { g: 1, obj: { n: 1 } },
        { g: 1, obj: { n: 2 } },
      ]);
      return [
        await outcome(() => db.select({ value: aggregate() }).from(items)),
        await outcome(() => db.query.items.aggregate({ _max: { obj: true } } as never)),
      ];
    });
    expect(relational).toBe('INVALID_QUERY');
    expect(select).toBe('INVALID_QUERY');
  });
});

describe('min / max of a bytes() or arrayOf() column (Postgres: min(bytea), max(int[]))', () => {
  it('both db.select() and db.query.x.aggregate give the value in Convex order', async () => {
    const t = convexTest(defineSchema({ items }), modules);
    const [select, relational] = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(items).values([
        { g: 1, raw: new Uint8Array([2]).buffer, list: [1, 2] },
        { g: 1, raw: new Uint8Array([1, 9]).buffer, list: [3] },
      ]);
      const [row] = await db.select({ least: min(items.raw), most: max(items.list) }).from(items);
      const totals = await db.query.items.aggregate({ _min: { raw: true }, _max: { list: true } });
      return [
        { least: [...new Uint8Array(row!.least!)], most: row!.most },
        { least: [...new Uint8Array(totals._min.raw!)], most: totals._max.list },
      ];
    });
    expect(select).toEqual({ least: [1, 9], most: [3] });
    expect(relational).toEqual(select);
  });
});

describe('sum / avg of a timestamp() column (Postgres: "function sum(timestamp) does not exist")', () => {
  it.each([
    ['sum', () => sum(items.ts as never)],
    ['sumDistinct', () => sumDistinct(items.ts as never)],
    ['avg', () => avg(items.ts as never)],
    ['avgDistinct', () => avgDistinct(items.ts as never)],
  ])('%s of it is INVALID_QUERY, as db.query.x.aggregate refuses _sum of it', async (_, aggregate) => {
    const t = convexTest(defineSchema({ items }), modules);
    const [select, relational] = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(items).values([{ g: 1, ts: 1000 }]);
      return [
        await outcome(async () => db.select({ value: aggregate() }).from(items)),
        await outcome(() => db.query.items.aggregate({ _sum: { ts: true } } as never)),
      ];
    });
    expect(relational).toBe('INVALID_QUERY');
    expect(select).toBe('INVALID_QUERY');
  });
});
