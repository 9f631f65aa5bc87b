// db.query.<table>.groupBy({ ..., limit: 0 }) returns [] reading nothing, and its explain() says
// no read, as every other window of no rows (findMany limit 0, a with-load of limit 0, a select's
// groupBy().limit(0); Postgres's LIMIT 0 pulls no row): it read and grouped every matching row
// (26 here), and under a scan budget smaller than the table threw SCAN_BUDGET_EXCEEDED for an empty
// result (src/query/aggregate.ts runGroupBy, explainAggregate). Found by review.
import { expect, it } from 'vitest';
import { createOrm } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { relations, world } from './explainReviewFixture';

it('groupBy with limit 0 reads nothing and explains no read', async () => {
  const t = await world(3, 12, false);
  const orm = createOrm({ relations });
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const q = orm.db(ctx).query.posts.groupBy({ by: ['status'], _count: true, limit: 0 });
    const ex = await q.explain();
    const explainReads = { ...reads };
    const rows = await q;
    return { rows, read: ex.read, reads: { documents: reads.documents - explainReads.documents } };
  });
  expect(out).toEqual({ rows: [], read: 'none', reads: { documents: 0 } });
});

it('groupBy with limit 0 does not fail on a scan budget smaller than the table', async () => {
  const t = await world(3, 12, false);
  const orm = createOrm({ relations, scanBudget: 5 });
  const out = await t.run(async (ctx) =>
    orm
      .db(ctx)
      .query.posts.groupBy({ by: ['status'], _count: true, limit: 0 })
      .then(
        (rows) => rows,
        (e) => String(e),
      ),
  );
  expect(out).toEqual([]);
});
