import type { PaginationResult } from 'convex/server';
import { isOrmError, sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { api } from '../../example/convex/_generated/api';
import { orm } from '../../example/convex/orm';
import { rejection } from './mutationHarness';
import { seeded } from './seed';

const { placeholder } = sql;

// Prepared at module scope, as an app would.
const userByEmail = orm.query.users.findFirst({ where: { email: placeholder('email') } }).prepare('userByEmail');
const postsOfAuthor = orm.query.posts
  .findMany({
    where: { authorId: placeholder('author'), publishedAt: { gt: placeholder('after') } },
    orderBy: { publishedAt: 'desc' },
    columns: { title: true },
    limit: placeholder('limit'),
    offset: placeholder('offset'),
  })
  .prepare('postsOfAuthor');
const usersIn = orm.query.users
  .findMany({
    where: {
      email: { in: placeholder('emails') },
      OR: [{ age: { gte: placeholder('minAge') } }, { name: placeholder('name') }],
    },
    columns: { name: true },
  })
  .prepare();
const writersWithPosts = orm.query.users
  .findMany({
    where: { posts: { title: { like: placeholder('pattern') } } },
    columns: { name: true },
    orderBy: { _creationTime: 'asc' },
    with: {
      posts: {
        columns: { title: true },
        where: { title: { like: placeholder('pattern') } },
        limit: placeholder('perUser'),
      },
      invitee: { columns: { name: true } },
    },
  })
  .prepare('writersWithPosts');
const countPosts = orm.query.posts.count({ where: { authorId: placeholder('author') } }).prepare();
// A placeholder in a `_count` where, at the root and under a `with`.
const postCounts = orm.query.users
  .findMany({
    columns: { name: true },
    _count: { posts: { where: { title: { like: placeholder('pattern') } } } },
    with: {
      invitee: { columns: { name: true }, _count: { posts: { where: { publishedAt: { gt: placeholder('after') } } } } },
    },
  })
  .prepare('postCounts');

describe('prepared queries give the results and read costs of the same unprepared query', () => {
  it('findFirst, findMany (ranges, in, OR, limit/offset), nested with and relation filters, count', async () => {
    const { t, ids } = await seeded();
    const cases = [
      {
        prepared: () => userByEmail,
        values: { email: 'bob@x.dev' },
        unprepared: (db: ReturnType<typeof orm.db>) => db.query.users.findFirst({ where: { email: 'bob@x.dev' } }),
      },
      {
        prepared: () => postsOfAuthor,
        values: { author: ids.users.ada, after: 50, limit: 1, offset: 1 },
        unprepared: (db: ReturnType<typeof orm.db>) =>
          db.query.posts.findMany({
            where: { authorId: ids.users.ada, publishedAt: { gt: 50 } },
            orderBy: { publishedAt: 'desc' },
            columns: { title: true },
            limit: 1,
            offset: 1,
          }),
      },
      {
        prepared: () => usersIn,
        values: { emails: ['ada@x.dev', 'cy@x.dev', 'eve@x.dev', 'nobody@x.dev'], minAge: 40, name: 'Cy' },
        unprepared: (db: ReturnType<typeof orm.db>) =>
          db.query.users.findMany({
            where: {
              email: { in: ['ada@x.dev', 'cy@x.dev', 'eve@x.dev', 'nobody@x.dev'] },
              OR: [{ age: { gte: 40 } }, { name: 'Cy' }],
            },
            columns: { name: true },
          }),
      },
      {
        prepared: () => writersWithPosts,
        values: { pattern: 'Intro%', perUser: 1 },
        unprepared: (db: ReturnType<typeof orm.db>) =>
          db.query.users.findMany({
            where: { posts: { title: { like: 'Intro%' } } },
            columns: { name: true },
            orderBy: { _creationTime: 'asc' },
            with: {
              posts: { columns: { title: true }, where: { title: { like: 'Intro%' } }, limit: 1 },
              invitee: { columns: { name: true } },
            },
          }),
      },
      {
        prepared: () => countPosts,
        values: { author: ids.users.bob },
        unprepared: (db: ReturnType<typeof orm.db>) => db.query.posts.count({ where: { authorId: ids.users.bob } }),
      },
      {
        prepared: () => postCounts,
        values: { pattern: 'Intro%', after: 50 },
        unprepared: (db: ReturnType<typeof orm.db>) =>
          db.query.users.findMany({
            columns: { name: true },
            _count: { posts: { where: { title: { like: 'Intro%' } } } },
            with: { invitee: { columns: { name: true }, _count: { posts: { where: { publishedAt: { gt: 50 } } } } } },
          }),
      },
    ];
    for (const { prepared, values, unprepared } of cases) {
      const [direct, viaPrepared] = await t.run(async (raw) => {
        const measure = async (run: (ctx: typeof raw) => PromiseLike<unknown>) => {
          const { ctx, reads } = countReads(raw);
          const result = await run(ctx);
          return { result, reads: { ...reads } };
        };
        return [
          await measure((ctx) => unprepared(orm.db(ctx))),
          await measure((ctx) =>
            (prepared() as { execute(ctx: unknown, values: unknown): Promise<unknown> }).execute(ctx, values),
          ),
        ];
      });
      expect(viaPrepared).toEqual(direct);
      expect(direct.reads.documents).toBeGreaterThan(0);
    }
  });

  it('binds fresh values on every execution, and explain() shows the plan for them', async () => {
    const { t, ids } = await seeded();
    const [ada, bob, none] = await t.run((ctx) =>
      Promise.all([
        postsOfAuthor.execute(ctx, { author: ids.users.ada, after: 0, limit: 10, offset: 0 }),
        postsOfAuthor.execute(ctx, { author: ids.users.bob, after: 200, limit: 10, offset: 0 }),
        userByEmail.execute(ctx, { email: 'nobody@x.dev' }),
      ]),
    );
    expect(ada).toEqual([{ title: 'Indexes' }, { title: 'Intro to Convex' }]);
    expect(bob).toEqual([{ title: 'Bob 2' }]);
    expect(none).toBeNull();
    const explained = postsOfAuthor.explain({ author: ids.users.ada, after: 50, limit: 1, offset: 1 });
    const direct = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .query.posts.findMany({
          where: { authorId: ids.users.ada, publishedAt: { gt: 50 } },
          orderBy: { publishedAt: 'desc' },
          columns: { title: true },
          limit: 1,
          offset: 1,
        })
        .explain(),
    );
    // The same plan, planned once at the first execution and bound to these values.
    expect(explained).toEqual({ ...direct, prepared: 'once' });
  });

  it('parses the config once, however often it runs', async () => {
    const { t } = await seeded();
    let reads = 0;
    const config = {
      where: { email: placeholder('email') },
      get columns() {
        reads += 1;
        return { name: true } as const;
      },
    };
    const byEmail = orm.query.users.findFirst(config).prepare();
    const names = await t.run(async (ctx) => [
      await byEmail.execute(ctx, { email: 'ada@x.dev' }),
      await byEmail.execute(ctx, { email: 'bob@x.dev' }),
      await byEmail.execute(ctx, { email: 'cy@x.dev' }),
    ]);
    expect(names).toEqual([{ name: 'Ada' }, { name: 'Bob' }, { name: 'Cy' }]);
    expect(reads).toBe(1);
  });
});

describe("prepared _count's where", () => {
  const counts = orm.query.users
    .findMany({
      columns: { name: true },
      orderBy: { _creationTime: 'asc' },
      _count: { posts: { where: { publishedAt: { gt: placeholder('after') } } } },
    })
    .prepare('counts');

  it('binds its placeholders like the rest of the query (a value each, typed in prepared.test-d.ts)', async () => {
    const { t } = await seeded();
    const [prepared, unprepared] = await t.run(async (ctx) => [
      await counts.execute(ctx, { after: 150 }),
      await orm.db(ctx).query.users.findMany({
        columns: { name: true },
        orderBy: { _creationTime: 'asc' },
        _count: { posts: { where: { publishedAt: { gt: 150 } } } },
      }),
    ]);
    expect(prepared).toEqual(unprepared);
    expect(prepared.map((row) => [row.name, row._count.posts])).toEqual([
      ['Ada', 1],
      ['Bob', 1],
      ['Cy', 0],
      ['Di', 0],
      ['Eve', 1],
    ]);
  });

  it('rejects INVALID_QUERY when its value is missing, and in a query that runs now', async () => {
    const { t } = await seeded();
    const [missing, unprepared] = await t.run(async (ctx) => [
      await rejection(counts.execute(ctx, {} as never)),
      await rejection(
        orm.db(ctx).query.users.findMany({ _count: { posts: { where: { title: placeholder('t') } } } } as never),
      ),
    ]);
    expect(missing).toMatchObject({
      code: 'INVALID_QUERY',
      message: 'Missing value for placeholder "after" of prepared query "counts".',
    });
    expect(unprepared.code).toBe('INVALID_QUERY');
    expect(unprepared.message).toContain("sql.placeholder('t') is only allowed in a prepared query");
  });
});

describe('prepared paginate', () => {
  const pages = orm.query.posts
    .paginate({
      where: { authorId: placeholder('author'), publishedAt: { gte: placeholder('from') } },
      orderBy: { publishedAt: 'asc' },
      columns: { title: true },
    })
    .prepare('pages');

  it("takes a Convex function's paginationOpts as they come; its cursors continue across calls like the unprepared query's", async () => {
    const { t, ids } = await seeded();
    const walk = async (fn: typeof api.queries.postsByAuthor) => {
      const seen = [];
      let cursor: string | null = null;
      for (let call = 0; call < 5; call++) {
        const page: PaginationResult<{ title: string }> = await t.query(fn, {
          authorId: ids.users.ada,
          paginationOpts: { numItems: 1, cursor, id: 7 },
        });
        seen.push(page.page);
        if (page.isDone) break;
        cursor = page.continueCursor;
      }
      return seen;
    };
    const prepared = await walk(api.queries.postsByAuthorPrepared);
    expect(prepared).toEqual(await walk(api.queries.postsByAuthor));
    expect(prepared.flat().map((post) => post.title)).toEqual(['Indexes', 'Intro to Convex', 'Draft']);
  });

  it('gives the pages and reads of the unprepared paginate; a cursor of other values is refused', async () => {
    const { t, ids } = await seeded();
    const config = {
      where: { authorId: ids.users.ada, publishedAt: { gte: 50 } },
      orderBy: { publishedAt: 'asc' },
      columns: { title: true },
    } as const;
    const values = { author: ids.users.ada, from: 50 };
    // Convex allows one paginate per function call: one t.run per page.
    const measure = (run: (ctx: Parameters<Parameters<typeof t.run>[0]>[0]) => Promise<PaginationResult<unknown>>) =>
      t.run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const page = await run(ctx);
        return { page, reads: { ...reads } };
      });
    let directCursor: string | null = null;
    let preparedCursor: string | null = null;
    const titles = [];
    for (let call = 0; call < 3; call++) {
      const direct = await measure((ctx) =>
        orm.db(ctx).query.posts.paginate({ numItems: 1, cursor: directCursor }, config),
      );
      const prepared = await measure((ctx) => pages.execute(ctx, { numItems: 1, cursor: preparedCursor }, values));
      expect(prepared).toEqual(direct);
      titles.push(...prepared.page.page);
      [directCursor, preparedCursor] = [direct.page.continueCursor, prepared.page.continueCursor];
    }
    expect(titles).toEqual([{ title: 'Intro to Convex' }, { title: 'Indexes' }]);
    const other = await t.run((ctx) =>
      pages.execute(ctx, { numItems: 1, cursor: preparedCursor }, { author: ids.users.bob, from: 50 }).then(
        () => undefined,
        (error: unknown) => ({ ...(error as object) }),
      ),
    );
    expect(other).toMatchObject({ code: 'INVALID_QUERY' });
    expect(pages.explain({ numItems: 1, cursor: null }, values)).toMatchObject({ read: 'index', prepared: 'once' });
  });
});

describe('prepared query errors are typed and reject', () => {
  const rejection = async (run: () => Promise<unknown>) => {
    const error = await run().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isOrmError(error)).toBe(true);
    return error as { code: string; message: string };
  };

  it('a missing or unknown placeholder value, a bad limit, a wrong operand type', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const missing = await rejection(() => postsOfAuthor.execute(ctx, { after: 1, limit: 1, offset: 0 } as never));
      expect(missing).toMatchObject({
        code: 'INVALID_QUERY',
        message: 'Missing value for placeholder "author" of prepared query "postsOfAuthor".',
      });
      const unknown = await rejection(() => userByEmail.execute(ctx, { email: 'a', mail: 'b' } as never));
      expect(unknown.message).toBe('Prepared query "userByEmail" has no placeholder "mail".');
      const limit = await rejection(() => writersWithPosts.execute(ctx, { pattern: '%', perUser: -1 }));
      expect(limit).toMatchObject({
        code: 'INVALID_QUERY',
        message: '"limit" on "posts" must be a non-negative integer; got -1.',
      });
      const like = await rejection(() => writersWithPosts.execute(ctx, { pattern: 3 as never, perUser: 1 }));
      expect(like).toMatchObject({ code: 'INVALID_FILTER' });
    });
  });

  it('a placeholder outside where/limit/offset, or in a query that was not prepared', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const inColumns = orm.query.users.findMany({ columns: { name: placeholder('x') as never } }).prepare();
      const misplaced = await rejection(() => inColumns.execute(ctx, { x: true } as never));
      expect(misplaced).toMatchObject({ code: 'INVALID_QUERY' });
      expect(misplaced.message).toContain('found one in "columns"');
      // A type error too (see prepared.test-d.ts); the runtime check guards untyped callers.
      const unprepared = await rejection(() =>
        orm
          .db(ctx)
          .query.users.findMany({ where: { email: placeholder('email') as never } })
          .execute(),
      );
      expect(unprepared.message).toContain("sql.placeholder('email') is only allowed in a prepared query");
      const unpreparedLimit = await rejection(() =>
        orm
          .db(ctx)
          .query.users.findMany({ limit: placeholder('n') as never })
          .execute(),
      );
      expect(unpreparedLimit.code).toBe('INVALID_QUERY');
    });
  });
});
