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
  text,
} from '../../src/index';

// cd8e7a4 judges onConflictDoUpdate's update branch "as a plain update's row", so that "the error is the one the same
// update() gives" (docs/rules.md). A plain update's stages run the beforeUpdate hook, then the rules stage
// (update.check), then validate the values the hook returned (runStages: checkRules before validateChanges). The
// upsert's judgedUpdate validates the hook's values first (validateChanges), then update.check: a row that a hook
// gives an invalid value and that fails update.check is RULE_VIOLATION as an update, VALIDATION as the same upsert.
const counters = convexTable('counters', {
  key: text().notNull().unique(),
  n: integer().notNull(),
  label: text(),
});
const schema = defineSchema({ counters });
const relations = defineRelations({ counters });
const rules = defineRules(relations, async () => ({
  counters: { read: {}, insert: {}, update: { using: {}, check: { n: { lte: 10 } } } },
}));
const triggers = defineTriggers(relations, {
  counters: {
    // A hook that returns a value of the wrong type for `label` (a bug in the hook).
    beforeUpdate: async ({ new: next }) => ({ ...next, label: 42 as never }),
  },
});
const orm = createOrm({ relations, rules, triggers });

const outcome = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return 'NONE';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

describe("onConflictDoUpdate's update branch: a hook's invalid value on a row update.check refuses", () => {
  it('fails with the error the same update() gives', async () => {
    const t = convexTest({ schema, modules });
    await t.run(async (ctx) => {
      await ctx.db.insert('counters', { key: 'a', n: 1 });
    });
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const plain = await outcome(() => db.update(counters).set({ n: 50 }).where(eq(counters.key, 'a')));
      const upsert = await outcome(() =>
        db
          .insert(counters)
          .values({ key: 'a', n: 1 })
          .onConflictDoUpdate({ target: counters.key, set: { n: 50 } }),
      );
      return { plain, upsert };
    });
    // Once observed: { plain: 'RULE_VIOLATION', upsert: 'VALIDATION' }. Both validate the hook's values first.
    expect(result).toEqual({ plain: 'VALIDATION', upsert: 'VALIDATION' });
  });
});
