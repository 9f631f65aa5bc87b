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
  integer,
  isOrmError,
  text,
} from '../../src/index';

// A function rule is typed on the row as the ORM reads it (`label: string | null`), and a row the ORM writes is
// validated against the same columns. The rules stage runs it on the row a beforeUpdate hook returned before the
// hook's values are validated (statement.ts: checkRules before validateChanges; 23dab51 moved the upsert's update
// branch to the same order, where it validated first): a hook that returns `label: 42` (a bug in the hook) reaches
// the rule as a number, and the rule's `row.label.startsWith('a')` throws a TypeError out of the statement instead of
// the VALIDATION the hook's value deserves. Before 23dab51 the upsert failed VALIDATION.
const counters = convexTable('counters', {
  key: text().notNull().unique(),
  n: integer().notNull(),
  label: text(),
});
const schema = defineSchema({ counters });
const relations = defineRelations({ counters });
const rules = defineRules(relations, async () => ({
  counters: {
    read: {},
    insert: {},
    // A rule written against the column's type: label is a string or null.
    update: { using: {}, check: (row) => row.label === null || row.label.startsWith('a') },
  },
}));
const triggers = defineTriggers(relations, {
  counters: { beforeUpdate: async ({ new: next }) => ({ ...next, label: 42 as never }) },
});
const orm = createOrm({ relations, rules, triggers });

// A mutation's writer (the first overload of orm.db).
const writerOf = (ctx: never) => orm.db(ctx);

async function attempt(statement: (db: ReturnType<typeof writerOf>) => PromiseLike<unknown>) {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('counters', { key: 'a', n: 1, label: 'abc' });
  });
  return t.run(async (ctx) => {
    const db = writerOf(ctx as never);
    try {
      await statement(db);
      return 'NONE';
    } catch (error) {
      return isOrmError(error) ? error.code : `NOT_AN_ORM_ERROR: ${String(error).slice(0, 100)}`;
    }
  });
}

describe("a beforeUpdate hook's value of the wrong type under a function rule", () => {
  it("onConflictDoUpdate's update branch fails VALIDATION, not the rule's TypeError", async () => {
    // Observed: NOT_AN_ORM_ERROR: TypeError: row.label.startsWith is not a function (VALIDATION before 23dab51).
    const code = await attempt((db) =>
      db
        .insert(counters)
        .values({ key: 'a', n: 1 })
        .onConflictDoUpdate({ target: counters.key, set: { n: 2 } }),
    );
    expect(code).toBe('VALIDATION');
  });

  it("update() fails VALIDATION, not the rule's TypeError", async () => {
    // Observed: NOT_AN_ORM_ERROR: TypeError: row.label.startsWith is not a function.
    const code = await attempt((db) => db.update(counters).set({ n: 2 }).where(eq(counters.key, 'a')));
    expect(code).toBe('VALIDATION');
  });
});
