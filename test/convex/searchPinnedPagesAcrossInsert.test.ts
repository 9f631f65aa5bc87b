// docs/queries.md Search says a search page's cursor is the number of
// results read and "a page pinned by endCursor stops at the result it counts to"; DESIGN.md 14 says
// pages stay stable under usePaginatedQuery re-runs with endCursor. No existing test re-runs pinned
// *search* pages after a write (paginateEndCursor.test.ts does it for index pages only). This checks
// that after a matching row is inserted, re-running every loaded page with its endCursor (what
// usePaginatedQuery does for split halves, and what a caller pinning pages does) shows every
// matching row exactly once across the pages — rows shift across a boundary (a count, not a key,
// pins the end), none is lost or repeated — and each pinned page reads no result past its end.
import { countReads } from 'convex-orm/testing';
import { expect, it } from 'vitest';
import { introPosts, orm } from './searchFixture';

it('pinned search pages re-run after an insert show every match once', async () => {
  const t = await introPosts(7);
  const config = { search: { index: 'search_title', query: 'intro' }, columns: { words: true } } as const;
  const page = (cursor: string | null, endCursor?: string) =>
    t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm
        .db(ctx)
        .query.posts.paginate(
          endCursor === undefined ? { numItems: 3, cursor } : { numItems: 3, cursor, endCursor },
          config,
        );
      return { ...result, reads: { ...reads } };
    });
  const first = await page(null);
  const second = await page(first.continueCursor);
  const third = await page(second.continueCursor);
  expect(third.isDone).toBe(true);
  await t.run(async (ctx) => {
    const author = (await ctx.db.query('users').first())!._id;
    await ctx.db.insert('posts', { title: 'intro new', status: 'published', authorId: author, words: 99 });
  });
  const again = [
    await page(null, first.continueCursor),
    await page(first.continueCursor, second.continueCursor),
    await page(second.continueCursor, third.continueCursor),
  ];
  const words = again.flatMap((p) => p.page.map((row) => row.words));
  expect([...words].sort((a, b) => a! - b!)).toEqual([0, 1, 2, 3, 4, 5, 6, 99]);
  // The first two pinned pages end at their counted result (3, then 6), reading none past it.
  expect(again[0]!.reads.ranges).toBe(3);
  expect(again[1]!.reads.ranges).toBe(6);
  expect(again.map((p) => p.continueCursor)).toEqual([
    first.continueCursor,
    second.continueCursor,
    third.continueCursor,
  ]);
});
