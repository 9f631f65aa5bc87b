import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  eq,
  isOrmError,
  text,
} from '../../src/index';

// 59c74ad: "a statement the rules refuse tells nothing of the rows an action would reach (hidden
// ones too), as Postgres's WITH CHECK fails before a cascade runs". The foreign-key plan (restrict
// and no action included) still runs before the rules judge the statement's own rows: renaming a
// status the caller may not rename to 'pending' fails RULE_VIOLATION when no ticket references it,
// FOREIGN_KEY_VIOLATION ("a "tickets" row still references it") when a ticket the caller cannot
// read does. Postgres checks the UPDATE's WITH CHECK in ExecUpdate, before the RI trigger
// (restrict / no action are AFTER triggers) runs.
const statuses = convexTable('statuses', { name: text().notNull().unique() });
const tickets = convexTable('tickets', {
  owner: text().notNull(),
  status: text()
    .notNull()
    .references(() => statuses.name, { onUpdate: 'restrict' }),
});
const schema = defineSchema({ statuses, tickets });
const relations = defineRelations({ statuses, tickets });
const rules = defineRules(relations, async () => ({
  statuses: { read: {}, insert: {}, update: { using: {}, check: { name: { ne: 'pending' } } }, delete: {} },
  tickets: { read: { owner: 'mal' }, insert: {}, update: { owner: 'mal' }, delete: { owner: 'mal' } },
}));
const orm = createOrm({ relations, rules });

async function renameOpen(withHiddenTicket: boolean) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('statuses', { name: 'open' });
    if (withHiddenTicket) await ctx.db.insert('tickets', { owner: 'vic', status: 'open' });
  });
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    try {
      await db.update(statuses).set({ name: 'pending' }).where(eq(statuses.name, 'open'));
      return { code: 'NONE' };
    } catch (error) {
      return isOrmError(error)
        ? { code: error.code, table: error.data?.table, message: error.message }
        : { code: `NOT_AN_ORM_ERROR: ${String(error)}` };
    }
  });
}

describe("an update its own row's update.check refuses, whose key a hidden row holds under onUpdate: 'restrict'", () => {
  it('fails RULE_VIOLATION whether or not a hidden ticket references the key', async () => {
    const without = await renameOpen(false);
    const withTicket = await renameOpen(true);
    expect(without.code).toBe('RULE_VIOLATION');
    expect(withTicket).toEqual(without);
  });
});

// The same oracle through the row cap: the cascade's referencing rows are read and counted against
// rowCap before the rules judge the statement's own row, so hidden tickets make the refused update
// ROW_CAP_EXCEEDED instead of RULE_VIOLATION.
const cascadeTickets = convexTable('tickets', {
  owner: text().notNull(),
  status: text()
    .notNull()
    .references(() => statuses.name, { onUpdate: 'cascade' }),
});
const cascadeSchema = defineSchema({ statuses, tickets: cascadeTickets });
const cascadeRelations = defineRelations({ statuses, tickets: cascadeTickets });
const cascadeOrm = createOrm({
  relations: cascadeRelations,
  rules: defineRules(cascadeRelations, async () => ({
    statuses: { read: {}, insert: {}, update: { using: {}, check: { name: { ne: 'pending' } } }, delete: {} },
    tickets: { read: { owner: 'mal' }, insert: {}, update: { owner: 'mal' }, delete: { owner: 'mal' } },
  })),
});

async function renameOpenCapped(hiddenTickets: number) {
  const t = convexTest({ schema: cascadeSchema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('statuses', { name: 'open' });
    for (let i = 0; i < hiddenTickets; i++) await ctx.db.insert('tickets', { owner: 'vic', status: 'open' });
  });
  return t.run(async (ctx) => {
    const db = cascadeOrm.db(ctx as never, { rowCap: 3 });
    try {
      await db.update(statuses).set({ name: 'pending' }).where(eq(statuses.name, 'open'));
      return { code: 'NONE' };
    } catch (error) {
      return isOrmError(error)
        ? { code: error.code, table: error.data?.table, message: error.message }
        : { code: `NOT_AN_ORM_ERROR: ${String(error)}` };
    }
  });
}

describe("an update its own row's update.check refuses, whose cascade would reach more hidden rows than rowCap", () => {
  it('fails RULE_VIOLATION whatever the number of hidden tickets', async () => {
    const without = await renameOpenCapped(0);
    const withTickets = await renameOpenCapped(5);
    expect(without.code).toBe('RULE_VIOLATION');
    expect(withTickets).toEqual(without);
  });
});
