import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  eq,
  isOrmError,
  text,
} from '../../src/index';

// docs/rules.md: "a refused statement tells nothing of the rows its actions would reach (a `restrict`
// on a hidden referrer, the row cap, their hooks)", as Postgres judges its policies in ExecUpdate before
// the RI triggers run, RETURNING's SELECT policy included. 03328fd/fcb0262 moved the rules stage ahead of
// the foreign-key plan, but returning()'s `read` check (checkReturnedRows) still runs after the plan and
// after the reached rows' before-hooks, even for an own row no action merges into. An update whose
// returned row the caller may not read (renamed to 'secret') fails RULE_VIOLATION with no ticket, and
// FOREIGN_KEY_VIOLATION / ROW_CAP_EXCEEDED / the hidden ticket's hook error when hidden tickets hold the key.
const statuses = convexTable('statuses', { name: text().notNull().unique() });
const statusRules = {
  read: { name: { ne: 'secret' } },
  insert: {},
  update: { using: {}, check: {} },
  delete: {},
};
const ticketRules = { read: { owner: 'mal' }, insert: {}, update: { owner: 'mal' }, delete: { owner: 'mal' } };

function outcomeOf(error: unknown) {
  return isOrmError(error)
    ? { code: error.code, rule: (error.data?.details as { rule?: string } | undefined)?.rule }
    : { code: `NOT_AN_ORM_ERROR: ${String(error).slice(0, 200)}` };
}

function build(onUpdate: 'restrict' | 'cascade', hook: boolean) {
  const tickets = convexTable('tickets', {
    owner: text().notNull(),
    status: text()
      .notNull()
      .references(() => statuses.name, { onUpdate }),
  });
  const schema = defineSchema({ statuses, tickets });
  const relations = defineRelations({ statuses, tickets });
  const rules = defineRules(relations, async () => ({ statuses: statusRules, tickets: ticketRules }));
  const triggers = hook
    ? defineTriggers(relations, {
        tickets: {
          beforeUpdate: async ({ old }) => {
            throw new Error(`hidden ticket of ${old.owner} reached`);
          },
        },
      })
    : undefined;
  const orm = createOrm({ relations, rules, ...(triggers ? { triggers } : {}) });
  return { schema, orm, tickets };
}

async function renameReturning(onUpdate: 'restrict' | 'cascade', hiddenTickets: number, hook = false, rowCap = 100) {
  const { schema, orm } = build(onUpdate, hook);
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('statuses', { name: 'open' });
    for (let i = 0; i < hiddenTickets; i++) await ctx.db.insert('tickets', { owner: 'vic', status: 'open' });
  });
  return t.run(async (ctx) => {
    try {
      const rows = await orm
        .db(ctx as never, { rowCap })
        .update(statuses)
        .set({ name: 'secret' })
        .where(eq(statuses.name, 'open'))
        .returning();
      return { code: 'NONE', rows: rows.length };
    } catch (error) {
      return outcomeOf(error);
    }
  });
}

describe('update().returning() whose returned row fails `read`, whose key hidden tickets hold', () => {
  it("onUpdate 'restrict': RULE_VIOLATION (read) whether or not a hidden ticket holds the key", async () => {
    const without = await renameReturning('restrict', 0);
    const withTicket = await renameReturning('restrict', 1);
    expect(without).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
    expect(withTicket).toEqual(without);
  });

  it("onUpdate 'cascade' with rowCap 3: RULE_VIOLATION (read) whatever the number of hidden tickets", async () => {
    const without = await renameReturning('cascade', 0, false, 3);
    const withTickets = await renameReturning('cascade', 5, false, 3);
    expect(without).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
    expect(withTickets).toEqual(without);
  });

  it("onUpdate 'cascade': a hidden ticket's beforeUpdate hook does not run (RULE_VIOLATION on read)", async () => {
    const withHook = await renameReturning('cascade', 1, true);
    expect(withHook).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
  });
});
