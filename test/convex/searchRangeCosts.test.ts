// docs/queries.md "Search": a search counts one index range per result it takes, at least one, and
// one more when it reads to the end of the results (`limit: 3` over 5 matches: 3 ranges; `limit: 10`:
// 6; no match: 1), and `with: { author: true }` is one `db.get` per distinct author.
import { createOrm } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import schema, { posts, relations, users } from '../docs/queries.schema';

const orm = createOrm({ relations });

it('a search costs one range per result taken, one more at the end, at least one (docs/queries.md "Search")', async () => {
  const t = convexTest(schema, modules);
  const out = await t.run(async (raw) => {
    const db = orm.db(raw);
    const [ada] = await db.insert(users).values({ name: 'Ada', email: 'ada@x' }).returning();
    await db.insert(posts).values(
      ['a', 'b', 'c', 'd', 'e'].map((s, i) => ({
        title: `intro ${s}`,
        status: 'published',
        authorId: ada!._id,
        publishedAt: i,
      })),
    );
    const cost = async (query: string, limit: number, withAuthor = false) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.posts.findMany({
        search: { index: 'search_title', query },
        limit,
        ...(withAuthor ? { with: { author: true } } : {}),
      });
      return { rows: rows.length, ...reads };
    };
    return [await cost('intro', 3), await cost('intro', 10), await cost('zzz', 10), await cost('intro', 10, true)];
  });
  expect(out).toEqual([
    { rows: 3, documents: 3, ranges: 3 },
    { rows: 5, documents: 5, ranges: 6 },
    { rows: 0, documents: 0, ranges: 1 },
    { rows: 5, documents: 6, ranges: 7 },
  ]);
});
