/**
 * A many-to-many relation whose junction names the target by a column other than `_id`
 * (`postTags.tagSlug` -> `tags.slug`) reads each distinct target once per load (docs/queries.md,
 * "Load relations": "a target two parents link to is read once"), when its parents are read one
 * key at a time too: the keys of one load share one cached target reader. A key's fan-out is
 * sampled before the per-key reads are chosen, as for targets read by id. Before, each (parent,
 * link) read its target again: 3 posts sharing 2 tags read 15 documents / 10 ranges for 11 / 6, and
 * 20 posts sharing 5 tags failed an `indexRanges` budget of 100 (20 junction ranges + 100 target
 * ranges, where reading each tag once takes 26) for `with`, `_count` and a relation order alike.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

const posts = convexTable('posts', { title: text().notNull() });
const tags = convexTable('tags', { slug: text().notNull() }, (t) => [index('by_slug').on(t.slug)]);
const postTags = convexTable(
  'postTags',
  {
    postId: id('posts')
      .notNull()
      .references(() => posts._id),
    tagSlug: text().notNull(),
  },
  (t) => [index('by_post').on(t.postId)],
);
const tables = { posts, tags, postTags };
const relations = defineRelations(tables, (r) => ({
  posts: {
    tags: r.many.tags({
      from: r.posts._id.through(r.postTags.postId),
      to: r.tags.slug.through(r.postTags.tagSlug),
    }),
  },
}));
const schema = defineSchema(tables);

async function seeded(postCount: number, tagCount: number) {
  const t = convexTest({ schema, modules, transactionLimits: true } as any);
  await t.run(async (raw: any) => {
    for (let j = 0; j < tagCount; j++) await raw.db.insert('tags', { slug: `s${j}` });
    for (let i = 0; i < postCount; i++) {
      const post = await raw.db.insert('posts', { title: `p${i}` });
      for (let j = 0; j < tagCount; j++) await raw.db.insert('postTags', { postId: post, tagSlug: `s${j}` });
    }
  });
  return t;
}

describe('through a junction to targets named by a column: each target read once per query', () => {
  it('3 posts sharing 2 tags read the 2 tags once each', async () => {
    const t = await seeded(3, 2);
    const orm = createOrm({ relations });
    const out = await t.run(async (ctx: any) => {
      const counted = countReads(ctx);
      const rows = await orm.db(counted.ctx).query.posts.findMany({ with: { tags: true } });
      return { tagsPerPost: rows.map((row) => row.tags.length), reads: { ...counted.reads } };
    });
    expect(out.tagsPerPost).toEqual([2, 2, 2]);
    // 3 posts (1 range), 6 junction rows (3 ranges), 2 tags (2 ranges). Before: 15 documents, 10 ranges.
    expect(out.reads).toEqual({ documents: 11, ranges: 6 });
  });

  it.each([
    ['with', { with: { tags: true } }],
    ['_count', { _count: { tags: true } }],
    ['a relation order', { orderBy: { tags: 'desc(count)' }, with: { tags: true } }],
  ] as const)('%s: 20 posts sharing 5 tags fit an indexRanges budget of 100', async (_name, config) => {
    const t = await seeded(20, 5);
    const orm = createOrm({ relations, transactionBudget: { indexRanges: 100 } });
    const out = await t.run(async (ctx: any) => {
      try {
        const rows: any[] = await orm.db(ctx).query.posts.findMany(config as any);
        return rows.map((row) => row.tags?.length ?? row._count.tags);
      } catch (error: any) {
        return `${error.code}: ${error.message}`;
      }
    });
    // Before: SCAN_BUDGET_EXCEEDED (indexRanges) after 20 junction ranges and 79 of the 100 tag reads.
    expect(out).toEqual(Array(20).fill(5));
  });
});
