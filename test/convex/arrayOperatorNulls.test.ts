import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { arrayContains, arrayOf, convexTable, createOrm, defineRelations, defineSchema, text } from '../../src/index';

// Postgres's @>, <@ and && never match a NULL element (arrayfuncs.c array_contain_compare: "a
// NULL can't match anything"); checked on PGlite:
//   ARRAY['a',NULL] @> ARRAY[NULL]       -> false
//   ARRAY['a',NULL] <@ ARRAY['a',NULL]   -> false
//   ARRAY['a',NULL] && ARRAY[NULL]       -> false
// arrayOf(text()) has nullable elements, and the operand check accepts null elements: they match
// nothing (compareValues alone would call null equal to null).
const lists = convexTable('lists', { name: text().notNull(), tags: arrayOf(text()) });
const orm = createOrm({ relations: defineRelations({ lists }) });

describe('array operators and null elements', () => {
  it('a null element never matches, as in Postgres', async () => {
    const t = convexTest({ schema: defineSchema({ lists }), modules });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(lists).values([
        { name: 'withNull', tags: ['a', null] },
        { name: 'onlyA', tags: ['a'] },
        { name: 'empty', tags: [] },
      ]);
      const names = async (where: object) => (await db.query.lists.findMany({ where })).map((row) => row.name).sort();
      return {
        contains: await names({ tags: { arrayContains: [null] } }),
        contained: await names({ tags: { arrayContained: ['a', null] } }),
        overlaps: await names({ tags: { arrayOverlaps: [null] } }),
        operator: (
          await db
            .select()
            .from(lists)
            .where(arrayContains(lists.tags, [null]))
        ).map((row) => row.name),
      };
    });
    expect(out).toEqual({
      contains: [],
      contained: ['empty', 'onlyA'],
      overlaps: [],
      operator: [],
    });
  });
});
