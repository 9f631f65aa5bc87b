import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { arrayContained, arrayOf, convexTable, createOrm, defineRelations, defineSchema, text } from '../../src/index';

// An array operator's list is never stored: `arrayContained` with the 10,000 tags a function allows
// (built in the function, e.g. from a table) is Postgres's `tags <@ ARRAY[...]` of any length. Only
// its elements are checked against what a Convex value can be, not a stored array's 8,192 limit.
const lists = convexTable('lists', { name: text().notNull(), tags: arrayOf(text()).notNull() });
const orm = createOrm({ relations: defineRelations({ lists }) });

describe('array operator lists are operands, not stored values', () => {
  it('arrayContained / arrayOverlaps take a list longer than 8,192 elements', async () => {
    const t = convexTest({ schema: defineSchema({ lists }), modules });
    const allowed = Array.from({ length: 10_000 }, (_, i) => `tag${i}`);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(lists).values([
        { name: 'ok', tags: ['tag1', 'tag9999'] },
        { name: 'other', tags: ['tag1', 'nope'] },
      ]);
      const names = async (run: () => Promise<{ name: string }[]>) => {
        try {
          return (await run()).map((row) => row.name).sort();
        } catch (error: any) {
          return `${error.code}: ${error.message}`;
        }
      };
      return {
        contained: await names(() => db.query.lists.findMany({ where: { tags: { arrayContained: allowed } } })),
        overlaps: await names(() => db.query.lists.findMany({ where: { tags: { arrayOverlaps: allowed } } })),
        operator: await names(() => db.select().from(lists).where(arrayContained(lists.tags, allowed))),
      };
    });
    expect(out).toEqual({ contained: ['ok'], overlaps: ['ok', 'other'], operator: ['ok'] });
  });
});
