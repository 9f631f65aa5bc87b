// Rows a root relation filter read whole (src/query/filterBesideLoad.ts) are held for the execution
// (src/query/heldRelatedRows.ts), so any `with` load of that relation and where, at any level, takes
// them for the keys read: here the nested `with: { reports: { with: { posts: { where: live } } } }`
// reads nothing (u1's and u2's posts were read by the root's relation filter): 11 documents / 7
// ranges, where without the root filter the nested load reads its 4 / 2 itself. explain() says so
// for that load (`fromEarlierRead`, src/query/heldReads.ts), as for rows a relation order read.
// Found by review.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { backend, orm } from './reportsFixture';

const live = { status: 'live' } as const;

it('explain() of a nested load says it takes the rows the root relation filter read whole', async () => {
  const t = backend();
  await t.run(async (raw: any) => {
    const u0 = await raw.db.insert('users', { name: 'u0', managerId: null });
    const u1 = await raw.db.insert('users', { name: 'u1', managerId: u0 });
    const u2 = await raw.db.insert('users', { name: 'u2', managerId: u0 });
    for (const [i, author] of [u0, u1, u2].entries()) {
      for (let j = 0; j < 2; j++)
        await raw.db.insert('posts', {
          title: `p${i}${j}`,
          authorId: author,
          status: 'live',
        });
    }
  });
  const nestedLoad = { reports: { with: { posts: { where: live } } } };
  const filtered = {
    where: { posts: live },
    with: { posts: { where: live }, ...nestedLoad },
  } as any;
  const unfiltered = { with: { posts: { where: live }, ...nestedLoad } } as any;
  const run = (config: object) =>
    t.run(async (raw: any) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.users.findMany(config as any);
      const explained = orm
        .db(raw)
        .query.users.findMany(config as any)
        .explain() as any;
      return { rows, reads: { ...reads }, explained };
    });
  const withFilter = await run(filtered);
  const withoutFilter = await run(unfiltered);
  expect(withFilter.rows).toEqual(withoutFilter.rows);
  // users 3/1, the root's posts 6/3 (read whole by the relation filter, taken by with.posts),
  // reports 2/3, and the nested reports' posts: nothing, taken from the relation filter's reads.
  expect(withFilter.reads).toEqual({ documents: 11, ranges: 7 });
  // Without the root filter the nested load reads u1's and u2's posts itself (4 / 2 more: the root
  // load is a span or per key, it is not held).
  expect(withoutFilter.reads.documents).toBeGreaterThan(withFilter.reads.documents);
  // So the two nested loads run differently, and explain() says which takes the filter's rows.
  expect(withFilter.explained.with.reports.with.posts.fromEarlierRead).toMatch(/^for each parent key the query read/);
  expect(withoutFilter.explained.with.reports.with.posts.fromEarlierRead).toBeUndefined();
});
