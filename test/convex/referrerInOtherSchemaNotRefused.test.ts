import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, text } from '../../src/index';

// Pins: assertStatementRuns (src/schema/deployedSchemas.ts) looked at every defineSchema a
// relations table was given to, not only at a schema that can be the deployed one (a schema holding
// all of the relations' tables); now only at those. A table shared by two Convex schemas (a monorepo's shared tables, or two
// backends of one test file) makes an ORM over the second refuse every statement because of a
// referrer that exists only in the first, whose deployment this ORM cannot be running on: the
// first schema lacks `notes`, one of this ORM's tables.
const members = convexTable('rv_members', { name: text().notNull() });
const tickets = convexTable('rv_tickets', {
  memberId: id('rv_members')
    .notNull()
    .references(() => members._id, { onDelete: 'cascade' }),
});
const notes = convexTable('rv_notes', { body: text().notNull() });

// App A deploys members + tickets; app B deploys members + notes (no foreign key at all).
defineSchema({ members, tickets });
const schemaB = defineSchema({ members, notes });
const ormB = createOrm({ relations: defineRelations({ members, notes }) });

describe('a referrer in another Convex schema than the one the ORM can be deployed with', () => {
  it('does not refuse the statements of an ORM over a schema that lacks it', async () => {
    const t = convexTest(schemaB, modules);
    const out = await t.run(async (ctx) => {
      try {
        await ormB.db(ctx).insert(members).values({ name: 'Ada' });
        await ormB.db(ctx).insert(notes).values({ body: 'hi' });
        return (await ctx.db.query('rv_members').collect()).map((row) => row.name);
      } catch (error: any) {
        return `${error.code}: ${error.message}`;
      }
    });
    expect(out).toEqual(['Ada']);
  });
});
