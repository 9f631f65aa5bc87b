import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, text } from '../../src/index';

// Pins: readRow read an absent nullable `valueOf` as Object.prototype's. DESIGN §5: "Reads return null for an absent nullable field", and selectValidator (docs/tooling.md)
// promises every column "always present, as queries return rows". insertDocument
// (src/mutation/values.ts) already takes care that "a column named `constructor` or `toString` is
// not on every object's prototype"; readRow (src/query/readRow.ts) does not: `doc[field]` of an
// absent `valueOf` is Object.prototype.valueOf, not undefined, so the field is left out of the row.
// A document lacks a nullable column when it was stored before the column existed (the case
// migrations are about: "add an optional column ... no migration") or by a raw write.
describe('an absent nullable column named like an Object.prototype member reads as null', () => {
  it.each(['valueOf', 'toString', 'constructor'])('%s', async (name) => {
    const notes = convexTable('notes', { title: text().notNull(), [name]: text() });
    const tables = { notes };
    const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
    // convex-test's own schema validation reads the missing field through the prototype too (a
    // TypeError Convex's backend does not have), so it is off here; the document is valid either way.
    const t = convexTest(defineSchema(tables, { schemaValidation: false }), modules);
    const row = await t.run(async (ctx) => {
      await ctx.db.insert('notes' as never, { title: 'stored before the column existed' } as never);
      const found = (await orm.db(ctx as any).query.notes.findFirst()) as Record<string, unknown>;
      return { own: Object.hasOwn(found, name), value: Object.hasOwn(found, name) ? found[name] : 'absent' };
    });
    expect(row).toEqual({ own: true, value: null });
  });
});
