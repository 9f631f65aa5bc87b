import {
  aggregateIndex,
  bigint,
  convexTable,
  createOrm,
  defineRelations,
  integer,
  number,
  text,
  timestamp,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// `_sum` / `_avg` of a bigint() column were type errors (NumericKeys took number() and integer()
// only), while db.select()'s sum(t.big) is a bigint: now `_sum` of it is `bigint | null` (the exact
// sum, as Postgres's numeric sum of int8), `_avg` `number | null`; other columns keep their types.
const ledger = convexTable(
  'ledger',
  { account: text().notNull(), big: bigint(), total: bigint().notNull(), n: integer(), x: number(), at: timestamp() },
  (t) => [aggregateIndex('ledger_by_account').on(t.account).count().sum(t.big).avg(t.big)],
);
const orm = createOrm({ relations: defineRelations({ ledger }) });
declare const ctx: Parameters<typeof orm.db>[0];
const db = orm.db(ctx);

describe('_sum / _avg of a bigint() column', () => {
  it('aggregate: _sum of a bigint() column is bigint | null, its _avg number | null', async () => {
    const result = await db.query.ledger.aggregate({
      _sum: { big: true, total: true, n: true, x: true },
      _avg: { big: true, n: true },
    });
    expectTypeOf(result).toEqualTypeOf<{
      _sum: { big: bigint | null; total: bigint | null; n: number | null; x: number | null };
      _avg: { big: number | null; n: number | null };
    }>();
  });

  it('groupBy: the same types, and orderBy takes the requested bigint sum', async () => {
    const rows = await db.query.ledger.groupBy({
      by: ['account'],
      _sum: { big: true },
      _avg: { big: true },
      orderBy: { _sum: { big: 'desc' }, _avg: { big: 'asc' } },
    });
    expectTypeOf(rows).toEqualTypeOf<
      { account: string; _sum: { big: bigint | null }; _avg: { big: number | null } }[]
    >();
  });

  it('a text or timestamp column is still refused by _sum / _avg, and an unrequested sum by orderBy', () => {
    // @ts-expect-error Postgres has no sum(text)
    db.query.ledger.aggregate({ _sum: { account: true } });
    // @ts-expect-error Postgres has no avg(timestamp)
    db.query.ledger.aggregate({ _avg: { at: true } });
    db.query.ledger.groupBy({
      by: ['account'],
      _sum: { n: true },
      // @ts-expect-error _sum.big is not requested
      orderBy: { _sum: { big: 'desc' } },
    });
  });
});
