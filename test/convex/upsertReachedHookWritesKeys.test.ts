import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, text } from '../../src/index';

// The hooks of rows an upsert's foreign-key actions reach run in the stages, after the upsert looked
// up its rows' unique keys: a row such a hook inserts with a key the upsert inserts or sets is a
// UNIQUE_VIOLATION, as in Postgres (the RI cascade's UPDATE, and its BEFORE trigger, run while the
// upsert's rows are in the index already, so the trigger's INSERT of a taken key fails) and as a
// plain update with the same cascade gives.
const statuses = convexTable('statuses', {
  name: text().notNull().unique(),
  code: text().unique(),
});
const tickets = convexTable('tickets', {
  status: text()
    .notNull()
    .references(() => statuses.name, { onUpdate: 'cascade' }),
});
const schema = defineSchema({ statuses, tickets });
const relations = defineRelations({ statuses, tickets });

// A ticket whose status is renamed files a status of its own, code 'K'.
const orm = createOrm({
  relations,
  triggers: defineTriggers(relations, {
    tickets: {
      beforeUpdate: async ({ new: next }, ctx) => {
        await ctx.db.insert(statuses).values({ name: 'filed', code: 'K' });
        return next;
      },
    },
  }),
});

async function upsert(values: { name: string; code: string }[], set: { name: string; code?: string }) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('statuses', { name: 'open', code: 'o' });
    await ctx.db.insert('tickets', { status: 'open' });
  });
  const outcome = await t.run(async (ctx) => {
    try {
      await orm
        .db(ctx as never)
        .insert(statuses)
        .values(values)
        .onConflictDoUpdate({ target: statuses.code, set });
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  });
  const rows = await t.run((ctx) => ctx.db.query('statuses').collect());
  return {
    outcome,
    holdersOfK: rows
      .filter((row) => row.code === 'K')
      .map((row) => row.name)
      .sort(),
  };
}

describe('an upsert whose foreign-key action reaches a row whose beforeUpdate hook inserts a key', () => {
  it('a row the upsert inserted with that key: UNIQUE_VIOLATION, not two rows holding one unique key', async () => {
    // Row 1 inserts code 'K'; row 2 conflicts on code 'o' and renames 'open', which cascades to the ticket,
    // whose hook inserts code 'K' too.
    const { outcome, holdersOfK } = await upsert(
      [
        { name: 'new', code: 'K' },
        { name: 'ignored', code: 'o' },
      ],
      { name: 'opened' },
    );
    expect(holdersOfK.length).toBeLessThanOrEqual(1);
    expect(outcome).toBe('UNIQUE_VIOLATION');
  });

  it("the upsert's update setting that key: UNIQUE_VIOLATION, not two rows holding one unique key", async () => {
    // The conflicting row is renamed (cascading to the ticket, whose hook inserts code 'K') and given code 'K'.
    const { outcome, holdersOfK } = await upsert([{ name: 'ignored', code: 'o' }], { name: 'opened', code: 'K' });
    expect(holdersOfK.length).toBeLessThanOrEqual(1);
    expect(outcome).toBe('UNIQUE_VIOLATION');
  });
});
