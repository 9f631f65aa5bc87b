import { and, asc, eq } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';
import { seeded } from './seed';

type Db = ReturnType<typeof orm.db>;

async function measure<T>(body: (db: Db) => PromiseLike<T>) {
  const { t } = await seeded();
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const result = await body(orm.db(ctx));
    return { result, reads: { ...reads } };
  });
}

// An ON condition on the rows so far alone (users.role) is tested on the row before its lookup:
// a user it rejects has no posts read (Postgres pushes such a qual of an inner join to the outer scan).
describe('an ON condition on the outer table alone', () => {
  it('innerJoin with eq(users.role, "admin") in ON reads no more than the same condition in WHERE', async () => {
    const inOn = await measure((db) =>
      db
        .select({ name: users.name, title: posts.title })
        .from(users)
        .innerJoin(posts, and(eq(posts.authorId, users._id), eq(users.role, 'admin')))
        .orderBy(asc(posts.title)),
    );
    const inWhere = await measure((db) =>
      db
        .select({ name: users.name, title: posts.title })
        .from(users)
        .innerJoin(posts, eq(posts.authorId, users._id))
        .where(eq(users.role, 'admin'))
        .orderBy(asc(posts.title)),
    );
    expect(inOn.result).toEqual(inWhere.result);
    // 5 users + Ada's 3 posts, 2 ranges either way (not 12 / 6: each member's posts read and dropped).
    expect(inWhere.reads).toEqual({ documents: 8, ranges: 2 });
    expect(inOn.reads).toEqual(inWhere.reads);
  });

  it('leftJoin with eq(users.role, "admin") in ON does not read the posts of the users it pairs with null', async () => {
    const { result, reads } = await measure((db) =>
      db
        .select({ name: users.name, title: posts.title })
        .from(users)
        .leftJoin(posts, and(eq(posts.authorId, users._id), eq(users.role, 'admin')))
        .orderBy(asc(users.name), asc(posts.title)),
    );
    expect(result).toEqual([
      { name: 'Ada', title: 'Draft' },
      { name: 'Ada', title: 'Indexes' },
      { name: 'Ada', title: 'Intro to Convex' },
      { name: 'Bob', title: null },
      { name: 'Cy', title: null },
      { name: 'Di', title: null },
      { name: 'Eve', title: null },
    ]);
    // 5 users, then only Ada's posts range (3 documents); every user's would be 12 documents, 6 ranges.
    expect(reads).toEqual({ documents: 8, ranges: 2 });
  });

  it('explain() shows the condition tested before the lookup', async () => {
    const { t } = await seeded();
    const explained = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .select({ name: users.name, title: posts.title })
        .from(users)
        .leftJoin(posts, and(eq(posts.authorId, users._id), eq(users.role, 'admin')))
        .explain(),
    );
    expect(explained.joins).toEqual([
      expect.objectContaining({
        on: 'posts.authorId = users._id',
        before: 'users.role = "admin"',
        // No limit: every key is looked up, as one span when the keys outnumber half the ranges left.
        load: 'index range per distinct key; one range over the key span past half the ranges left',
      }),
    ]);
    expect(explained.joins[0]).not.toHaveProperty('condition');
  });
});
