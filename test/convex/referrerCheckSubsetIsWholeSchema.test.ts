import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, text } from '../../src/index';

// Pins (src/schema/deployedSchemas.ts): only Convex schemas holding every relations table count, and none when one holds exactly
// them. When app B's own schema IS the shared tables (here `members` alone), app A's schema
// {members, tickets} also holds every table of B's relations, and B's ORM was refused on every
// statement, on B's own backend where no ticket exists (as test/docs/mutations.ts's ORM over its
// own schema beside the example app's).
const members = convexTable('rvs_members', { name: text().notNull() });
const tickets = convexTable('rvs_tickets', {
  memberId: id('rvs_members')
    .notNull()
    .references(() => members._id, { onDelete: 'cascade' }),
});

defineSchema({ members, tickets }); // app A
const schemaB = defineSchema({ members }); // app B: the shared table only
const ormB = createOrm({ relations: defineRelations({ members }) });

describe('an ORM whose relations are exactly its own (smaller) Convex schema', () => {
  it("is not refused because of a referrer in another app's schema", async () => {
    const t = convexTest(schemaB, modules);
    const out = await t.run(async (ctx) => {
      try {
        await ormB.db(ctx).insert(members).values({ name: 'Ada' });
        return (await ctx.db.query('rvs_members').collect()).map((row) => row.name);
      } catch (error: any) {
        return `${error.code}: ${error.message}`;
      }
    });
    expect(out).toEqual(['Ada']);
  });
});
