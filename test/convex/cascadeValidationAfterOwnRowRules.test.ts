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
  textEnum,
} from '../../src/index';

// 65a0602 validates every change a statement planned (its own rows and the rows its foreign-key
// actions reach) before the rules judge its own rows. A cascaded row is not judged by any rule
// (docs: "Foreign-key actions are not subject to rules"), but its values are now validated before
// the statement's OWN row meets `update.check`. When an action writes a value the referencing column
// cannot hold (a textEnum column referencing a text key: the schema accepts it, mayEqual), an update
// the caller may not make fails VALIDATION naming the referencing table when a hidden row references
// the key, and RULE_VIOLATION when none does: an oracle on rows the caller cannot read, which the
// previous order (rules, then values) did not give. Postgres checks an UPDATE's WITH CHECK policy
// in ExecUpdate, before any RI cascade runs (the cascade is an AFTER trigger).
const statuses = convexTable('statuses', { name: text().notNull().unique() });
const tickets = convexTable('tickets', {
  owner: text().notNull(),
  status: textEnum(['open', 'closed'])
    .notNull()
    .references(() => statuses.name, { onUpdate: 'cascade' }),
});
const schema = defineSchema({ statuses, tickets });
const relations = defineRelations({ statuses, tickets });
const rules = defineRules(relations, async () => ({
  // The caller may match a status but not rename it to 'pending'.
  statuses: { read: {}, insert: {}, update: { using: {}, check: { name: { ne: 'pending' } } }, delete: {} },
  // Tickets are Vic's: the caller (Mal) cannot read any of them.
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

describe("an update its own row's update.check refuses, whose cascade reaches a hidden row", () => {
  it('fails RULE_VIOLATION on "statuses" whether or not a hidden ticket references the key', async () => {
    const without = await renameOpen(false);
    const withTicket = await renameOpen(true);
    expect(without.code).toBe('RULE_VIOLATION');
    // Observed: { code: 'VALIDATION', table: 'tickets', message: 'Invalid value for "tickets.status" (not shown under rules).' }
    expect(withTicket).toEqual(without);
  });
});
