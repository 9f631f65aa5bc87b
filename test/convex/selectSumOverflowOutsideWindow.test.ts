// A grouped select whose `sum()` of a `bigint()` column is past int64 in a group that `offset()`
// skips (or DISTINCT compares and drops) returns the window: only the returned rows are held to
// Convex's int64 limit. docs/select.md ("Semantics
// and divergences") says a selected sum past int64 throws RESULT_TOO_LARGE "before the function
// would fail returning it", and that in `having` or `orderBy` only it "compares as Postgres's
// numeric does" (no error): a value that is not returned must not fail the query. Postgres
// (Drizzle v1) returns the window `[{ n: 'b', s: '1' }]` here; convex-orm should return
// `[{ n: 'b', s: 1n }]` (bigint per the documented divergence).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { asc, bigint, convexTable, createOrm, defineRelations, defineSchema, sum, text } from '../../src/index';

const ledger = convexTable('ledger', { name: text().notNull(), amount: bigint() });
const schema = defineSchema({ ledger });
const orm = createOrm({ relations: defineRelations({ ledger }, () => ({})) });

async function seeded<R>(fn: (db: ReturnType<typeof orm.db>) => Promise<R>): Promise<R> {
  const t = convexTest(schema as never, modules);
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    // Group 'a' sums to 2^63 (past int64); group 'b' to 1n.
    await db.insert(ledger).values([
      { name: 'a', amount: 2n ** 62n },
      { name: 'a', amount: 2n ** 62n },
      { name: 'b', amount: 1n },
    ]);
    return fn(db);
  });
}

type Db = Parameters<Parameters<typeof seeded>[0]>[0];
const bySum = (db: Db) => db.select({ n: ledger.name, s: sum(ledger.amount) });
const distinctBySum = (db: Db) => db.selectDistinct({ n: ledger.name, s: sum(ledger.amount) });

describe('select: a sum past int64 in a group outside the window is not returned, so it does not fail', () => {
  it.each([
    ['offset(1) skips the overflowing group', (db: Db) => grouped(bySum(db)).offset(1)],
    ['limit(1).offset(1) skips the overflowing group', (db: Db) => grouped(bySum(db)).limit(1).offset(1)],
    [
      'selectDistinct with offset(1): the skipped group is compared, not returned',
      (db: Db) => grouped(distinctBySum(db)).offset(1),
    ],
  ])('%s', async (_, query) => {
    expect(await seeded(query)).toEqual([{ n: 'b', s: 1n }]);
  });
});

/** Grouped by name, ordered by it: groups 'a' (its sum past int64), then 'b'. */
function grouped<S extends ReturnType<typeof bySum>>(select: S) {
  return select.from(ledger).groupBy(ledger.name).orderBy(asc(ledger.name));
}
