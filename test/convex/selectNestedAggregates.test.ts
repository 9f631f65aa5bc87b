import { count, eq, gt, isOrmError, max, sum } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';
import { seeded } from './seed';

type Db = ReturnType<typeof orm.db>;

/** How building and awaiting the select settles: its rows, or 'ORM <code>' for an OrmError. */
async function settle(body: (db: Db) => PromiseLike<unknown>): Promise<unknown> {
  const { t } = await seeded();
  return t.run(async (ctx) => {
    try {
      return await body(orm.db(ctx));
    } catch (error) {
      return isOrmError(error) ? `ORM ${error.code}` : (error as Error).constructor.name;
    }
  });
}

// An aggregate of an aggregate (count(count()), max(count())) is no query: Postgres refuses it
// ("aggregate function calls cannot be nested"), which is what Drizzle gives. convex-orm takes an
// AggregateColumn as the column of another aggregate and reads the inner one as a field of the
// row, which no row has: every group's value is 0 or null, silently. (The types refuse an aggregate
// there; plain JavaScript or a cast gets through.)
describe('an aggregate of an aggregate is INVALID_QUERY, not 0 or null per group', () => {
  it.each([
    [
      'count(count()) without groupBy (was [{ n: 0 }])',
      (db: Db) => db.select({ n: count(count() as never) }).from(posts),
    ],
    [
      'max(count()) per author (was null for every author)',
      (db: Db) =>
        db
          .select({ n: max(count() as never) })
          .from(posts)
          .groupBy(posts.authorId),
    ],
    [
      'sum(count(posts._id)) per user over a left join (was null for every user)',
      (db: Db) =>
        db
          .select({ n: sum(count(posts._id) as never) })
          .from(users)
          .leftJoin(posts, eq(posts.authorId, users._id))
          .groupBy(users._id),
    ],
    [
      'having(gt(max(count()), 0)) (was no group at all)',
      (db: Db) =>
        db
          .select({ author: posts.authorId })
          .from(posts)
          .groupBy(posts.authorId)
          .having(gt(max(count() as unknown as typeof posts.publishedAt), 0)),
    ],
  ])('%s', async (_name, query) => {
    expect(await settle(async (db) => query(db))).toBe('ORM INVALID_QUERY');
  });
});
