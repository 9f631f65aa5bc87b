import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  eq,
  isOrmError,
  text,
  textEnum,
} from '../../src/index';

// A row a foreign-key cascade reaches gets its beforeUpdate hook only on validated values, as a Postgres BEFORE
// trigger's NEW row is typed before the trigger runs (an RI cascade's UPDATE too). Renaming a status cascades to its
// tickets, whose hook looks the new status up (`BADGES[next.status]`, typed as an enum member). Two bad values:
// the statuses' own hook returning `name: 42` (once planned into the cascade before the own rows were validated,
// 03328fd), and the rename itself to 'Open', outside the tickets' enum (once validated only after the reached rows'
// hooks ran on it, fcb0262). Both threw the tickets hook's TypeError out of the statement; both fail VALIDATION.
const statuses = convexTable('statuses', { name: text().notNull().unique() });
const tickets = convexTable('tickets', {
  status: textEnum(['open', 'closed'])
    .notNull()
    .references(() => statuses.name, { onUpdate: 'cascade' }),
  badge: text(),
});
const schema = defineSchema({ statuses, tickets });
const relations = defineRelations({ statuses, tickets });
const BADGES = { open: { icon: 'o' }, closed: { icon: 'x' } } as const;
const ticketHook = {
  tickets: {
    beforeUpdate: async ({ new: next }: { new: { status: 'open' | 'closed' } }) => ({
      ...next,
      badge: BADGES[next.status].icon,
    }),
  },
};
const orms = {
  plain: createOrm({ relations }),
  ticketHook: createOrm({ relations, triggers: defineTriggers(relations, ticketHook as never) }),
  bothHooks: createOrm({
    relations,
    triggers: defineTriggers(relations, {
      ...ticketHook,
      statuses: { beforeUpdate: async ({ new: next }: { new: object }) => ({ ...next, name: 42 as never }) },
    } as never),
  }),
};

async function rename(orm: keyof typeof orms, to: string) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('statuses', { name: 'open' });
    await ctx.db.insert('tickets', { status: 'open' });
  });
  const outcome = await t.run(async (ctx) => {
    try {
      await orms[orm]
        .db(ctx as never)
        .update(statuses)
        .set({ name: to })
        .where(eq(statuses.name, 'open'));
      return { code: 'NONE' };
    } catch (error) {
      return isOrmError(error)
        ? { code: error.code, table: error.data?.table }
        : { code: `NOT_AN_ORM_ERROR: ${String(error).slice(0, 160)}` };
    }
  });
  const stored = await t.run(async (ctx) => (await ctx.db.query('statuses').collect()).map((row) => row.name));
  return { outcome, stored };
}

describe("a cascaded row's beforeUpdate hook sees only validated values", () => {
  it("an own row's hook returning a key of the wrong type: VALIDATION on the own row, before any cascaded hook", async () => {
    expect(await rename('bothHooks', 'closed')).toEqual({
      outcome: { code: 'VALIDATION', table: 'statuses' },
      stored: ['open'],
    });
  });

  it('control: without the hook, a cascade value outside the enum fails VALIDATION on tickets', async () => {
    expect(await rename('plain', 'Open')).toEqual({
      outcome: { code: 'VALIDATION', table: 'tickets' },
      stored: ['open'],
    });
  });

  it("a cascade value outside the enum: VALIDATION on tickets before the hook sees it, not the hook's TypeError", async () => {
    expect(await rename('ticketHook', 'Open')).toEqual({
      outcome: { code: 'VALIDATION', table: 'tickets' },
      stored: ['open'],
    });
  });
});
