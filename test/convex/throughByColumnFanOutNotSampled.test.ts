/**
 * A through relation to targets named by a column other than `_id` weighs each key as its junction
 * range and one target read, and is not sampled (its fan-out decides nothing): 30 posts under
 * `indexRanges: 100` (60 ranges weighed, past half the 99 left) are read as one span of the
 * junction and the targets at once, which fits. Sampling the smallest post (1 tag) judged per-key
 * reads to fit while every other post links 5 tags of its own (29 junction ranges + 146 tag
 * ranges): an indexRanges budget error, as a short-lived change did. The keys of a per-key load
 * still share one target reader (test/convex/throughTargetsByColumnReadOnce.test.ts).
 */
import { compareValues } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, text } from '../../src/index';

const posts = convexTable('posts', { title: text().notNull() });
const tags = convexTable('tags', { slug: text().notNull() }, (t) => [index('by_slug').on(t.slug)]);
const postTags = convexTable('postTags', { postId: id('posts').notNull(), tagSlug: text().notNull() }, (t) => [
  index('by_post').on(t.postId),
]);
const tables = { posts, tags, postTags };
const relations = defineRelations(tables, (r) => ({
  posts: {
    tags: r.many.tags({ from: r.posts._id.through(r.postTags.postId), to: r.tags.slug.through(r.postTags.tagSlug) }),
  },
}));
const schema = defineSchema(tables);

describe('a through load whose sampled key links fewer targets than the others', () => {
  it.each([
    ['with', { with: { tags: { columns: { slug: true } } } }],
    ['_count', { _count: { tags: true } }],
  ] as const)('%s: 30 posts fit an indexRanges budget of 100, as they did by one span', async (_name, config) => {
    const t = convexTest({ schema, modules, transactionLimits: true } as any);
    await t.run(async (raw: any) => {
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) ids.push(await raw.db.insert('posts', { title: `p${i}` }));
      const smallest = [...ids].sort(compareValues)[0];
      let tag = 0;
      for (const postId of ids) {
        for (let j = 0; j < (postId === smallest ? 1 : 5); j++) {
          const slug = `s${String(tag++).padStart(3, '0')}`;
          await raw.db.insert('tags', { slug });
          await raw.db.insert('postTags', { postId, tagSlug: slug });
        }
      }
    });
    const orm = createOrm({ relations, transactionBudget: { indexRanges: 100 } });
    const out = await t.run(async (ctx: any) => {
      try {
        const rows: any[] = await orm.db(ctx).query.posts.findMany(config as any);
        return rows.map((row) => row.tags?.length ?? row._count.tags).sort();
      } catch (error: any) {
        return `${error.code}: ${error.message}`.slice(0, 400);
      }
    });
    expect(out).toEqual([1, ...Array(29).fill(5)]);
  });
});
