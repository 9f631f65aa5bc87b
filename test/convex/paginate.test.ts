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

  it('applies a residual filter per page, so a page may hold fewer than numItems rows', async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const page = await orm
        .db(ctx)
        .query.users.paginate(
          { numItems: 3, cursor: null },
          { where: { verified: true }, columns: { name: true }, with: { invitee: { columns: { name: true } } } },
        );
      expect(page.page).toEqual([
        { name: 'Ada', invitee: null },
        { name: 'Bob', invitee: { name: 'Ada' } },
      ]);
      expect(page.isDone).toBe(false);
      expect(reads).toEqual({ documents: 4, ranges: 2 });
    });
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
        details: { scanBudget: 2 },
      });
      expect(reads).toEqual({ documents: 0, ranges: 0 });
    });
  });

  it('needs the order from one index range', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      await expect(
        orm.db(ctx).query.users.paginate({ numItems: 2, cursor: null }, { orderBy: { age: 'asc' } }),
      ).rejects.toMatchObject({
        code: 'INVALID_QUERY',
        message: 'paginate on "users" needs one index range that gives the order; add index on users(age).',
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
        load: 'per parent, take(1); the keys with related rows read at once past half the ranges left',
        exists: {
          comments: {
            table: 'comments',
            index: 'postId_fk',
            residual: 'body = "x"',
            load: 'per parent, take(1); the keys with related rows read at once past half the ranges left',
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
          groups: { read: 'get', load: 'through usersToGroups', junction: { index: 'userId_groupId_unique' } },
        },
      });
    });
  });
});
