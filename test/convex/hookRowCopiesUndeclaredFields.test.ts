import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, eq, text } from '../../src/index';

// Under schemaValidation: false a document may hold a field the table does not declare (a column
// removed from the schema, a raw write). A hook's row, as every row the ORM reads (readRow), holds
// the declared columns only, so a hook cannot reach such a field, and neither returning() nor the
// stored document changes when a hook edits its row in place.
const notes = convexTable('notes', { name: text().notNull() });
const relations = defineRelations({ notes }, () => ({}));

describe("a hook's row holds no undeclared field", () => {
  it('an afterUpdate sees none; returning() has none; the stored document keeps it as written', async () => {
    const seen: string[][] = [];
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        notes: {
          afterUpdate: (change) => {
            seen.push(Object.keys(change.new).sort());
            (change.new as unknown as { name: string }).name = 'edited in place';
          },
        },
      }),
    });
    const t = convexTest(defineSchema({ notes }, { schemaValidation: false }), modules);
    const out = await t.run(async (ctx) => {
      await ctx.db.insert('notes' as never, { name: 'a', legacy: { x: 1 } } as never);
      const db = orm.db(ctx);
      const [returned] = await db.update(notes).set({ name: 'b' }).where(eq(notes.name, 'a')).returning();
      return { returned, stored: await ctx.db.query('notes' as never).first() };
    });
    expect(seen).toEqual([['_creationTime', '_id', 'name']]);
    expect(Object.keys(out.returned!).sort()).toEqual(['_creationTime', '_id', 'name']);
    expect(out.returned!.name).toBe('b');
    expect(out.stored).toMatchObject({ name: 'b', legacy: { x: 1 } });
  });
});
