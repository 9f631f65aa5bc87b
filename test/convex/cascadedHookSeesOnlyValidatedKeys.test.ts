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
} from '../../src/index';

// A statement's own before-hook that returns a key of the wrong type (name: 42 in a text column, a bug in
// the hook) fails VALIDATION on its own table: the values hooks make are validated like user input
// (docs/triggers.md, the pipeline). But the own rows are validated only after the foreign-key actions are
// planned from the hook's value and the cascaded rows' before-hooks have run on it: the tickets' hook
// receives `new.status === 42` (typed string) and its `.trim()` throws a TypeError out of the statement.
// A Postgres BEFORE trigger's returned row is typed as it returns, so no cascade ever carries such a value.
const statuses = convexTable('statuses', { name: text().notNull().unique() });
const tickets = convexTable('tickets', {
  status: text()
    .notNull()
    .references(() => statuses.name, { onUpdate: 'cascade' }),
  statusKey: text(),
});
const schema = defineSchema({ statuses, tickets });
const relations = defineRelations({ statuses, tickets });
const triggers = defineTriggers(relations, {
  statuses: { beforeUpdate: async ({ new: next }) => ({ ...next, name: 42 as never }) },
  tickets: { beforeUpdate: async ({ new: next }) => ({ ...next, statusKey: next.status.trim().toLowerCase() }) },
});
const orm = createOrm({ relations, triggers });

describe("an own row's before-hook returning a referenced key of the wrong type", () => {
  it("fails VALIDATION on the own row before any cascaded row's hook sees the value", async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx) => {
      await ctx.db.insert('statuses', { name: 'open' });
      await ctx.db.insert('tickets', { status: 'open' });
    });
    const outcome = await t.run(async (ctx) => {
      try {
        await orm
          .db(ctx as never)
          .update(statuses)
          .set({ name: 'Closed' })
          .where(eq(statuses.name, 'open'));
        return { code: 'NONE' };
      } catch (error) {
        return isOrmError(error)
          ? { code: error.code, table: error.data?.table }
          : { code: `NOT_AN_ORM_ERROR: ${String(error).slice(0, 120)}` };
      }
    });
    expect(outcome).toEqual({ code: 'VALIDATION', table: 'statuses' });
  });
});
