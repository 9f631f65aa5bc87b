import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, text, textEnum } from '../../../src/index';
import { countReads } from '../../../src/testing/index';

// On a tie between equality prefixes, fewer ranges come before the kinds of the pinned fields
// (src/planner/chooseIndex.ts score), and an id counts as narrow only pinned to one value
// (pinnedSelectivity): `tagId in [30 ids]` (30 ranges, 30 parents' rows) does not outrank
// `status = 'flagged'` (one range). In a keyed read (a relation load) a list's ranges open once per
// parent, so the load reads one range per parent, not 30.
const users = convexTable('users', { name: text().notNull() });
const tags = convexTable('tags', { name: text().notNull() });
const posts = convexTable(
  'posts',
  {
    authorId: id('users').notNull(),
    tagId: id('tags').notNull(),
    status: textEnum(['open', 'closed', 'flagged']).notNull(),
  },
  (t) => [
    index('by_status').on(t.status),
    index('by_tag').on(t.tagId),
    index('by_author_status').on(t.authorId, t.status),
    index('by_author_tag').on(t.authorId, t.tagId),
  ],
);
const tables = { users, tags, posts };
const relations = defineRelations(tables, (r) => ({
  users: { posts: r.many.posts() },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
const orm = createOrm({ relations });
const schema = defineSchema(tables);

async function seed() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const tagIds = await t.run(async (ctx: any) => {
    const tagIds: string[] = [];
    for (let i = 0; i < 30; i++) tagIds.push(await ctx.db.insert('tags', { name: `t${i}` }));
    for (let u = 0; u < 4; u++) {
      const authorId = await ctx.db.insert('users', { name: `u${u}` });
      for (let i = 0; i < 30; i++)
        await ctx.db.insert('posts', { authorId, tagId: tagIds[i]!, status: i === 7 ? 'flagged' : 'open' });
    }
    return tagIds;
  });
  return { t, tagIds };
}

describe('the id tie-break and an id in-list', () => {
  it("a root read by { tagId in [30], status } reads the status's one range", async () => {
    const { t, tagIds } = await seed();
    const where = { tagId: { in: tagIds as any[] }, status: 'flagged' as const };
    const out = await t.run(async (raw: any) => {
      const counted = countReads(raw);
      const rows = await orm.db(counted.ctx).query.posts.findMany({ where });
      return {
        rows: rows.length,
        reads: { ...counted.reads },
        explain: orm.db(raw).query.posts.findMany({ where }).explain(),
      };
    });
    expect(out.rows).toBe(4);
    // by_status: 1 range, the 4 flagged posts. The id list: 30 ranges, all 120 posts.
    expect(out.explain).toMatchObject({ index: 'by_status' });
    expect(out.reads).toEqual({ documents: 4, ranges: 1 });
  });

  it('a relation load with { tagId in [30], status } opens one range per parent, not 30', async () => {
    const { t, tagIds } = await seed();
    const out = await t.run(async (raw: any) => {
      const counted = countReads(raw);
      const rows = await orm.db(counted.ctx).query.users.findMany({
        with: { posts: { where: { tagId: { in: tagIds as any[] }, status: 'flagged' } } },
      });
      return { posts: rows.map((u: any) => u.posts.length), reads: { ...counted.reads } };
    });
    expect(out.posts).toEqual([1, 1, 1, 1]);
    // 1 range for users + 1 per parent through by_author_status (one range a parent, fewer than by_author_tag's 30).
    expect(out.reads.ranges).toBeLessThanOrEqual(5);
  });
});
