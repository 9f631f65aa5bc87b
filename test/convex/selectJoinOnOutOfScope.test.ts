import { and, eq, isNull } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { comments, posts, users } from '../../example/convex/schema';
import { seeded } from './seed';

type Db = ReturnType<typeof orm.db>;

/** What the select settles to: its rows' count, or the rejection's code. */
async function outcome(body: (db: Db) => PromiseLike<unknown[]>) {
  const { t } = await seeded();
  return t.run(async (ctx) => {
    try {
      return { rows: (await body(orm.db(ctx))).length };
    } catch (error) {
      return { code: (error as { code?: string }).code ?? String(error) };
    }
  });
}

// Postgres refuses an ON condition naming a table that is not (yet) in the FROM clause
// ("missing FROM-clause entry for table" / "invalid reference to FROM-clause entry"), as
// convex-orm refuses such a column in where(), orderBy() or a selection (INVALID_QUERY: "join it
// first"). In ON it is read as a row of NULLs instead: the condition is UNKNOWN or TRUE on every
// row, and the select silently drops every pair (innerJoin), pairs every row with null
// (leftJoin), or keeps every pair (isNull), with no error. (The types refuse such a column too;
// plain JavaScript or a cast gets through.)
describe('an ON condition over a table not in the select', () => {
  it('leftJoin with a condition on a table never joined rejects with INVALID_QUERY (not every user paired with null)', async () => {
    const out = await outcome((db) =>
      db
        .select()
        .from(users)
        // @ts-expect-error comments is not in the select
        .leftJoin(posts, and(eq(posts.authorId, users._id), eq(comments.body, 'Nice'))),
    );
    expect(out).toEqual({ code: 'INVALID_QUERY' });
  });

  it('innerJoin with isNull on a table joined only later rejects with INVALID_QUERY (not read as null)', async () => {
    const out = await outcome((db) =>
      db
        .select()
        .from(users)
        // @ts-expect-error comments is not (yet) in the select
        .innerJoin(posts, and(eq(posts.authorId, users._id), isNull(comments._id)))
        .leftJoin(comments, eq(comments.postId, posts._id)),
    );
    expect(out).toEqual({ code: 'INVALID_QUERY' });
  });
});
