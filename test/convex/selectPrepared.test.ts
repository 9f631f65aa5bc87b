// Prepared selects (`orm.select(...)....prepare()`, Drizzle's prepared `db.select()`): each execution
// gives the rows and read costs of the same select built in the call with the values written in;
// bad or missing values, placeholders outside a prepared select, and a select of another ORM reject.
import { and, count, createOrm, desc, eq, gt, gte, inArray, like, not, or, sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { comments, posts, relations, users } from '../../example/convex/schema';
import { rejection } from './mutationHarness';
import { seeded } from './seed';

const { placeholder } = sql;

// Prepared at module scope, as an app would.
const postsOfAuthor = orm
  .select({ title: posts.title, publishedAt: posts.publishedAt })
  .from(posts)
  .where(and(eq(posts.authorId, placeholder('author')), gt(posts.publishedAt, placeholder('after'))))
  .orderBy(desc(posts.publishedAt))
  .limit(placeholder('limit'))
  .offset(placeholder('offset'))
  .prepare('postsOfAuthor');
const commentersOfTitle = orm
  .select({ post: posts.title, by: users.name })
  .from(comments)
  .innerJoin(posts, and(eq(comments.postId, posts._id), like(posts.title, placeholder('pattern'))))
  .innerJoin(users, eq(comments.authorId, users._id))
  .orderBy(users.name)
  .prepare();
const authorsWithPosts = orm
  .select({ name: users.name, posts: count() })
  .from(users)
  .innerJoin(posts, eq(posts.authorId, users._id))
  .where(or(inArray(users.email, placeholder('emails')), not(gte(users.age, placeholder('age')))))
  .groupBy(users.name)
  .having(gte(count(), placeholder('atLeast')))
  .orderBy(users.name)
  .prepare('authorsWithPosts');
const byWhereObject = orm
  .select({ name: users.name })
  .from(users)
  .where({ email: { in: [placeholder('first'), 'eve@x.dev'] }, age: { gt: placeholder('age') } })
  .prepare('byWhereObject');

describe('prepared selects give the rows and read costs of the same select built in the call', () => {
  it('where, join ON, where-object, group by / having, order, limit and offset', async () => {
    const { t, ids } = await seeded();
    const cases = [
      {
        prepared: postsOfAuthor,
        values: { author: ids.users.ada, after: 50, limit: 1, offset: 1 },
        direct: (db: ReturnType<typeof orm.db>) =>
          db
            .select({ title: posts.title, publishedAt: posts.publishedAt })
            .from(posts)
            .where(and(eq(posts.authorId, ids.users.ada), gt(posts.publishedAt, 50)))
            .orderBy(desc(posts.publishedAt))
            .limit(1)
            .offset(1),
      },
      {
        prepared: commentersOfTitle,
        values: { pattern: 'Intro%' },
        direct: (db: ReturnType<typeof orm.db>) =>
          db
            .select({ post: posts.title, by: users.name })
            .from(comments)
            .innerJoin(posts, and(eq(comments.postId, posts._id), like(posts.title, 'Intro%')))
            .innerJoin(users, eq(comments.authorId, users._id))
            .orderBy(users.name),
      },
      {
        prepared: authorsWithPosts,
        values: { emails: ['bob@x.dev', 'cy@x.dev'], age: 30, atLeast: 2 },
        direct: (db: ReturnType<typeof orm.db>) =>
          db
            .select({ name: users.name, posts: count() })
            .from(users)
            .innerJoin(posts, eq(posts.authorId, users._id))
            .where(or(inArray(users.email, ['bob@x.dev', 'cy@x.dev']), not(gte(users.age, 30))))
            .groupBy(users.name)
            .having(gte(count(), 2))
            .orderBy(users.name),
      },
      {
        prepared: byWhereObject,
        values: { first: 'ada@x.dev', age: 30 },
        direct: (db: ReturnType<typeof orm.db>) =>
          db
            .select({ name: users.name })
            .from(users)
            .where({ email: { in: ['ada@x.dev', 'eve@x.dev'] }, age: { gt: 30 } }),
      },
    ];
    for (const { prepared, values, direct } of cases) {
      const [built, viaPrepared, explained] = await t.run(async (raw) => {
        const measure = async (run: (ctx: typeof raw) => PromiseLike<unknown>) => {
          const { ctx, reads } = countReads(raw);
          const result = await run(ctx);
          return { result, reads: { ...reads } };
        };
        return [
          await measure((ctx) => direct(orm.db(ctx))),
          await measure((ctx) => prepared.execute(ctx, values)),
          [direct(orm.db(raw)).explain(), prepared.execute(raw, values).explain(), prepared.explain(values)],
        ];
      });
      expect(viaPrepared).toEqual(built);
      expect((built.result as unknown[]).length).toBeGreaterThan(0);
      expect(explained[1]).toEqual(explained[0]);
      expect(explained[2]).toEqual(explained[0]);
    }
  });

  it('runs with an ORM db as ctx.db (in order with its statements), and in a query function', async () => {
    const { t, ids } = await seeded();
    const titles = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const inserted = db.insert(posts).values({ title: 'Fresh', authorId: ids.users.ada, publishedAt: 900 });
      // Not awaited before the select: the select runs after it, in the db's order.
      const [, rows] = await Promise.all([
        inserted,
        postsOfAuthor.execute({ db }, { author: ids.users.ada, after: 150, limit: 10, offset: 0 }),
      ]);
      return rows.map((row) => row.title);
    });
    expect(titles).toEqual(['Fresh', 'Indexes']);
  });

  it('is lazy: nothing runs until awaited, and each await runs it again', async () => {
    const { t, ids } = await seeded();
    const reads = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = postsOfAuthor.execute(ctx, { author: ids.users.bob, after: 0, limit: 5, offset: 0 });
      const before = reads.documents;
      const first = await query;
      const second = await query;
      expect(second).toEqual(first);
      return { before, after: reads.documents, rows: first.length };
    });
    expect(reads.before).toBe(0);
    expect(reads.rows).toBe(2);
    expect(reads.after).toBeGreaterThanOrEqual(2 * reads.rows);
  });
});

describe('prepared selects refuse what they cannot run', () => {
  it('a missing, undefined or unknown placeholder value is INVALID_QUERY naming it and the select', async () => {
    const { t, ids } = await seeded();
    const errors = await t.run(async (ctx) => [
      await rejection(postsOfAuthor.execute(ctx, { author: ids.users.ada, after: 0, limit: 1 })),
      await rejection(postsOfAuthor.execute(ctx, { author: ids.users.ada, after: 0, limit: 1, offset: undefined })),
      await rejection(postsOfAuthor.execute(ctx, { author: ids.users.ada, after: 0, limit: 1, offset: 0, extra: 1 })),
      await rejection(commentersOfTitle.execute(ctx)),
    ]);
    expect(errors.map((error) => error.code)).toEqual([
      'INVALID_QUERY',
      'INVALID_QUERY',
      'INVALID_QUERY',
      'INVALID_QUERY',
    ]);
    expect(errors[0]!.message).toBe('Missing value for placeholder "offset" of prepared query "postsOfAuthor".');
    expect(errors[2]!.message).toBe('Prepared query "postsOfAuthor" has no placeholder "extra".');
    expect(errors[3]!.message).toContain('"pattern" of prepared query the prepared select from "comments"');
  });

  it('values are checked as values written in are: a wrong type, a negative limit, a list that is not one', async () => {
    const { t, ids } = await seeded();
    const errors = await t.run(async (ctx) => [
      await rejection(postsOfAuthor.execute(ctx, { author: ids.users.ada, after: 'x', limit: 1, offset: 0 })),
      await rejection(postsOfAuthor.execute(ctx, { author: ids.users.ada, after: 0, limit: -1, offset: 0 })),
      await rejection(authorsWithPosts.execute(ctx, { emails: 'bob@x.dev', age: 1, atLeast: 1 })),
      // A where-object's placeholder value stands as an operand, never as filter syntax.
      await rejection(byWhereObject.execute(ctx, { first: { ne: 'x' }, age: 1 })),
    ]);
    const built = await t.run(async (ctx) => [
      await rejection(
        orm
          .db(ctx)
          .select()
          .from(posts)
          .where(gt(posts.publishedAt, 'x' as never)),
      ),
      await rejection(orm.db(ctx).select().from(posts).limit(-1)),
    ]);
    expect(errors.map((error) => error.code)).toEqual([
      'INVALID_FILTER',
      'INVALID_QUERY',
      'INVALID_FILTER',
      'INVALID_FILTER',
    ]);
    expect(errors[0]!.message).toBe(built[0]!.message);
    expect(errors[1]!.message).toBe(built[1]!.message);
  });

  it('a placeholder outside a prepared select rejects naming it: a select in a call, an update, a delete, $count', async () => {
    const { t, ids } = await seeded();
    const errors = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const filter = and(eq(posts.authorId, ids.users.ada), gt(posts.publishedAt, placeholder('after')));
      return [
        await rejection(db.select().from(posts).where(filter)),
        await rejection(db.update(posts).set({ title: 'x' }).where(filter)),
        await rejection(db.delete(posts).where(not(eq(posts.title, placeholder('title'))))),
        await rejection(db.$count(posts, or(eq(posts.title, 'a'), eq(posts.title, placeholder('title'))))),
        await rejection(
          db
            .select()
            .from(posts)
            .limit(placeholder('limit') as never),
        ),
      ];
    });
    for (const error of errors) {
      expect(error.code).toBe('INVALID_QUERY');
      expect(error.message).toMatch(/^sql\.placeholder\('(after|title|limit)'\) is only allowed in a prepared query/);
    }
    // Nothing was written.
    const titles = await t.run(async (ctx) => (await ctx.db.query('posts').collect()).map((post) => post.title));
    expect(titles).not.toContain('x');
    expect(titles).toHaveLength(7);
  });

  it('a select built at module scope rejects when awaited unprepared', async () => {
    const error = await rejection(orm.select().from(posts));
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toContain('A select built on orm at module scope has no database to read');
  });

  it("a select prepared on orm.db(ctx) runs as the module's; executed with another ORM's db it rejects", async () => {
    const { t, ids } = await seeded();
    const other = createOrm({ relations });
    const [rows, error] = await t.run(async (ctx) => {
      const preparedInCall = orm
        .db(ctx)
        .select({ title: posts.title })
        .from(posts)
        .where(eq(posts.authorId, placeholder('author')))
        .prepare();
      return [
        await preparedInCall.execute(ctx, { author: ids.users.bob }),
        await rejection(preparedInCall.execute({ db: other.db(ctx) }, { author: ids.users.bob })),
      ] as const;
    });
    expect(rows.map((row) => row.title).sort()).toEqual(['Bob 2', 'Intro to ORMs']);
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toContain("was given a ctx whose db is another ORM's");
  });
});
