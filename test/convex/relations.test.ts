import { createOrm, defineRelations } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { tables } from '../../example/convex/schema';
import { seeded } from './seed';

type Db = ReturnType<typeof orm.db>;

async function withDb<T>(body: (db: Db, ids: Awaited<ReturnType<typeof seeded>>['ids']) => Promise<T>): Promise<T> {
  const { t, ids } = await seeded();
  return t.run((ctx) => body(orm.db(ctx), ids));
}

const names = (rows: readonly { name: string }[]) => rows.map((row) => row.name);

describe('with: loading relations', () => {
  it('one is an object or null (null FK, missing row, nested where); many is an array, [] when empty', () =>
    withDb(async (db) => {
      const rows = await db.query.users.findMany({
        columns: { name: true },
        with: {
          invitee: { columns: { name: true }, where: { verified: true } },
          posts: { columns: { title: true }, orderBy: { _creationTime: 'asc' } },
        },
      });
      expect(rows).toEqual([
        { name: 'Ada', invitee: null, posts: [{ title: 'Intro to Convex' }, { title: 'Indexes' }, { title: 'Draft' }] },
        { name: 'Bob', invitee: { name: 'Ada' }, posts: [{ title: 'Intro to ORMs' }, { title: 'Bob 2' }] },
        { name: 'Cy', invitee: { name: 'Ada' }, posts: [{ title: 'Cy post' }] },
        { name: 'Di', invitee: { name: 'Bob' }, posts: [] },
        { name: 'Eve', invitee: null, posts: [{ title: 'Eve post' }] },
      ]);
      const unverifiedInviter = await db.query.users.findFirst({
        where: { name: 'Di' },
        columns: { name: true },
        with: { invitee: { where: { verified: false } } },
      });
      expect(unverifiedInviter).toEqual({ name: 'Di', invitee: null });
    }));

  it('nested where, orderBy, offset and limit apply per parent (Drizzle Q1)', () =>
    withDb(async (db) => {
      const rows = await db.query.users.findMany({
        columns: { name: true },
        where: { age: { isNotNull: true } },
        orderBy: { name: 'desc' },
        limit: 2,
        offset: 1,
        with: {
          invitee: { columns: { name: true } },
          posts: {
            columns: { title: true },
            where: { title: { notLike: 'Intro%' } },
            orderBy: { title: 'desc' },
            limit: 1,
            offset: 1,
          },
        },
      });
      expect(rows).toEqual([
        { name: 'Bob', invitee: { name: 'Ada' }, posts: [] },
        { name: 'Ada', invitee: null, posts: [{ title: 'Draft' }] },
      ]);
    }));

  it('many-to-many through a junction in both directions, ordered, and one-through', () =>
    withDb(async (db) => {
      const groups = await db.query.groups.findMany({
        columns: { name: true },
        orderBy: { name: 'asc' },
        with: { members: { columns: { name: true }, orderBy: { name: 'desc' }, limit: 2 } },
      });
      expect(groups).toEqual([
        { name: 'Admins', members: [{ name: 'Ada' }] },
        { name: 'Empty', members: [] },
        { name: 'Writers', members: [{ name: 'Cy' }, { name: 'Bob' }] },
      ]);
      const ada = await db.query.users.findFirst({
        where: { name: 'Ada' },
        columns: { name: true },
        with: { memberships: { columns: {}, with: { group: { columns: { name: true } } } } },
      });
      expect(ada).toEqual({
        name: 'Ada',
        memberships: [{ group: { name: 'Admins' } }, { group: { name: 'Writers' } }],
      });
    }));

  it('with nests to any depth (10+ levels)', () =>
    withDb(async (db) => {
      const author = { columns: { name: true } } as const;
      const deep = await db.query.comments.findFirst({
        where: { body: 'Nice' },
        columns: { body: true },
        with: {
          post: {
            columns: { title: true },
            with: {
              author: {
                columns: { name: true },
                with: {
                  posts: {
                    columns: { title: true },
                    where: { title: 'Intro to Convex' },
                    with: {
                      comments: {
                        columns: { body: true },
                        where: { body: 'Thanks' },
                        with: {
                          author: {
                            columns: { name: true },
                            with: {
                              invitee: {
                                columns: { name: true },
                                with: {
                                  groups: {
                                    columns: { name: true },
                                    where: { name: 'Admins' },
                                    with: {
                                      members: {
                                        columns: { name: true },
                                        with: {
                                          invitee: author,
                                          posts: {
                                            columns: { title: true },
                                            orderBy: { _creationTime: 'asc' },
                                            limit: 1,
                                          },
                                        },
                                      },
                                    },
                                  },
                                },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      });
      const members = deep?.post.author.posts[0]?.comments[0]?.author.invitee?.groups[0]?.members;
      expect(members).toEqual([{ name: 'Ada', invitee: null, posts: [{ title: 'Intro to Convex' }] }]);
    }));
});

describe('relation filters (EXISTS)', () => {
  it('true / false / object, and an empty object is no condition', () =>
    withDb(async (db) => {
      expect(names(await db.query.users.findMany({ where: { posts: true } }))).toEqual(['Ada', 'Bob', 'Cy', 'Eve']);
      expect(names(await db.query.users.findMany({ where: { posts: false } }))).toEqual(['Di']);
      expect(names(await db.query.users.findMany({ where: { posts: { publishedAt: { gt: 250 } } } }))).toEqual([
        'Bob',
        'Eve',
      ]);
      expect(await db.query.users.findMany({ where: { posts: {} } })).toHaveLength(5);
    }));

  it('combines with NOT / OR / AND, nests two hops and goes through junctions', () =>
    withDb(async (db) => {
      expect(
        names(await db.query.users.findMany({ where: { NOT: { posts: { title: { like: 'Intro%' } } } } })),
      ).toEqual(['Cy', 'Di', 'Eve']);
      expect(
        names(await db.query.users.findMany({ where: { OR: [{ posts: { title: 'Cy post' } }, { comments: true }] } })),
      ).toEqual(['Ada', 'Bob', 'Cy']);
      expect(
        names(await db.query.users.findMany({ where: { AND: [{ posts: true }, { groups: { name: 'Writers' } }] } })),
      ).toEqual(['Ada', 'Bob', 'Cy']);
      expect(names(await db.query.groups.findMany({ where: { members: { posts: { title: 'Cy post' } } } }))).toEqual([
        'Writers',
      ]);
      expect(names(await db.query.users.findMany({ where: { groups: false } }))).toEqual(['Di', 'Eve']);
      const posts = await db.query.posts.findMany({
        columns: { title: true },
        where: { author: { invitee: { name: 'Ada' } }, comments: true },
      });
      expect(posts).toEqual([{ title: 'Intro to ORMs' }]);
    }));

  it('inside a nested with it filters that level only, not the parents', () =>
    withDb(async (db) => {
      const rows = await db.query.users.findMany({
        columns: { name: true },
        where: { name: { in: ['Ada', 'Di'] } },
        with: { posts: { columns: { title: true }, where: { comments: { author: { name: 'Cy' } } } } },
      });
      expect(rows).toEqual([
        { name: 'Ada', posts: [{ title: 'Intro to Convex' }] },
        { name: 'Di', posts: [] },
      ]);
    }));
});

describe('predefined and inherited relation filters', () => {
  const filtered = createOrm({
    relations: defineRelations(tables, (r) => ({
      users: {
        posts: r.many.posts(),
        published: r.many.posts({
          from: r.users._id,
          to: r.posts.authorId,
          alias: 'published',
          where: { publishedAt: { isNotNull: true } },
        }),
      },
      posts: {
        author: r.one.users({ from: r.posts.authorId, to: r.users._id, where: { verified: true } }),
        publisher: r.one.users({ alias: 'published' }),
      },
    })),
  });

  it('a predefined where filters the target; the reverse inherits it on its source', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const db = filtered.db(ctx);
      const posts = await db.query.posts.findMany({
        columns: { title: true },
        where: { title: { in: ['Indexes', 'Cy post'] } },
        with: { author: { columns: { name: true } } },
      });
      expect(posts).toEqual([
        { title: 'Indexes', author: { name: 'Ada' } },
        { title: 'Cy post', author: null },
      ]);
      const users = await db.query.users.findMany({
        columns: { name: true },
        where: { name: { in: ['Bob', 'Cy'] } },
        with: { posts: { columns: { title: true } } },
      });
      expect(users).toEqual([
        { name: 'Bob', posts: [{ title: 'Intro to ORMs' }, { title: 'Bob 2' }] },
        { name: 'Cy', posts: [] },
      ]);
      expect(names(await db.query.users.findMany({ where: { posts: true } }))).toEqual(['Ada', 'Bob']);
    });
  });

  it('an aliased pair: the inverse one gives null for parents outside the inherited filter', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const db = filtered.db(ctx);
      const ada = await db.query.posts.findMany({
        columns: { title: true },
        orderBy: { _creationTime: 'asc' },
        limit: 3,
        with: { publisher: { columns: { name: true } } },
      });
      expect(ada).toEqual([
        { title: 'Intro to Convex', publisher: { name: 'Ada' } },
        { title: 'Indexes', publisher: { name: 'Ada' } },
        { title: 'Draft', publisher: null },
      ]);
      const published = await db.query.users.findFirst({
        where: { name: 'Ada' },
        with: { published: { columns: { title: true } } },
      });
      expect(published?.published).toEqual([{ title: 'Intro to Convex' }, { title: 'Indexes' }]);
    });
  });

  it('explain() shows a predefined filter where it applies: the target rows, or the parent row when inherited', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const db = filtered.db(ctx);
      const explained = db.query.users.findMany({ with: { posts: true } }).explain();
      expect(explained.with?.posts).toMatchObject({ residual: null, parentFilter: 'verified = true' });
      const own = db.query.posts.findMany({ with: { author: true } }).explain();
      expect(own.with?.author).toMatchObject({ residual: 'verified = true' });
      expect(own.with?.author).not.toHaveProperty('parentFilter');
    });
  });
});

describe('unknown relations', () => {
  it('with an unknown relation throws UNKNOWN_RELATION with Drizzle text', () =>
    withDb(async (db) => {
      await expect(db.query.users.findMany({ with: { nope: true } as never })).rejects.toMatchObject({
        code: 'UNKNOWN_RELATION',
        message: 'Unknown relation "users" -> "nope"',
      });
    }));
});

describe('orderBy through relations (rc.5)', () => {
  it('orders by a one relation column, a many relation count and an aggregate', () =>
    withDb(async (db) => {
      const posts = await db.query.posts.findMany({
        columns: { title: true },
        where: { title: { in: ['Indexes', 'Bob 2', 'Eve post'] } },
        orderBy: { author: { name: 'desc' } },
      });
      expect(posts.map((post) => post.title)).toEqual(['Eve post', 'Bob 2', 'Indexes']);
      expect(names(await db.query.users.findMany({ orderBy: { posts: 'desc(count)' } }))).toEqual([
        'Ada',
        'Bob',
        'Cy',
        'Eve',
        'Di',
      ]);
      // Convex order: null (no post, or only unpublished ones) sorts first ascending, last descending.
      expect(
        names(await db.query.users.findMany({ orderBy: { posts: { publishedAt: 'desc(max)' } }, limit: 4 })),
      ).toEqual(['Eve', 'Bob', 'Ada', 'Cy']);
    }));

  it('aggregates min and avg over the related rows (null when there is no value)', () =>
    withDb(async (db) => {
      const byEarliest = await db.query.users.findMany({ orderBy: { posts: { publishedAt: 'asc(min)' } } });
      expect(names(byEarliest)).toEqual(['Cy', 'Di', 'Ada', 'Bob', 'Eve']);
      // Members' ages: Admins 36, Writers (36 + 25) / 2 (Cy's is absent), Empty none (null, last descending).
      const byAverage = await db.query.groups.findMany({ orderBy: { members: { age: 'desc(avg)' } } });
      expect(names(byAverage)).toEqual(['Admins', 'Writers', 'Empty']);
    }));

  it('refuses an avg of a timestamp, as Postgres has no avg(timestamp) (db.select() refuses it too)', () =>
    withDb(async (db) => {
      await expect(
        db.query.users.findMany({ orderBy: { posts: { publishedAt: 'desc(avg)' } } as never }),
      ).rejects.toMatchObject({ code: 'INVALID_QUERY', message: expect.stringContaining('"posts.publishedAt"') });
    }));

  it('applies per parent in a nested with, and is explained as an in-memory sort', () =>
    withDb(async (db) => {
      const query = db.query.groups.findMany({
        columns: { name: true },
        where: { name: 'Writers' },
        with: { members: { columns: { name: true }, orderBy: { posts: 'asc(count)' } } },
      });
      expect(await query).toEqual([{ name: 'Writers', members: [{ name: 'Cy' }, { name: 'Bob' }, { name: 'Ada' }] }]);
      expect(query.explain().with?.members?.order).toBe('memory (relation order)');
    }));

  it('rejects plain directions below a many relation and non-count relation directions', () =>
    withDb(async (db) => {
      await expect(db.query.users.findMany({ orderBy: { posts: { publishedAt: 'asc' } } as never })).rejects.toThrow(
        'Invalid order "posts.publishedAt": expected "asc(<aggregate>)" or "desc(<aggregate>)", got "asc"',
      );
      await expect(db.query.users.findMany({ orderBy: { posts: 'desc(max)' } as never })).rejects.toMatchObject({
        code: 'INVALID_QUERY',
      });
    }));
});
