import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, eq, text } from '../../src/index';

// 1efd7e3: hookRow copies only the fields of columns whose kind can hold objects. Under
// schemaValidation: false a document may hold a field the table does not declare (a column removed
// from the schema, a raw write), an object the old copy (ownFields: every field) made the hook's own.
const notes = convexTable('notes', { name: text().notNull() });
const relations = defineRelations({ notes }, () => ({}));

describe("a hook's row copy holds undeclared fields of its own", () => {
  it('an afterUpdate editing an undeclared nested field leaves returning() as written', async () => {
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        notes: {
          afterUpdate: (change) => {
            (change.new as unknown as { legacy: { x: number } }).legacy.x = 99;
          },
        },
      }),
    });
    const t = convexTest(defineSchema({ notes }, { schemaValidation: false }), modules);
    const out = await t.run(async (ctx) => {
      await ctx.db.insert('notes' as never, { name: 'a', legacy: { x: 1 } } as never);
      const db = orm.db(ctx);
      const [returned] = await db.update(notes).set({ name: 'b' }).where(eq(notes.name, 'a')).returning();
      return (returned as unknown as { legacy?: { x: number } }).legacy;
    });
    expect(out).toEqual({ x: 1 });
  });
});
