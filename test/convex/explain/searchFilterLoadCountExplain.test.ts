// Claim check (no bug found; no existing test covers this combination): a search under read rules
// whose where holds a relation filter beside a `with` load of the same relation and a `_count` of
// it. docs/queries.md: `_count` beside a `with` load reading every match is "the rows of with.posts
// counted" with no read of its own, and a relation filter beside a load reads every match, which
// the load takes (`fromEarlierRead`); explain() shows `read: 'search'` with the rule's filter-field
// equality in `ranges`. Checked: explain says so, and the run opens exactly one comments range per
// search result it looks at (none for the count, none again for the load), nothing else.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { logged, type Opened, ruled, world } from './explainReviewFixture';

it('search + relation filter + load + _count under rules: explain names the shared read, the run reads each key once', async () => {
  const t = await world();
  const out = await t.run(async (raw) => {
    const log: Opened[] = [];
    const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
    const q = (ruled.db(ctx).query.posts as any).findMany({
      search: { index: 'search_title', query: 'hello' },
      where: { comments: true },
      with: { comments: true },
      _count: { comments: true },
      limit: 3,
    });
    const ex = q.explain();
    const rows = await q;
    return { ex, rows, log };
  });
  const { ex, rows, log } = out as any;
  expect(ex.read).toBe('search');
  expect(ex.ranges).toEqual(['status = "live"']);
  expect(ex.exists.comments.load).toMatch(/^per parent, every match, which with\.comments takes/);
  expect(ex.with.comments.fromEarlierRead).toBeDefined();
  expect(ex._count).toEqual({ comments: 'the rows of with.comments counted' });

  const search = log.filter((e: Opened) => e.index === 'withSearchIndex');
  const comments = log.filter((e: Opened) => e.table === 'comments');
  expect(search).toHaveLength(1);
  expect(log.length).toBe(1 + comments.length);
  // One range per post looked at, never twice.
  const keys = comments.map((e: Opened) => e.range);
  expect(new Set(keys).size).toBe(keys.length);
  expect(comments.length).toBe(search[0]!.docs);
  expect(rows.length).toBe(3);
  for (const row of rows) {
    expect(row.status).toBe('live');
    expect(row.comments.length).toBeGreaterThan(0);
    expect(row._count.comments).toBe(row.comments.length);
  }
});
