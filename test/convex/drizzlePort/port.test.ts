import { describe, expect, it } from 'vitest';
import {
  alias,
  and,
  asc,
  avg,
  between,
  count,
  countDistinct,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  like,
  max,
  not,
  OrmError,
  or,
  sql,
  sum,
} from '../../../src/index';
import { accounts, backend, comments, memberships, orm, posts, settings, users } from './app';

describe('drizzle port: relational queries', () => {
  it('auth-scoped feed with nested with/columns/extras', async () => {
    const { t, ids } = await backend();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const mine = await db.query.memberships.findMany({ where: { userId: ids.bob._id }, columns: { orgId: true } });
      return db.query.posts.findMany({
        where: { orgId: { in: mine.map((m) => m.orgId) }, status: 'published' },
        columns: { title: true, views: true },
        orderBy: { publishedAt: 'desc' },
        limit: 3,
        with: {
          author: { columns: { name: true } },
          tags: { columns: { name: true }, orderBy: { name: 'asc' } },
          comments: { where: { approved: true }, columns: { body: true } },
        },
        extras: { loud: (p) => p.title.toUpperCase() },
      });
    });
    expect(out).toEqual([
      {
        title: 'bob on drizzle',
        views: 7,
        loud: 'BOB ON DRIZZLE',
        author: { name: 'Bob' },
        tags: [{ name: 'db' }],
        comments: [{ body: 'great' }],
      },
      { title: 'Second', views: 5, loud: 'SECOND', author: { name: 'Ada' }, tags: [], comments: [] },
      { title: 'Globex news', views: 3, loud: 'GLOBEX NEWS', author: { name: 'Cy' }, tags: [], comments: [] },
    ]);
  });

  it('relation filter: posts of orgs the viewer is a member of', async () => {
    const { t, ids } = await backend();
    const out = await t.run(async (ctx) =>
      orm.db(ctx).query.posts.findMany({
        where: { org: { members: { _id: ids.cy._id } } },
        columns: { title: true },
        orderBy: { title: 'asc' },
      }),
    );
    expect(out).toEqual([{ title: 'Globex news' }]);
  });

  it('many-to-many both ways with orderBy and offset', async () => {
    const { t } = await backend();
    const out = await t.run(async (ctx) =>
      orm.db(ctx).query.orgs.findMany({
        columns: { slug: true },
        orderBy: { slug: 'asc' },
        with: { members: { columns: { name: true }, orderBy: { name: 'desc' }, offset: 1 } },
      }),
    );
    expect(out).toEqual([
      { slug: 'acme', members: [{ name: 'Ada' }] },
      { slug: 'globex', members: [{ name: 'Bob' }] },
    ]);
  });

  it('findFirst by unique email with one relation', async () => {
    const { t } = await backend();
    const out = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .query.users.findFirst({ where: { email: 'bob@x.io' }, columns: { name: true }, with: { settings: true } }),
    );
    expect(out).toEqual({ name: 'Bob', settings: null });
  });

  it('OR / NOT / like / ilike / isNull / between in where objects', async () => {
    const { t } = await backend();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      return {
        a: (
          await db.query.posts.findMany({
            where: { title: { ilike: '%BOB%' } },
            columns: { title: true },
            orderBy: { title: 'asc' },
          })
        ).map((p) => p.title),
        b: (
          await db.query.posts.findMany({
            where: { OR: [{ views: { gte: 7 } }, { publishedAt: { isNull: true } }] },
            columns: { title: true },
            orderBy: { views: 'asc' },
          })
        ).map((p) => p.title),
        c: (
          await db.query.posts.findMany({
            where: { NOT: { status: 'draft' }, views: { lt: 6 } },
            columns: { title: true },
            orderBy: { views: 'asc' },
          })
        ).map((p) => p.title),
        d: (await db.query.users.findMany({ where: { age: { isNull: true } }, columns: { name: true } })).map(
          (u) => u.name,
        ),
      };
    });
    expect(out).toEqual({
      a: ['Bob draft', 'bob on drizzle'],
      b: ['Bob draft', 'bob on drizzle', 'Hello Acme'],
      c: ['Globex news', 'Second'],
      d: ['Cy'],
    });
  });

  it('operator-expression where in findMany (callback form)', async () => {
    const { t } = await backend();
    const out = await t.run(async (ctx) =>
      orm.db(ctx).query.posts.findMany({
        where: { publishedAt: { gte: 1000, lte: 2000 } },
        orderBy: (p, { desc }) => [desc(p.publishedAt)],
        columns: { title: true },
      }),
    );
    expect(out.map((p) => p.title)).toEqual(['Second', 'Globex news', 'Hello Acme']);
  });

  it('_count of comments per post and orderBy relation count', async () => {
    const { t } = await backend();
    const out = await t.run(async (ctx) =>
      orm.db(ctx).query.posts.findMany({
        columns: { title: true },
        where: { status: 'published' },
        orderBy: { comments: 'desc(count)', title: 'asc' },
        limit: 2,
      }),
    );
    expect(out.map((p) => p.title)).toEqual(['Hello Acme', 'bob on drizzle']);
  });

  it('infinite scroll: keyset cursor on publishedAt, desc', async () => {
    const { t, ids } = await backend();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const page1 = await db.query.posts.findMany({
        where: { orgId: ids.acme._id, publishedAt: { isNotNull: true } },
        orderBy: { publishedAt: 'desc' },
        limit: 2,
        columns: { title: true, publishedAt: true },
      });
      const last = page1[page1.length - 1]!;
      const page2 = await db.query.posts.findMany({
        where: { orgId: ids.acme._id, publishedAt: { lt: last.publishedAt! } },
        orderBy: { publishedAt: 'desc' },
        limit: 2,
        columns: { title: true },
      });
      return [page1.map((p) => p.title), page2.map((p) => p.title)];
    });
    expect(out).toEqual([['bob on drizzle', 'Second'], ['Hello Acme']]);
  });

  it('prepared query with sql.placeholder in where, limit, offset', async () => {
    const { t, ids } = await backend();
    const prepared = orm.query.posts
      .findMany({
        where: { orgId: sql.placeholder('org') },
        orderBy: { views: 'desc' },
        limit: sql.placeholder('limit'),
        offset: sql.placeholder('offset'),
        columns: { title: true },
      })
      .prepare('postsByOrg');
    const out = await t.run(async (ctx) => prepared.execute(ctx, { org: ids.acme._id, limit: 2, offset: 1 }));
    expect(out.map((p) => p.title)).toEqual(['bob on drizzle', 'Second']);
  });
});

describe('drizzle port: select builder', () => {
  it('dashboard: posts per status in one org', async () => {
    const { t, ids } = await backend();
    const out = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .select({ status: posts.status, n: count() })
        .from(posts)
        .where(eq(posts.orgId, ids.acme._id))
        .groupBy(posts.status)
        .orderBy(asc(posts.status)),
    );
    expect(out).toEqual([
      { status: 'draft', n: 1 },
      { status: 'published', n: 3 },
    ]);
  });

  it('dashboard: authors with post counts and views, having, via join', async () => {
    const { t } = await backend();
    const out = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .select({ name: users.name, n: count(posts._id), views: sum(posts.views), top: max(posts.views) })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .groupBy(users._id)
        .having(gt(count(posts._id), 1))
        .orderBy(desc(sum(posts.views))),
    );
    expect(out).toEqual([
      { name: 'Ada', n: 2, views: 15, top: 10 },
      { name: 'Bob', n: 2, views: 7, top: 7 },
    ]);
  });

  it('members of an org with a join through memberships', async () => {
    const { t, ids } = await backend();
    const out = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .select({ name: users.name, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users._id, memberships.userId))
        .where(eq(memberships.orgId, ids.acme._id))
        .orderBy(asc(users.name)),
    );
    expect(out).toEqual([
      { name: 'Ada', role: 'owner' },
      { name: 'Bob', role: 'member' },
    ]);
  });

  it('$count with filter and in a mutation', async () => {
    const { t, ids } = await backend();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      return [
        await db.$count(posts),
        await db.$count(posts, eq(posts.authorId, ids.ada._id)),
        await db.$count(comments, { approved: true }),
      ];
    });
    expect(out).toEqual([5, 2, 2]);
  });

  it('self-join with alias: comment author vs post author', async () => {
    const { t } = await backend();
    const postAuthor = alias(users, 'postAuthor');
    const out = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .select({ body: comments.body, by: users.name, on: postAuthor.name })
        .from(comments)
        .innerJoin(users, eq(users._id, comments.authorId))
        .innerJoin(posts, eq(posts._id, comments.postId))
        .innerJoin(postAuthor, eq(postAuthor._id, posts.authorId))
        .orderBy(asc(comments.body)),
    );
    expect(out).toEqual([
      { body: 'great', by: 'Ada', on: 'Bob' },
      { body: 'meh', by: 'Cy', on: 'Ada' },
      { body: 'nice', by: 'Bob', on: 'Ada' },
    ]);
  });

  it('where with inArray, like, between, not, or, and', async () => {
    const { t, ids } = await backend();
    const out = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .select({ title: posts.title })
        .from(posts)
        .where(
          and(
            inArray(posts.authorId, [ids.ada._id, ids.bob._id]),
            or(like(posts.title, '%o%'), between(posts.views, 5, 6)),
            not(ilike(posts.title, 'bob d%')),
          ),
        )
        .orderBy(desc(posts.views))
        .limit(10)
        .offset(0),
    );
    expect(out.map((p) => p.title)).toEqual(['Hello Acme', 'bob on drizzle', 'Second']);
  });

  it('avg and countDistinct', async () => {
    const { t } = await backend();
    const out = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .select({ a: avg(posts.views), authors: countDistinct(posts.authorId) })
        .from(posts),
    );
    expect(out).toEqual([{ a: 5, authors: 3 }]);
  });
});

describe('drizzle port: writes', () => {
  it('settings upsert: insert then update via onConflictDoUpdate, returning', async () => {
    const { t, ids } = await backend();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const first = await db
        .insert(settings)
        .values({ userId: ids.ada._id, theme: 'dark' })
        .onConflictDoUpdate({ target: settings.userId, set: { theme: 'dark' } })
        .returning({ theme: settings.theme, updatedAt: settings.updatedAt });
      const second = await db
        .insert(settings)
        .values({ userId: ids.ada._id, theme: 'light' })
        .onConflictDoUpdate({ target: settings.userId, set: { theme: 'light', emails: false } })
        .returning({ theme: settings.theme, emails: settings.emails });
      const third = await db
        .insert(settings)
        .values({ userId: ids.ada._id, theme: 'dark' })
        .onConflictDoUpdate({ target: settings.userId, set: { theme: 'dark' }, setWhere: eq(settings.emails, true) })
        .returning();
      const none = await db.insert(settings).values({ userId: ids.ada._id }).onConflictDoNothing().returning();
      return { first, second, third, none, count: await db.$count(settings) };
    });
    expect(out).toEqual({
      first: [{ theme: 'dark', updatedAt: 1_700_000_000_000 }],
      second: [{ theme: 'light', emails: false }],
      third: [],
      none: [],
      count: 1,
    });
  });

  it('bulk import with onConflictDoNothing on target returns only the new rows', async () => {
    const { t } = await backend();
    const out = await t.run(async (ctx) => {
      const rows = Array.from({ length: 300 }, (_, i) => ({
        name: `U${i}`,
        email: i < 2 ? ['ada@x.io', 'bob@x.io'][i]! : `u${i}@x.io`,
      }));
      const inserted = await orm
        .db(ctx)
        .insert(users)
        .values(rows)
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users._id });
      return { inserted: inserted.length, total: await orm.db(ctx).$count(users) };
    });
    expect(out).toEqual({ inserted: 298, total: 302 });
  });

  it('manual soft delete then queries that filter deletedAt isNull', async () => {
    const { t, ids } = await backend();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const [gone] = await db
        .update(users)
        .set({ deletedAt: 5000 })
        .where(eq(users._id, ids.cy._id))
        .returning({ name: users.name, deletedAt: users.deletedAt });
      const live = await db.query.users.findMany({
        where: { deletedAt: { isNull: true } },
        columns: { name: true },
        orderBy: { name: 'asc' },
      });
      return { gone, live: live.map((u) => u.name) };
    });
    expect(out).toEqual({ gone: { name: 'Cy', deletedAt: 5000 }, live: ['Ada', 'Bob', 'Dee'] });
  });

  it('update().set().where().returning() and delete().where().returning()', async () => {
    const { t, ids } = await backend();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const bumped = await db
        .update(posts)
        .set({ status: 'published', publishedAt: 4000 })
        .where(and(eq(posts.authorId, ids.bob._id), eq(posts.status, 'draft')))
        .returning({ title: posts.title, status: posts.status });
      const removed = await db.delete(comments).where(eq(comments.approved, false)).returning({ body: comments.body });
      return { bumped, removed, left: await db.$count(comments) };
    });
    expect(out).toEqual({ bumped: [{ title: 'Bob draft', status: 'published' }], removed: [{ body: 'meh' }], left: 2 });
  });

  it('delete cascades (post -> comments, postTags)', async () => {
    const { t, ids } = await backend();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.delete(posts).where(eq(posts._id, ids.posts[0]!._id));
      return {
        c: await db.$count(comments),
        pt: (await db.query.tags.findMany({ with: { posts: true } })).map((t) => t.posts.length),
      };
    });
    expect(out).toEqual({ c: 1, pt: [0, 1] });
  });

  it('money transfer in a transaction, rollback on insufficient funds', async () => {
    const { t, ids } = await backend();
    const transfer = async (ctx: any, from: any, to: any, amount: number) =>
      orm.db(ctx).transaction(async (tx) => {
        const [src] = await tx.select().from(accounts).where(eq(accounts._id, from));
        if (!src || src.balance < amount) tx.rollback();
        await tx
          .update(accounts)
          .set((a) => ({ balance: a.balance - amount }))
          .where(eq(accounts._id, from));
        await tx
          .update(accounts)
          .set((a) => ({ balance: a.balance + amount }))
          .where(eq(accounts._id, to));
        return 'ok';
      });
    const r1 = await t.run(async (ctx) => transfer(ctx, ids.a1._id, ids.a2._id, 30));
    expect(r1).toBe('ok');
    await expect(t.run(async (ctx) => transfer(ctx, ids.a2._id, ids.a1._id, 500))).rejects.toMatchObject({
      code: 'TRANSACTION_ROLLBACK',
    });
    const balances = await t.run(async (ctx) =>
      orm.db(ctx).select({ b: accounts.balance }).from(accounts).orderBy(desc(accounts.balance)),
    );
    expect(balances).toEqual([{ b: 70 }, { b: 50 }]);
  });

  it('typed errors: unique violation on insert', async () => {
    const { t } = await backend();
    const err = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .insert(users)
        .values({ name: 'X', email: 'ada@x.io' })
        .then(
          () => null,
          (e) => ({ isOrmError: e instanceof OrmError, code: e.code }),
        ),
    );
    expect(err).toEqual({ isOrmError: true, code: 'UNIQUE_VIOLATION' });
  });
});

describe('a junction table keyed by primaryKey({ columns })', () => {
  it('refuses a second membership of the same pair, and upserts target the key', async () => {
    const { t, ids } = await backend();
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const pair = { userId: ids.bob._id, orgId: ids.acme._id };
      const duplicate = await db
        .insert(memberships)
        .values({ ...pair, role: 'admin' })
        .then(
          () => 'inserted',
          (error: { code?: string; message?: string }) => error.code,
        );
      expect(duplicate).toBe('UNIQUE_VIOLATION');
      await db
        .insert(memberships)
        .values(pair)
        .onConflictDoNothing({ target: [memberships.userId, memberships.orgId] });
      const [updated] = await db
        .insert(memberships)
        .values(pair)
        .onConflictDoUpdate({ target: [memberships.userId, memberships.orgId], set: { role: 'owner' } })
        .returning({ role: memberships.role });
      expect(updated).toEqual({ role: 'owner' });
      expect(await db.$count(memberships, pair)).toBe(1);
    });
  });
});
