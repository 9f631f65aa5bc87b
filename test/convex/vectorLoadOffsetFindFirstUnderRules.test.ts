/**
 * Claim check (no bug found): docs/queries.md "Vector search" says the results are loaded in score
 * order by `findMany({ where: { _id: { in: ids } } })` with no `orderBy` (DESIGN.md section 14),
 * and that rules and soft delete drop hidden rows there; DESIGN.md rule 5 says limits count the
 * rows that pass. test/convex/vectorSearchLoadUnderRulesSoftDelete.test.ts checks `limit`; nothing
 * checks `offset` or `findFirst` on that load, where a window that counted ids (not visible rows)
 * or a findFirst taking the first id of the list (not the first visible one) would show a wrong
 * row. Expected: `offset` skips visible rows in score order, `findFirst` is the best-scored visible
 * row, each reading ids only as far as its window needs (one get each).
 */
import type { Auth } from 'convex/server';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  text,
  timestamp,
  vector,
  vectorIndex,
} from '../../src/index';

const posts = convexTable(
  'posts',
  { title: text().notNull(), owner: text().notNull(), embedding: vector(2).notNull(), deletedAt: timestamp() },
  (t) => [vectorIndex('by_embedding').on(t.embedding).filter(t.owner), deletion('soft', { column: t.deletedAt })],
);
const tables = { posts };
const schema = defineSchema(tables);
const relations = defineRelations(tables);
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const me = (await ctx.auth.getUserIdentity())?.subject ?? '';
  return { posts: { read: { owner: me } } };
});
const orm = createOrm({ relations, rules });

describe('loading vector search results with offset and findFirst under rules and soft delete', () => {
  it('offset skips visible rows in score order; findFirst is the best visible one; reads stop at the window', async () => {
    const t = convexTest(schema, modules);
    const titleOf = await t.run(async (ctx) => {
      const out: Record<string, string> = {};
      // Closest to [0, 1] first: f, e, d, c, b, a. f is another owner's, e soft-deleted.
      for (const [title, owner, y, deletedAt] of [
        ['a', 'me', 0, null],
        ['b', 'me', 0.1, null],
        ['c', 'other', 0.2, null],
        ['d', 'me', 0.3, null],
        ['e', 'me', 0.4, 1],
        ['f', 'other', 0.5, null],
      ] as const) {
        out[await ctx.db.insert('posts', { title, owner, embedding: [1, y], deletedAt })] = title;
      }
      return out;
    });
    const found = await t.action((ctx) =>
      orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [0, 1], limit: 6 }),
    );
    expect(found.map((hit) => titleOf[hit._id])).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
    const ids = found.map((hit) => hit._id);

    const out = await t.withIdentity({ subject: 'me' }).run(async (raw) => {
      const measure = async <T>(run: (db: ReturnType<typeof orm.db>) => Promise<T>) => {
        const { ctx, reads } = countReads(raw);
        const result = await run(orm.db(ctx));
        return { result, reads: { ...reads } };
      };
      const title = (row: { title: string } | null) => row?.title ?? null;
      return {
        // Visible in score order: d, b, a.
        offset1: await measure(async (db) =>
          (await db.query.posts.findMany({ where: { _id: { in: ids } }, offset: 1, limit: 1 })).map(title),
        ),
        offset2: await measure(async (db) =>
          (await db.query.posts.findMany({ where: { _id: { in: ids } }, offset: 2 })).map(title),
        ),
        first: await measure(async (db) => title(await db.query.posts.findFirst({ where: { _id: { in: ids } } }))),
        firstOffset: await measure(async (db) =>
          title(await db.query.posts.findFirst({ where: { _id: { in: ids } }, offset: 1 })),
        ),
      };
    });
    expect(out).toEqual({
      // f, e, d (skipped), c, b: five gets.
      offset1: { result: ['b'], reads: { documents: 5, ranges: 5 } },
      offset2: { result: ['a'], reads: { documents: 6, ranges: 6 } },
      // f, e, d.
      first: { result: 'd', reads: { documents: 3, ranges: 3 } },
      firstOffset: { result: 'b', reads: { documents: 5, ranges: 5 } },
    });
  });
});
