import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, integer, text } from '../../src/index';

const notes = convexTable('notes', { name: text().notNull(), n: integer().notNull() });
const relations = defineRelations({ notes });
const schema = defineSchema({ notes });
const orm = createOrm({ relations });
// A plain-JavaScript rule whose result is not a boolean for some rows (`undefined` for "b").
const ruled = createOrm({
  relations,
  rules: defineRules(relations, () => ({
    notes: { read: ((row: { name: string }) => (row.name === 'a' ? true : undefined)) as never },
  })),
});

describe('a rule function returning a non-boolean', () => {
  it('hides (or shows) the same rows whether or not the query has a where', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      await orm
        .db(ctx)
        .insert(notes)
        .values([
          { name: 'a', n: 1 },
          { name: 'b', n: 2 },
        ]);
      const db = ruled.db(ctx);
      const names = (rows: { name: string }[]) => rows.map((row) => row.name).sort();
      return {
        alone: names(await db.query.notes.findMany({})),
        withWhere: names(await db.query.notes.findMany({ where: { n: { gt: 0 } } })),
        count: await db.query.notes.count({ where: { n: { gt: 0 } } }),
      };
    });
    // Alone the rule's undefined is not TRUE (row hidden); ANDed with a where, Kleene AND takes
    // undefined as neither FALSE nor UNKNOWN and the row shows.
    expect(out).toEqual({ alone: ['a'], withWhere: ['a'], count: 1 });
  });
});
