import { eq, gt, notInArray } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';
import { parseRelationWhere } from '../../src/query/parseRelationWhere';
import { selectMatchingRows } from '../../src/query/selectMatching';
import { seeded } from './seed';

describe('selectMatchingRows (the read path of update/delete where)', () => {
  it('reads an operator expression through the planned index, bounded by limit', async () => {
    const { t, ids } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const filter = eq(posts.authorId, ids.users.ada).node;
      const rows = await selectMatchingRows({
        db: ctx.db,
        schema: orm.schema,
        table: 'posts',
        filter,
        options: orm.options,
        limit: 2,
      });
      expect(rows.map((row) => row.title)).toEqual(['Draft', 'Intro to Convex']);
      expect(reads).toEqual({ documents: 2, ranges: 1 });
    });
  });

  it('takes object filters with relation filters, and a null filter matches every row', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const filter = parseRelationWhere(orm.schema, 'users', { posts: { publishedAt: { gt: 250 } } });
      const rows = await selectMatchingRows({
        db: ctx.db,
        schema: orm.schema,
        table: 'users',
        filter,
        options: orm.options,
      });
      expect(rows.map((row) => row.name)).toEqual(['Bob', 'Eve']);
      const all = await selectMatchingRows({
        db: ctx.db,
        schema: orm.schema,
        table: 'comments',
        filter: null,
        options: orm.options,
      });
      expect(all).toHaveLength(4);
    });
  });

  it('honours the scan budget and strict mode of the options', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const filter = gt(posts.title, 'A').node;
      const input = { db: ctx.db, schema: orm.schema, table: 'posts', filter };
      await expect(selectMatchingRows({ ...input, options: { strict: false, scanBudget: 2 } })).rejects.toMatchObject({
        code: 'SCAN_BUDGET_EXCEEDED',
      });
      await expect(selectMatchingRows({ ...input, options: { strict: true, scanBudget: 100 } })).rejects.toMatchObject({
        code: 'FULL_SCAN_FORBIDDEN',
      });
    });
  });

  it('notInArray with an empty list matches every row, null and absent columns included (as the where-object)', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const rows = await selectMatchingRows({
        db: ctx.db,
        schema: orm.schema,
        table: 'users',
        filter: notInArray(users.invitedBy, []).node,
        options: orm.options,
      });
      expect(rows.map((row) => row.name).sort()).toEqual(['Ada', 'Bob', 'Cy', 'Di', 'Eve']);
    });
  });
});
