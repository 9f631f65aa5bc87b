import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { orm, type Row, relations, schema } from './pagesFixture';

// An `in` list of k values is k ranges of by_status_rank merged on rank. A later page resumes each
// range after the cursor's key as d = 2 ranges (the ties on rank, after _creationTime; then past rank).
// The merge read the head of all k * d of them before its first row: when rows tie on the order
// field (ordering by a low-cardinality field is common) every one is non-empty, so a later page read
// k * d - 1 rows ahead, not the k - 1 the page's limits allow for (paginate.ts: `lookahead =
// plan.ranges.length - 1`) and docs/queries.md promises ("up to n + k - 1 documents"); under a
// transaction read budget of 3 documents the second page failed SCAN_BUDGET_EXCEEDED on every retry.
// Now each planned range's d ranges are read one after another and only the k chains are merged.
const tied = (count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ status: i % 2 ? 'a' : 'b', rank: Math.floor(i / 4), flag: true }));
const config = { where: { status: { in: ['a', 'b'] } }, orderBy: { rank: 'asc' }, columns: { rank: true } };

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (const row of tied(20)) await ctx.db.insert('items', row);
  });
  return t;
}

describe('a later page of a merged in list, rows tied on the order field', () => {
  it('reads at most maximumRowsRead + k - 1 documents (k = 2)', async () => {
    const t = await backend();
    const reads: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 4; i++) {
      const { page, documents } = await t.run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const page: any = await orm
          .db(ctx)
          .query.items.paginate({ numItems: 5, cursor, maximumRowsRead: 2 }, config as never);
        return { page, documents: reads.documents };
      });
      reads.push(documents);
      cursor = page.continueCursor;
    }
    // Read [2, 4, 4, 3] before: every later page read the heads of 4 ranges.
    expect(Math.max(...reads)).toBeLessThanOrEqual(2 + 1);
  });

  it('reads at most one row past maximumBytesRead in each other range (k = 2)', async () => {
    const t = await backend();
    const reads: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 4; i++) {
      const { page, documents } = await t.run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const page: any = await orm
          .db(ctx)
          .query.items.paginate({ numItems: 5, cursor, maximumBytesRead: 1 }, config as never);
        return { page, documents: reads.documents };
      });
      reads.push(documents);
      cursor = page.continueCursor;
    }
    // The document that reaches the maximum is the last one read, and the other range's head.
    expect(Math.max(...reads)).toBeLessThanOrEqual(1 + 1);
  });

  it('reads at most numItems + k - 1 documents without maximumRowsRead (the documented later-page cost)', async () => {
    const t = await backend();
    const first: any = await t.run((ctx) =>
      orm.db(ctx).query.items.paginate({ numItems: 2, cursor: null }, config as never),
    );
    const second = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      await orm.db(ctx).query.items.paginate({ numItems: 2, cursor: first.continueCursor }, config as never);
      return reads.documents;
    });
    expect(second).toBeLessThanOrEqual(2 + 1);
  });

  it("a page near the transaction's read budget splits instead of failing (the walk is not stuck)", async () => {
    const t = await backend();
    // 3 documents per transaction: enough for a page of one row and the other range's head.
    const small = createOrm({ relations, transactionBudget: { documentsRead: 3 } });
    const outcomes: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 3; i++) {
      const outcome: any = await t.run((ctx) =>
        small
          .db(ctx)
          .query.items.paginate({ numItems: 5, cursor }, config as never)
          .then(
            (page: any) => ({ page }),
            (error: { code: string }) => ({ error: error.code }),
          ),
      );
      if (outcome.error) {
        outcomes.push(outcome.error);
        break;
      }
      outcomes.push(`${outcome.page.page.length} rows ${outcome.page.pageStatus ?? ''}`);
      cursor = outcome.page.continueCursor;
    }
    // Was ['2 rows SplitRequired', 'SCAN_BUDGET_EXCEEDED']: the second page needs 4 heads before its
    // first row, fails on every retry, and usePaginatedQuery can never load past the first page.
    expect(outcomes).not.toContain('SCAN_BUDGET_EXCEEDED');
  });
});
