// A hook's ctx.db reads under the rules of the db that fired it on every read path: db.select(),
// $count (with and without a filter, served by an aggregate index), select(...).groupBy(), relational
// count(), and prepared queries / selects / counts executed with the hook's ctx (docs/rules.md,
// docs/select.md, docs/queries.md). A hook that counted or grouped a hidden row would tell the caller of it.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  count,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  eq,
  index,
  integer,
  text,
} from '../../src/index';

const items = convexTable('items', { owner: text().notNull(), n: integer().notNull() }, (t) => [
  index('by_owner').on(t.owner),
  aggregateIndex('items_by_owner').on(t.owner).count().sum(t.n),
]);
const logs = convexTable('logs', { msg: text().notNull() });
const tables = { items, logs };
const schema = defineSchema(tables);
const relations = defineRelations(tables);

describe("a hook's reads under the caller's rules", () => {
  it('select, $count, groupBy, count and prepared executions with the hook ctx see only visible rows', async () => {
    const rules = defineRules(
      relations,
      async (ctx: { auth: { getUserIdentity(): Promise<{ subject: string } | null> } }) => {
        const who = (await ctx.auth.getUserIdentity())?.subject ?? 'nobody';
        return { items: { read: { owner: who }, insert: {} }, logs: { read: {}, insert: {} } };
      },
    );
    const seen: Record<string, unknown> = {};
    const triggers = defineTriggers(relations, {
      logs: {
        afterInsert: async (_change, ctx) => {
          seen.count = await ctx.db.$count(items);
          seen.countHidden = await ctx.db.$count(items, eq(items.owner, 'b'));
          seen.select = (await ctx.db.select().from(items)).map((row) => row.owner);
          seen.groups = await ctx.db.select({ owner: items.owner, c: count() }).from(items).groupBy(items.owner);
          seen.relationalCount = await ctx.db.query.items.count();
          seen.preparedSelect = (await preparedSelect.execute(ctx)).length;
          seen.preparedQuery = (await preparedQuery.execute(ctx)).length;
          seen.preparedCount = await preparedCount.execute(ctx);
        },
      },
    });
    const orm = createOrm({ relations, rules, triggers });
    const preparedSelect = orm.select().from(items).prepare('allItems');
    const preparedQuery = orm.query.items.findMany().prepare('itemRows');
    const preparedCount = orm.query.items.count().prepare('itemCount');
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      await ctx.db.insert('items', { owner: 'a', n: 1 });
      await ctx.db.insert('items', { owner: 'b', n: 2 });
      await ctx.db.insert('items', { owner: 'b', n: 3 });
    });
    await t.withIdentity({ subject: 'a' }).run(async (ctx) => {
      await orm.db(ctx).insert(logs).values({ msg: 'x' });
    });
    expect(seen).toEqual({
      count: 1,
      countHidden: 0,
      select: ['a'],
      groups: [{ owner: 'a', c: 1 }],
      relationalCount: 1,
      preparedSelect: 1,
      preparedQuery: 1,
      preparedCount: 1,
    });
  });
});
