import {
  avg,
  avgDistinct,
  bigint,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  integer,
  json,
  max,
  min,
  sum,
  sumDistinct,
  text,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// What each aggregate takes and gives by the column's kind, as Postgres: sum of an int8 is an exact
// numeric (here a bigint), its avg a numeric (here a number); min/max of a boolean or jsonb does not
// exist ("function min(boolean) does not exist"), INVALID_QUERY at run time.
const items = convexTable('items', {
  name: text().notNull(),
  big: bigint(),
  views: integer(),
  flag: boolean(),
  meta: json<{ tags: string[] }>(),
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
    const query = db.select({ first: min(items.name), most: max(items.big) }).from(items);
    expectTypeOf<Awaited<typeof query>>().toEqualTypeOf<{ first: string | null; most: bigint | null }[]>();
  });
});
