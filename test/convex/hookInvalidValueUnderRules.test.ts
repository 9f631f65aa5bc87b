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

// A beforeUpdate hook that returns a value of the wrong type (label: 42 in a text column, a bug in the hook)
// fails VALIDATION, under any rule, for a plain update and the same change as onConflictDoUpdate alike: the values
// hooks make are validated before the rules judge the row, as a Postgres trigger's NEW row is typed before the
// policies run. Observed before: the rules ran first (statement.ts: checkRules before validateChanges; the upsert
// since 23dab51), so an object rule the row fails gave RULE_VIOLATION as an update and VALIDATION as an upsert
// (cd8e7a4's order), and a function rule written against the column's type (`row.label.startsWith`) threw its
// TypeError out of the statement.
const counters = convexTable('counters', {
  key: text().notNull().unique(),
  n: integer().notNull(),
  label: text(),
});
const schema = defineSchema({ counters });
const relations = defineRelations({ counters });
const triggers = defineTriggers(relations, {
  counters: { beforeUpdate: async ({ new: next }) => ({ ...next, label: 42 as never }) },
});
const orms = {
  'an object update.check the row fails (n <= 10)': createOrm({
    relations,
    triggers,
    rules: defineRules(relations, async () => ({
      counters: { read: {}, insert: {}, update: { using: {}, check: { n: { lte: 10 } } } },
    })),
  }),
  'a function update.check written against the column type': createOrm({
    relations,
    triggers,
    rules: defineRules(relations, async () => ({
      counters: {
        read: {},
        insert: {},
        update: { using: {}, check: (row) => row.label === null || row.label.startsWith('a') },
      },
    })),
  }),
};
// A mutation's writer (the first overload of orm.db).
const writerOf = (orm: (typeof orms)[keyof typeof orms], ctx: never) => orm.db(ctx);

describe.each(Object.entries(orms))("a beforeUpdate hook's value of the wrong type under %s", (_, orm) => {
  async function attempt(statement: (db: ReturnType<typeof writerOf>) => PromiseLike<unknown>) {
    const t = convexTest({ schema, modules });
    await t.run(async (ctx) => {
      await ctx.db.insert('counters', { key: 'a', n: 1, label: 'abc' });
    });
    return t.run(async (ctx) => {
      try {
        await statement(writerOf(orm, ctx as never));
        return 'NONE';
      } catch (error) {
        return isOrmError(error) ? error.code : `NOT_AN_ORM_ERROR: ${String(error).slice(0, 100)}`;
      }
    });
  }

  it('update() fails VALIDATION', async () => {
    expect(await attempt((db) => db.update(counters).set({ n: 50 }).where(eq(counters.key, 'a')))).toBe('VALIDATION');
  });

  it("onConflictDoUpdate's update branch fails VALIDATION, as the same update()", async () => {
    const code = await attempt((db) =>
      db
        .insert(counters)
        .values({ key: 'a', n: 1 })
        .onConflictDoUpdate({ target: counters.key, set: { n: 50 } }),
    );
    expect(code).toBe('VALIDATION');
  });
});
