// A `with` load takes the rows a relation order read for a parent key whichever order path read
// them (src/query/heldRelatedRows.ts heldMatches: one store per execution and relation): here the
// order `{ reports: { posts: 'desc(count)' } }` reads the posts of every user with a manager, and
// the root `with: { posts: true }` takes those users' posts (11 documents / 7 ranges, not 15 / 9).
// explain() says so (`fromEarlierRead`: any order of the query reading the relation with the same where;
// src/query/orderedRelations.ts), as it describes what runs.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { backend, orm } from './reportsFixture';

it('explain().with.posts.fromEarlierRead is present exactly when the load takes the rows the order read', async () => {
  const t = backend();
  const out = await t.run(async (raw: any) => {
    const u0 = await raw.db.insert('users', { name: 'u0', managerId: null });
    const u1 = await raw.db.insert('users', { name: 'u1', managerId: u0 });
    const u2 = await raw.db.insert('users', { name: 'u2', managerId: u0 });
    for (const [i, author] of [u0, u1, u2].entries()) {
      for (let j = 0; j < 2; j++) await raw.db.insert('posts', { title: `p${i}${j}`, authorId: author });
    }
    const config = { orderBy: { reports: { posts: 'desc(count)' } }, with: { posts: true } } as const;
    const { ctx, reads } = countReads(raw);
    const rows = await orm.db(ctx).query.users.findMany(config);
    const explained = orm.db(raw).query.users.findMany(config).explain() as any;
    return { rows, reads: { ...reads }, explained };
  });
  expect(out.rows.map((u: any) => [u.name, u.posts.length])).toEqual([
    ['u0', 2],
    ['u1', 2],
    ['u2', 2],
  ]);
  // users 3/1, reports 2/3 (one by_manager range per user), the reports' posts 4/2, then the load:
  // u0's posts 2/1 only when u1's and u2's come from the order, else all 6/3.
  const takesOrderRows = out.reads.documents === 3 + 2 + 4 + 2;
  expect({ takesOrderRows, reads: out.reads }).toEqual({
    takesOrderRows,
    reads: takesOrderRows ? { documents: 11, ranges: 7 } : { documents: 15, ranges: 9 },
  });
  expect({ fromEarlierRead: out.explained.with.posts.fromEarlierRead !== undefined, takesOrderRows }).toEqual({
    fromEarlierRead: takesOrderRows,
    takesOrderRows,
  });
});
