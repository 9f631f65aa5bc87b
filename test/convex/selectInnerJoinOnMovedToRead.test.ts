import { and, asc, eq } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { comments, posts, users } from '../../example/convex/schema';
import { seeded, seededReads } from './seed';

type Db = ReturnType<typeof orm.db>;
type Ids = Awaited<ReturnType<typeof seeded>>['ids'];

const measure = seededReads;

// An inner join keeps a row only when its whole ON holds, so a condition of its ON on one earlier
// table (the first, or an inner join) is a WHERE condition: it is read with that table (its index,
// its lookup), as Postgres pushes such a qual down to the scan, not tested on every row read.
describe("an inner join's ON condition on one earlier table", () => {
  it('on the first table: read with its index (db.get by _id), as the same condition in WHERE', async () => {
    const select = (db: Db, ids: Ids, inOn: boolean) => {
      const byBob = eq(users._id, ids.users.bob);
      const query = db
        .select({ name: users.name, title: posts.title })
        .from(users)
        .innerJoin(posts, inOn ? and(eq(posts.authorId, users._id), byBob) : eq(posts.authorId, users._id));
      return (inOn ? query : query.where(byBob)).orderBy(asc(posts.title));
    };
    const inOn = await measure((db, ids) => select(db, ids, true));
    const inWhere = await measure((db, ids) => select(db, ids, false));
    expect(inOn.result).toEqual([
      { name: 'Bob', title: 'Bob 2' },
      { name: 'Bob', title: 'Intro to ORMs' },
    ]);
    expect(inOn.result).toEqual(inWhere.result);
    // Bob (a db.get) and his 2 posts (1 range): not all 5 users read and tested.
    expect(inOn.reads).toEqual({ documents: 3, ranges: 2 });
    expect(inOn.reads).toEqual(inWhere.reads);
  });

  it('explain() shows it in the first read, not tested before the lookup', async () => {
    const { t, ids } = await seeded();
    const explained = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .select({ title: posts.title })
        .from(users)
        .innerJoin(posts, and(eq(posts.authorId, users._id), eq(users._id, ids.users.bob)))
        .explain(),
    );
    expect(explained).toMatchObject({ read: 'get', ranges: [`_id = "${ids.users.bob}"`] });
    expect(explained.joins[0]).not.toHaveProperty('before');
  });

  it('on an earlier inner join: read with its lookup', async () => {
    const { result, reads } = await measure((db, ids) =>
      db
        .select({ title: posts.title, body: comments.body })
        .from(users)
        .innerJoin(posts, eq(posts.authorId, users._id))
        .innerJoin(comments, and(eq(comments.postId, posts._id), eq(posts._id, ids.posts.introConvex)))
        .orderBy(asc(comments.body)),
    );
    expect(result).toEqual([
      { title: 'Intro to Convex', body: 'Nice' },
      { title: 'Intro to Convex', body: 'Thanks' },
    ]);
    // 5 users, the one post by its _id (one db.get), its 2 comments: not every user's 7 posts read
    // and tested (14 documents, 7 ranges).
    expect(reads).toEqual({ documents: 8, ranges: 3 });
  });

  it('a left join keeps its ON: a row it rejects stays, paired with nulls', async () => {
    const { result } = await measure((db, ids) =>
      db
        .select({ name: users.name, title: posts.title })
        .from(users)
        .leftJoin(posts, and(eq(posts.authorId, users._id), eq(users._id, ids.users.bob)))
        .orderBy(asc(users.name), asc(posts.title)),
    );
    expect(result).toEqual([
      { name: 'Ada', title: null },
      { name: 'Bob', title: 'Bob 2' },
      { name: 'Bob', title: 'Intro to ORMs' },
      { name: 'Cy', title: null },
      { name: 'Di', title: null },
      { name: 'Eve', title: null },
    ]);
  });

  it("an inner join's ON on a left-joined table stays in ON: its null rows are not tested as WHERE would", async () => {
    const { result } = await measure((db) =>
      db
        .select({ name: users.name, title: posts.title, body: comments.body })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .innerJoin(comments, and(eq(comments.authorId, users._id), eq(posts.title, 'Intro to Convex')))
        .orderBy(asc(users.name), asc(comments.body)),
    );
    // Only Ada's row paired with her post "Intro to Convex" passes, with her one comment.
    expect(result).toEqual([{ name: 'Ada', title: 'Intro to Convex', body: 'Agreed' }]);
  });
});
