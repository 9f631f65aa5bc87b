import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayOf,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  text,
  vector,
  vectorIndex,
} from '../../src/index';

// A vector filter's array is its list of values, so on an arrayOf() filter field `{ tags: ['a'] }`
// was read as the value 'a', which the column cannot hold: INVALID_FILTER saying only that it "got
// 'a'". Convex's vector filter compares a whole value, so an array column's value is written in a
// list, `{ tags: [['a']] }` (the types refuse the bare array), and the bare array's error says so.
const docs = convexTable(
  'docs',
  { body: text().notNull(), tags: arrayOf(text()), embedding: vector(2).notNull() },
  (t) => [vectorIndex('by_embedding').on(t.embedding).filter(t.tags)],
);
const tables = { docs };
const orm = createOrm({ relations: defineRelations(tables) });

async function seeded() {
  const t = convexTest(defineSchema(tables), modules);
  await t.run(async (ctx) => {
    await orm
      .db(ctx)
      .insert(docs)
      .values([
        { body: 'a', tags: ['a'], embedding: [1, 0] },
        { body: 'ab', tags: ['a', 'b'], embedding: [1, 0] },
        { body: 'none', embedding: [1, 0] },
      ]);
  });
  return t;
}

describe('vectorSearch filter on an arrayOf() column', () => {
  it('a listed array matches the rows whose array equals it; null the rows without one', async () => {
    const t = await seeded();
    const bodies = async (filter: { tags: (string | null)[][] | null[] }) => {
      const found = await t.action((ctx) =>
        orm.vectorSearch(ctx, 'docs', { index: 'by_embedding', vector: [1, 0], filter }),
      );
      const ids = found.map((result) => result._id);
      const rows = await t.run((ctx) => orm.db(ctx).query.docs.findMany({ where: { _id: { in: ids } } }));
      return rows.map((row) => row.body).sort();
    };
    expect(await bodies({ tags: [['a']] })).toEqual(['a']);
    expect(await bodies({ tags: [['a'], ['a', 'b']] })).toEqual(['a', 'ab']);
    expect(await bodies({ tags: [['b']] })).toEqual([]);
    expect(await bodies({ tags: [null] })).toEqual(['none']);
  });

  it('a bare array is INVALID_FILTER saying to list the array, before a search', async () => {
    const t = await seeded();
    const out = await t.action(async (ctx) => {
      let searches = 0;
      const counted = {
        vectorSearch: (...args: Parameters<typeof ctx.vectorSearch>) => {
          searches++;
          return ctx.vectorSearch(...args);
        },
      };
      const error = await orm
        .vectorSearch(counted, 'docs', { index: 'by_embedding', vector: [1, 0], filter: { tags: ['a'] as never } })
        .then(
          () => null,
          (caught: Error & { code?: string; details?: unknown }) => ({
            code: caught.code,
            message: caught.message,
            details: caught.details,
          }),
        );
      return { error, searches };
    });
    expect(out.error).toMatchObject({ code: 'INVALID_FILTER', details: { field: 'tags' } });
    expect(out.error?.message).toContain('{ tags: [[...]] }');
    expect(out.searches).toBe(0);
  });
});
