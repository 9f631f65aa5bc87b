import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, integer, searchIndex, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

// `{ words: 0 }` on an integer() filter field of a search index is one equality withSearchIndex
// applies (as `in [-0, 0]` for a while it was residual: the search read every match of the text,
// up to Convex's 1,024, where `{ words: 1 }` reads only the matches with that value).
const docs = convexTable('docs', { body: text().notNull(), words: integer().notNull() }, (t) => [
  searchIndex('search_body').on(t.body).filter(t.words),
]);
const tables = { docs };
const orm = createOrm({ relations: defineRelations(tables) });

describe('integer zero and search filter fields', () => {
  it('{ words: 0 } is a search filter equality, as { words: 1 } is', async () => {
    const t = convexTest({ schema: defineSchema(tables), modules });
    await t.run(async (ctx) => {
      await orm
        .db(ctx)
        .insert(docs)
        .values(Array.from({ length: 40 }, (_, i) => ({ body: `hello ${i}`, words: i === 0 ? 0 : i === 1 ? 1 : 7 })));
    });
    const out = await t.run(async (raw) => {
      const result: Record<string, unknown> = {};
      for (const words of [1, 0]) {
        const { ctx, reads } = countReads(raw);
        const query = orm.db(ctx).query.docs.findMany({
          search: { index: 'search_body', query: 'hello' },
          where: { words },
        });
        const rows = await query;
        const explained = query.explain();
        result[`words ${words}`] = {
          rows: rows.length,
          documents: reads.documents,
          ranges: explained.ranges,
          residual: explained.residual,
        };
      }
      return result;
    });
    expect(out['words 1']).toEqual({ rows: 1, documents: 1, ranges: ['words = 1'], residual: null });
    expect(out['words 0']).toEqual({ rows: 1, documents: 1, ranges: ['words = 0'], residual: null });
  });
});
