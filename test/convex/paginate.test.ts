import { createOrm } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { api } from '../../example/convex/_generated/api';
import { orm } from '../../example/convex/orm';
import { relations } from '../../example/convex/schema';
import { seeded } from './seed';

describe('paginate', () => {
  it('returns Convex PaginationResult pages whose cursors continue across calls', async () => {
    const { t, ids } = await seeded();
    const first = await t.query(api.queries.postsByAuthor, {
      authorId: ids.users.ada,
      paginationOpts: { numItems: 2, cursor: null },
    });
    expect(first.page).toEqual([
      { title: 'Indexes', publishedAt: 200 },
      { title: 'Intro to Convex', publishedAt: 100 },
    ]);
    expect(first.isDone).toBe(false);
    const second = await t.query(api.queries.postsByAuthor, {
      authorId: ids.users.ada,
      paginationOpts: { numItems: 2, cursor: first.continueCursor },
    });
    expect(second.page).toEqual([{ title: 'Draft', publishedAt: null }]);
    expect(second.isDone).toBe(true);
  });

  it('fills pages through a residual filter: reads until numItems rows pass or the data ends', async () => {
    const { t } = await seeded();
    const config = {
      where: { verified: true },
      columns: { name: true },
      with: { invitee: { columns: { name: true } } },
    } as const;
    const page = (numItems: number, cursor: string | null) =>
      t.run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const result = await orm.db(ctx).query.users.paginate({ numItems, cursor }, config);
        return { ...result, reads: { ...reads } };
      });
    // 2 of the 5 users are verified: a page of 3 reads all 5 and ends the data; Bob's invitee, Ada,
    // is a row of the page, taken from it rather than read again by id.
    expect(await page(3, null)).toMatchObject({
      page: [
        { name: 'Ada', invitee: null },
        { name: 'Bob', invitee: { name: 'Ada' } },
      ],
      isDone: true,
      reads: { documents: 5, ranges: 1 },
    });
    const first = await page(1, null);
    expect(first).toMatchObject({ page: [{ name: 'Ada' }], isDone: false, reads: { documents: 1, ranges: 1 } });
    const second = await page(1, first.continueCursor);
    expect(second).toMatchObject({ page: [{ name: 'Bob' }], isDone: false, reads: { documents: 2, ranges: 2 } });
    // The rest of the table holds no verified user: an empty last page.
    expect(await page(1, second.continueCursor)).toMatchObject({ page: [], isDone: true, reads: { documents: 3 } });
  });

  it('in strict mode refuses to filter a full table scan, before reading, naming the index to add', async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const strict = createOrm({ relations, strict: true });
      await expect(
        strict.db(ctx).query.users.paginate({ numItems: 2, cursor: null }, { where: { verified: true } }),
      ).rejects.toMatchObject({
        code: 'FULL_SCAN_FORBIDDEN',
        message:
          'Query on "users" would scan the whole table (no index narrows it); add index on users(verified), or drop strict mode.',
        details: { suggestedIndex: ['verified'] },
      });
      expect(reads).toEqual({ documents: 0, ranges: 0 });
    });
  });

  it('a page larger than the scan budget throws before reading', async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      await expect(
        orm.db(ctx).query.users.paginate({ numItems: 3, cursor: null }, { scanBudget: 2 }),
      ).rejects.toMatchObject({
        code: 'SCAN_BUDGET_EXCEEDED',
        message:
          'paginate on "users" asks for pages of 3 documents, more than the scan budget (2); ask for smaller pages or raise scanBudget.',
        details: { budget: 'scanBudget', limit: 2, scanBudget: 2 },
      });
      expect(reads).toEqual({ documents: 0, ranges: 0 });
    });
  });

  it("maximumRowsRead or maximumBytesRead of 0 (or not an integer) is INVALID_QUERY before reading (Convex's .paginate() refuses 0)", async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const users = orm.db(ctx).query.users;
      const refused = await Promise.all(
        [{ maximumBytesRead: 0 }, { maximumRowsRead: 0 }, { maximumRowsRead: 1.5 }].map((limits) =>
          users.paginate({ numItems: 2, cursor: null, ...limits }).then(
            () => 'read',
            (error: Error) => error.message,
          ),
        ),
      );
      expect(refused).toEqual([
        'paginate on "users": "maximumBytesRead" must be a positive integer; got 0.',
        'paginate on "users": "maximumRowsRead" must be a positive integer; got 0.',
        'paginate on "users": "maximumRowsRead" must be a positive integer; got 1.5.',
      ]);
      expect(reads).toEqual({ documents: 0, ranges: 0 });
    });
  });

  it("a page of more than 32,000 items is INVALID_QUERY whatever the scan budget (Convex's .paginate() refuses it: PageSizeTooLarge)", async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const users = orm.db(ctx).query.users;
      // One range, no residual: Convex's own .paginate() would be asked for the page.
      await expect(users.paginate({ numItems: 32_001, cursor: null }, { scanBudget: 100_000 })).rejects.toMatchObject({
        code: 'INVALID_QUERY',
        table: 'users',
        message: expect.stringContaining('at most 32000'),
      });
      expect(reads).toEqual({ documents: 0, ranges: 0 });
      const page = await users.paginate({ numItems: 32_000, cursor: null }, { scanBudget: 100_000 });
      expect(page.isDone).toBe(true);
    });
  });

  it('numItems 0 gives an empty page that is not done, whose cursor continues where it was (read by the ORM: Convex’s .paginate() refuses 0)', async () => {
    const { t, ids } = await seeded();
    const config = {
      where: { authorId: ids.users.ada },
      orderBy: { publishedAt: 'desc' },
      columns: { title: true },
    } as const;
    // Convex allows one paginate per function: one run per page.
    const page = (numItems: number, cursor: string | null) =>
      t.run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const result = await orm.db(ctx).query.posts.paginate({ numItems, cursor }, config);
        return { ...result, reads: { ...reads } };
      });
    const empty = await page(0, null);
    expect(empty).toMatchObject({ page: [], isDone: false, reads: { documents: 0, ranges: 0 } });
    expect(typeof empty.continueCursor).toBe('string');
    const first = await page(2, empty.continueCursor);
    expect(first.page).toEqual([{ title: 'Indexes' }, { title: 'Intro to Convex' }]);
    const emptyAgain = await page(0, first.continueCursor);
    expect(emptyAgain).toMatchObject({ page: [], isDone: false, continueCursor: first.continueCursor });
    const rest = await page(2, emptyAgain.continueCursor);
    expect(rest).toMatchObject({ page: [{ title: 'Draft' }], isDone: true });
  });

  it('endCursor (what usePaginatedQuery pins split halves with, and callers their pages) takes the cursors pages return', async () => {
    const { t, ids } = await seeded();
    const config = {
      where: { authorId: ids.users.ada },
      orderBy: { publishedAt: 'desc' },
      columns: { title: true },
    } as const;
    const page = (options: { numItems: number; cursor: string | null; endCursor?: string }) =>
      t.run((ctx) => orm.db(ctx).query.posts.paginate(options, config));
    const first = await page({ numItems: 1, cursor: null });
    const second = await page({ numItems: 1, cursor: first.continueCursor });
    // The first page re-run up to the end of the second: both rows, ending where the second ended.
    const pinned = await page({ numItems: 1, cursor: null, endCursor: second.continueCursor });
    expect(pinned.page).toEqual([{ title: 'Indexes' }, { title: 'Intro to Convex' }]);
    expect(pinned.continueCursor).toBe(second.continueCursor);
    await expect(page({ numItems: 1, cursor: null, endCursor: 'garbage' })).rejects.toMatchObject({
      code: 'INVALID_QUERY',
      message:
        'InvalidCursor: paginate on "posts": "endCursor" is not a cursor a page of this ORM returned; start again with cursor: null.',
    });
  });

  it('bad numItems or cursor values are INVALID_QUERY, before any read', async () => {
    const { t } = await seeded();
    const errors = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const users = orm.db(ctx).query.users;
      const bad: unknown[] = [
        { numItems: -1, cursor: null },
        { numItems: Number.NaN, cursor: null },
        { numItems: 1.5, cursor: null },
        { numItems: 32_001, cursor: null },
        { numItems: '2', cursor: null },
        { numItems: 2, cursor: 5 },
        { numItems: 2, cursor: 'garbage' },
        { numItems: 2, cursor: '[1,2]' },
        { numItems: 2, cursor: null, endCursor: 5 },
        null,
      ];
      const messages = [];
      for (const options of bad) {
        const error = await users.paginate(options as never).then(
          () => ({ code: 'resolved', message: '' }),
          (e: { code: string; message: string }) => e,
        );
        messages.push(`${error.code}: ${error.message}`);
      }
      return { messages, reads: { ...reads } };
    });
    expect(errors.messages).toEqual([
      'INVALID_QUERY: paginate on "users": "numItems" must be a non-negative integer; got -1.',
      'INVALID_QUERY: paginate on "users": "numItems" must be a non-negative integer; got NaN.',
      'INVALID_QUERY: paginate on "users": "numItems" must be a non-negative integer; got 1.5.',
      'INVALID_QUERY: paginate on "users": "numItems" must be at most 32000 (Convex\'s limit on the items of a page); got 32001.',
      'INVALID_QUERY: paginate on "users": "numItems" must be a non-negative integer; got "2".',
      'INVALID_QUERY: paginate on "users": "cursor" must be a string or null; got 5.',
      'INVALID_QUERY: InvalidCursor: paginate on "users": "cursor" is not a cursor a page of this ORM returned; start again with cursor: null.',
      'INVALID_QUERY: InvalidCursor: paginate on "users": "cursor" is not a cursor a page of this ORM returned; start again with cursor: null.',
      'INVALID_QUERY: paginate on "users": "endCursor" must be a string, null or absent; got 5.',
      'INVALID_QUERY: paginate on "users": takes Convex pagination options { numItems, cursor }.',
    ]);
    expect(errors.reads).toEqual({ documents: 0, ranges: 0 });
  });

  it("a cursor from another table's or another query's page is INVALID_QUERY, not a silent empty page", async () => {
    const { t, ids } = await seeded();
    // Convex allows one paginate per function: one run per page.
    const outcome = (run: (db: ReturnType<typeof orm.db>) => Promise<{ continueCursor: string }>) =>
      t.run((ctx) =>
        run(orm.db(ctx)).then(
          (page) => page.continueCursor,
          (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
        ),
      );
    const posts = await outcome((db) => db.query.posts.paginate({ numItems: 2, cursor: null }));
    const adaPosts = await outcome((db) =>
      db.query.posts.paginate({ numItems: 1, cursor: null }, { where: { authorId: ids.users.ada } }),
    );
    const other = 'belongs to another query (table, index, range, order or filter); start again with cursor: null.';
    expect(await outcome((db) => db.query.users.paginate({ numItems: 2, cursor: posts }))).toBe(
      `INVALID_QUERY: InvalidCursor: paginate on "users": "cursor" ${other}`,
    );
    expect(await outcome((db) => db.query.posts.paginate({ numItems: 2, cursor: adaPosts }))).toBe(
      `INVALID_QUERY: InvalidCursor: paginate on "posts": "cursor" ${other}`,
    );
    expect(
      await outcome((db) => db.query.posts.paginate({ numItems: 2, cursor: posts }, { where: { title: 'Draft' } })),
    ).toBe(`INVALID_QUERY: InvalidCursor: paginate on "posts": "cursor" ${other}`);
    expect(
      await outcome((db) =>
        db.query.posts.paginate({ numItems: 2, cursor: posts }, { orderBy: { _creationTime: 'desc' } }),
      ),
    ).toBe(`INVALID_QUERY: InvalidCursor: paginate on "posts": "cursor" ${other}`);
    // The same query with another page size continues.
    expect(await outcome((db) => db.query.posts.paginate({ numItems: 5, cursor: posts }))).not.toMatch(/INVALID/);
  });

  it('needs the order from an index', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      await expect(
        orm.db(ctx).query.users.paginate({ numItems: 2, cursor: null }, { orderBy: { age: 'asc' } }),
      ).rejects.toMatchObject({
        code: 'INVALID_QUERY',
        message: 'paginate on "users" needs an index that gives the order; add index on users(age).',
      });
    });
  });
});

describe('count', () => {
  it('counts matching rows, relation filters included, within the budget', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      expect(await db.query.posts.count()).toBe(7);
      expect(await db.query.users.count({ where: { posts: false } })).toBe(1);
      expect(await db.query.users.count({ where: { age: { gt: 30 } } })).toBe(2);
      await expect(db.query.posts.count({ scanBudget: 3 })).rejects.toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED' });
    });
  });
});

describe('explain', () => {
  it('shows index, ranges, residual, order source, budget and relation loads without reading', async () => {
    const { t, ids } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const explained = orm
        .db(ctx)
        .query.posts.findMany({
          where: { authorId: ids.users.ada, title: { like: '%o%' } },
          orderBy: { publishedAt: 'desc' },
          limit: 5,
          with: { author: true, comments: { orderBy: { _creationTime: 'desc' }, limit: 2 } },
        })
        .explain();
      expect(explained).toEqual({
        table: 'posts',
        read: 'index',
        index: 'by_author',
        ranges: [`authorId = "${ids.users.ada}"`],
        residual: 'title like "%o%"',
        order: 'index desc',
        fullScan: false,
        scanBudget: 10_000,
        with: {
          author: {
            table: 'users',
            read: 'get',
            ranges: ['_id = "?"'],
            residual: null,
            order: 'ids',
            fullScan: false,
            load: 'db.get per distinct id',
          },
          comments: {
            table: 'comments',
            read: 'index',
            index: 'postId_fk',
            ranges: ['postId = "?"'],
            residual: null,
            order: 'index desc',
            fullScan: false,
            load: 'per distinct parent key, take(2); one range over the key span past half the ranges left',
          },
        },
      });
      expect(reads).toEqual({ documents: 0, ranges: 0 });
    });
  });

  it('explains the reads of relation filters at every depth', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const explained = orm
        .db(ctx)
        .query.users.findMany({ where: { NOT: { posts: { comments: { body: 'x' } } } }, limit: 3 })
        .explain();
      expect(explained.residual).toBe('not exists posts(exists comments(body = "x"))');
      expect(explained.exists?.posts).toMatchObject({
        table: 'posts',
        index: 'by_author',
        ranges: ['authorId = "?"'],
        load: 'per parent, until 1 pass; the keys with related rows read at once past half the ranges left: the matching posts rows (index by_author of posts)',
        exists: {
          comments: {
            table: 'comments',
            index: 'postId_fk',
            residual: 'body = "x"',
            load: 'per parent, until 1 pass; the keys with related rows read at once past half the ranges left: the matching comments rows (index postId_fk of comments)',
          },
        },
      });
    });
  });

  it('explains a page as it reads it: numItems rows of the index, no full scan', async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const strict = createOrm({ relations, strict: true });
      const page = strict.db(ctx).query.users.paginate({ numItems: 2, cursor: null });
      expect(page.explain()).toMatchObject({ index: 'by_creation_time', ranges: ['all'], fullScan: false });
      expect((await page).page).toHaveLength(2);
      expect(reads).toEqual({ documents: 2, ranges: 1 });
    });
  });

  it('explains a full scan with the index to add, and a through relation with its junction', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const explained = orm
        .db(ctx)
        .query.users.findMany({ where: { name: 'Ada' }, with: { groups: true } })
        .explain();
      expect(explained).toMatchObject({
        index: 'by_creation_time',
        fullScan: true,
        suggestedIndex: ['name'],
        with: {
          groups: {
            read: 'get',
            load:
              'through usersToGroups; one range over the key span when the junction reads pass half the ranges left ' +
              '(targets: a db.get each either way); short of that, when they and a db.get per key would, the smallest ' +
              "key's junction rows first, then, when that many targets per key would pass the ranges left, the other " +
              "keys' junction rows as one range over their span",
            junction: { index: 'userId_groupId_unique' },
          },
        },
      });
    });
  });
});
