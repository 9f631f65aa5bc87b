import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  id,
  index,
  text,
  timestamp,
} from '../../../src/index';
import { countReads } from '../../../src/testing/index';

// The tie-break pinnedSelectivity (src/planner/chooseIndex.ts) counts the fields the equality
// prefix pins, leaving out the deletion column of the live rows' two points (twoPoints): on a
// soft-deleting table, (deletedAt, authorId) pins an id and (deletedAt, published) a boolean, so
// { authorId, published } reads the author's live posts, whichever index is declared first.
const users = convexTable('users', { name: text().notNull() });
const posts = convexTable(
  'posts',
  { authorId: id('users').notNull(), published: boolean().notNull(), deletedAt: timestamp() },
  (t) => [
    index('by_deleted_published').on(t.deletedAt, t.published),
    index('by_deleted_author').on(t.deletedAt, t.authorId),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { users, posts };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const schema = defineSchema(tables);

describe('pinnedSelectivity on the live rows two points', () => {
  it("{ authorId, published } reads the author's live posts, not every live published post", async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const author = await t.run(async (ctx: any) => {
      const author = await ctx.db.insert('users', { name: 'a' });
      const other = await ctx.db.insert('users', { name: 'b' });
      for (let i = 0; i < 60; i++) await ctx.db.insert('posts', { authorId: i < 3 ? author : other, published: true });
      return author;
    });
    const out = await t.run(async (raw: any) => {
      const counted = countReads(raw);
      const rows = await orm.db(counted.ctx).query.posts.findMany({ where: { authorId: author, published: true } });
      return {
        rows: rows.length,
        reads: { ...counted.reads },
        explain: orm
          .db(raw)
          .query.posts.findMany({ where: { authorId: author, published: true } })
          .explain(),
      };
    });
    expect(out.rows).toBe(3);
    expect(out.explain).toMatchObject({ index: 'by_deleted_author' });
    // The author's live posts: 3 documents over the two points (absent, null).
    expect(out.reads.documents).toBe(3);
  });
});
