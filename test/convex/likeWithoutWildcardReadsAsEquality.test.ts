// A case-sensitive `like` without a wildcard matches its literal alone, as `eq` does, so it is read
// as that equality: by an index's equality prefix (only the rows holding the literal, not every row
// the literal prefixes) and inside a search's `withSearchIndex` (only the filter value's results,
// not every result with the rest left to the fill loop). `ilike` and patterns with `%` / `_` keep
// their residual.
import { createOrm } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import schema, { posts, relations, users } from '../docs/queries.schema';

const orm = createOrm({ relations });

it('reads an index equality and a search filter for a like without a wildcard', async () => {
  const t = convexTest(schema, modules);
  const out = await t.run(async (raw) => {
    const db = orm.db(raw);
    const people = await db
      .insert(users)
      .values(['ada@x', 'ada@xy', 'ada@xz', 'bob@x'].map((email) => ({ name: email, email })))
      .returning();
    await db.insert(posts).values(
      Array.from({ length: 12 }, (_, i) => ({
        title: `intro ${i}`,
        status: i < 2 ? 'published' : 'draft',
        authorId: people[0]!._id,
        publishedAt: i,
      })),
    );
    const cost = async (read: (db: ReturnType<typeof orm.db>) => Promise<unknown[]>) => {
      const { ctx, reads } = countReads(raw);
      const rows = await read(orm.db(ctx));
      return { rows: rows.length, documents: reads.documents, ranges: reads.ranges };
    };
    return {
      email: await cost((db) => db.query.users.findMany({ where: { email: { like: 'ada@x' } } })),
      emailPrefix: await cost((db) => db.query.users.findMany({ where: { email: { like: 'ada@x%' } } })),
      search: await cost((db) =>
        db.query.posts.findMany({
          search: { index: 'search_title', query: 'intro' },
          where: { status: { like: 'published' } },
          limit: 10,
        }),
      ),
      searchIlike: await cost((db) =>
        db.query.posts.findMany({
          search: { index: 'search_title', query: 'intro' },
          where: { status: { ilike: 'PUBLISHED' } },
          limit: 10,
        }),
      ),
    };
  });
  expect(out).toEqual({
    email: { rows: 1, documents: 1, ranges: 1 },
    emailPrefix: { rows: 3, documents: 3, ranges: 1 },
    // The 2 published posts, and one range more at the end of the results.
    search: { rows: 2, documents: 2, ranges: 3 },
    // ilike folds case: every result is read and filtered.
    searchIlike: { rows: 2, documents: 12, ranges: 13 },
  });
});
