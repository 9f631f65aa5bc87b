import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { orm, type Row, relations, schema } from './pagesFixture';

// An `in` list of k values is k ranges of by_status_rank merged on rank. A later page resumes each
// range after the cursor's key as d = 2 ranges (the ties on rank, after _creationTime; then past
// rank), read one after another, and merges only the k chains: when rows tie on the order field
// (ordering by a low-cardinality field is common) it still reads k - 1 rows ahead, as the page's
// limits allow for (paginate.ts: `lookahead = plan.ranges.length - 1`) and docs/queries.md
// promises ("up to n + k - 1 documents"), and a page within a small read budget loads.
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
  /** The documents each of 4 pages of 5 reads, under `limits` (`maximumRowsRead`, `maximumBytesRead`). */
  async function pageReads(limits: object): Promise<number[]> {
    const t = await backend();
    const reads: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 4; i++) {
      const { page, documents } = await t.run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const page: any = await orm.db(ctx).query.items.paginate({ numItems: 5, cursor, ...limits }, config as never);
        return { page, documents: reads.documents };
      });
      reads.push(documents);
      cursor = page.continueCursor;
    }
    return reads;
  }

  it('reads at most maximumRowsRead + k - 1 documents (k = 2)', async () => {
    const reads = await pageReads({ maximumRowsRead: 2 });
    // Not [2, 4, 4, 3]: a later page reads the heads of the 2 planned ranges, not of the 4 resumed ones.
    expect(Math.max(...reads)).toBeLessThanOrEqual(2 + 1);
  });

  it('reads at most one row past maximumBytesRead in each other range (k = 2)', async () => {
    const reads = await pageReads({ maximumBytesRead: 1 });
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
    // Reading 4 heads before its first row, the second page would fail on every retry, and
    // usePaginatedQuery would never load past the first page.
    expect(outcomes).not.toContain('SCAN_BUDGET_EXCEEDED');
  });
});
