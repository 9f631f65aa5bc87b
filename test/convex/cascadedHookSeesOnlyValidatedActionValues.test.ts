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

// 03328fd: "a cascaded row's hook got an own row's unvalidated value (TypeError for name: 42 instead of
// VALIDATION)"; the own rows are now validated before the actions are planned. But the value the action
// itself writes is validated only after the reached rows' before-hooks ran on it (statement.ts: plan ->
// runBeforeTriggers -> validateChanges). An onUpdate: 'cascade' from a text key into a textEnum column
// (59c74ad: without a hook this fails VALIDATION naming "tickets") hands the tickets' beforeUpdate a
// `new.status` outside its enum, typed as a member: a hook looking the status up throws a TypeError out
// of the statement. A Postgres BEFORE trigger's NEW row is typed before the trigger runs, on an RI
// cascade's UPDATE too.
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
const triggers = defineTriggers(relations, {
  tickets: { beforeUpdate: async ({ new: next }) => ({ ...next, badge: BADGES[next.status].icon }) },
});
const orm = createOrm({ relations, triggers });
const plainOrm = createOrm({ relations });

async function rename(withHook: boolean) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('statuses', { name: 'open' });
    await ctx.db.insert('tickets', { status: 'open' });
  });
  const outcome = await t.run(async (ctx) => {
    try {
      await (withHook ? orm : plainOrm)
        .db(ctx as never)
        .update(statuses)
        .set({ name: 'Open' })
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

describe("a cascade's value outside the reached row's column type, under that row's beforeUpdate hook", () => {
  it('control: without the hook the cascade fails VALIDATION on tickets', async () => {
    expect(await rename(false)).toEqual({ outcome: { code: 'VALIDATION', table: 'tickets' }, stored: ['open'] });
  });

  it("fails VALIDATION on tickets before the hook sees the value, not the hook's TypeError", async () => {
    expect(await rename(true)).toEqual({ outcome: { code: 'VALIDATION', table: 'tickets' }, stored: ['open'] });
  });
});
