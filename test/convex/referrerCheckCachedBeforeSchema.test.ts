import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, text } from '../../src/index';

// Pins: assertStatementRuns (src/schema/deployedSchemas.ts) cached its verdict per relations
// registry on the ORM's first statement for good; now until the next defineSchema. A
// defineSchema evaluated after that first statement (the project's own tests build schemas inside
// test bodies: `convexTest({ schema: defineSchema(tables), modules })`) was never looked at: an ORM
// whose relations leave out a referencing table deleted the referenced row and left the
// referrer's row dangling, the very bug 91ffb3a fixed, depending on which statement ran first.
const owners = convexTable('rv_owners', { name: text().notNull() });
const pets = convexTable('rv_pets', {
  ownerId: id('rv_owners')
    .notNull()
    .references(() => owners._id, { onDelete: 'cascade' }),
});
// No foreign key: a schema holding the ORM's table and more, none of it referencing owners.
const cats = convexTable('rv_cats', { name: text().notNull() });
const orm = createOrm({ relations: defineRelations({ owners }) });

describe('the referrer check and a schema defined after the first statement', () => {
  it('a referrer recorded later still refuses the ORM (no dangling row)', async () => {
    // The first statement: only a schema without pets exists yet (not of exactly the ORM's tables,
    // which would take the ORM as that schema's whole).
    const first = convexTest(defineSchema({ owners, cats }), modules);
    await first.run((ctx) => orm.db(ctx).insert(owners).values({ name: 'early' }));

    const t = convexTest(defineSchema({ owners, pets }), modules);
    const out = await t.run(async (ctx) => {
      const ownerId = await ctx.db.insert('rv_owners', { name: 'Ada' });
      await ctx.db.insert('rv_pets', { ownerId });
      let outcome = 'deleted';
      try {
        await orm.db(ctx).delete(owners).where({ _id: ownerId });
      } catch (error: any) {
        outcome = error.code;
      }
      return { outcome, pets: (await ctx.db.query('rv_pets').collect()).length };
    });
    expect(out).toEqual({ outcome: 'INVALID_SCHEMA', pets: 1 });
  });
});
