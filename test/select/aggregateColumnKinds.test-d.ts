import {
  arrayOf,
  avg,
  avgDistinct,
  bigint,
  boolean,
  bytes,
  convexTable,
  createOrm,
  defineRelations,
  integer,
  json,
  max,
  min,
  objectOf,
  sum,
  sumDistinct,
  text,
  timestamp,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// What each aggregate takes and gives by the column's kind, as Postgres: sum of an int8 is an exact
// numeric (here a bigint), its avg a numeric (here a number); min/max of a boolean or jsonb does not
// exist ("function min(boolean) does not exist"), INVALID_QUERY at run time; nor sum/avg of a timestamp.
// db.query.x.aggregate's _sum/_min/_max take the same kinds (bigint aside, which _sum does not take).
const items = convexTable('items', {
  name: text().notNull(),
  big: bigint(),
  views: integer(),
  flag: boolean(),
  meta: json<{ tags: string[] }>(),
  shape: objectOf({ n: integer().notNull() }),
  at: timestamp(),
  raw: bytes(),
  list: arrayOf(integer().notNull()),
});
const orm = createOrm({ relations: defineRelations({ items }) });
declare const ctx: Parameters<typeof orm.db>[0];
const db = orm.db(ctx);

describe('aggregate types by column kind', () => {
  it('sum of a bigint() column is a bigint, its avg a number', () => {
    const query = db
      .select({
        total: sum(items.big),
        distinct: sumDistinct(items.big),
        mean: avg(items.big),
        distinctMean: avgDistinct(items.big),
        views: sum(items.views),
      })
      .from(items);
    expectTypeOf<Awaited<typeof query>>().toEqualTypeOf<
      {
        total: bigint | null;
        distinct: bigint | null;
        mean: number | null;
        distinctMean: number | null;
        views: number | null;
      }[]
    >();
  });

  it('min and max of a boolean or json column are type errors; of other columns their type', () => {
    // @ts-expect-error Postgres has no min(boolean)
    min(items.flag);
    // @ts-expect-error Postgres has no max(boolean)
    max(items.flag);
    // @ts-expect-error Postgres has no max(jsonb)
    max(items.meta);
    // @ts-expect-error Postgres has no min(jsonb)
    min(items.meta);
    // @ts-expect-error Postgres has no max(jsonb), an objectOf() column's type
    max(items.shape);
    // @ts-expect-error nor may db.query.x.aggregate take it
    db.query.items.aggregate({ _min: { shape: true } });
    const query = db.select({ first: min(items.name), most: max(items.big) }).from(items);
    expectTypeOf<Awaited<typeof query>>().toEqualTypeOf<{ first: string | null; most: bigint | null }[]>();
  });

  it('min and max of a bytes() or arrayOf() column are their type, in db.select() and _min/_max alike', () => {
    const query = db.select({ least: min(items.raw), most: max(items.list) }).from(items);
    expectTypeOf<Awaited<typeof query>>().toEqualTypeOf<{ least: ArrayBuffer | null; most: number[] | null }[]>();
    db.query.items.aggregate({ _min: { raw: true }, _max: { list: true } });
  });

  it('sum and avg of a timestamp() column are type errors, as _sum of it is', () => {
    // @ts-expect-error Postgres has no sum(timestamp)
    sum(items.at);
    // @ts-expect-error Postgres has no avg(timestamp)
    avg(items.at);
    // @ts-expect-error nor may db.query.x.aggregate take it
    db.query.items.aggregate({ _sum: { at: true } });
  });
});
