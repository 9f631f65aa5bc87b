import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, text } from '../../src/index';

// Pins: assertStatementRuns (src/schema/deployedSchemas.ts) matched tables by name but found the
// Convex schemas through the relations' table OBJECTS (now by name). A defineSchema given other objects of the same names (a hot reload re-evaluating the
// schema module, a test building its tables again) was never looked at: the referrer it deploys was
// missed and a delete left its rows dangling.
const makeOwners = () => convexTable('rvn_owners', { name: text().notNull() });
const owners = makeOwners();
const orm = createOrm({ relations: defineRelations({ owners }) });

// The deployed schema: the same tables by name, built again (other objects).
const deployedOwners = makeOwners();
const pets = convexTable('rvn_pets', {
  ownerId: id('rvn_owners')
    .notNull()
    .references(() => deployedOwners._id, { onDelete: 'cascade' }),
});
const schema = defineSchema({ owners: deployedOwners, pets });

describe('the referrer check and a schema holding the relations tables as other objects of the same names', () => {
  it('refuses the delete that would leave a pet dangling', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      const ownerId = await ctx.db.insert('rvn_owners', { name: 'Ada' });
      await ctx.db.insert('rvn_pets', { ownerId });
      let outcome = 'deleted';
      try {
        await orm.db(ctx).delete(owners).where({ _id: ownerId });
      } catch (error: any) {
        outcome = error.code;
      }
      return { outcome, pets: (await ctx.db.query('rvn_pets').collect()).length };
    });
    expect(out).toEqual({ outcome: 'INVALID_SCHEMA', pets: 1 });
  });
});
