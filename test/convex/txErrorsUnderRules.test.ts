// Claim check (from a review that found no bug): docs/rules.md "error messages never name or echo a row the caller may
// not read" and "every transaction budget error of a db with rules ... states no usage" hold for
// statements run inside db.transaction() (tx is made from the db, Object.create) and a nested
// read-only transaction (a copy of the db's session): a restrict held by a hidden referrer names no
// id, a UNIQUE_VIOLATION against a hidden row on a commitTs (int64) unique column names no id or
// value, and a read past the transaction budget states no `used`.
import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineRules,
  defineSchema,
  eq,
  id,
  index,
  text,
} from '../../src/index';

const items = convexTable('items', { owner: text().notNull(), ts: custom(v.commitTs()).unique() });
const flags = convexTable(
  'flags',
  {
    owner: text().notNull(),
    itemId: id('items')
      .notNull()
      .references(() => items._id, { onDelete: 'restrict' }),
  },
  (t) => [index('by_item').on(t.itemId)],
);
const tables = { items, flags };
const relations = defineRelations(tables);
const rules = defineRules(relations, () => ({
  items: { read: { owner: 'mal' }, delete: { owner: 'mal' }, insert: { owner: 'mal' } },
  flags: { read: { owner: 'mal' } },
}));
const orm = createOrm({ relations, rules, transactionBudget: { documentsRead: 5 } });

it('errors inside transaction() under rules name no hidden row and state no usage', async () => {
  const t = convexTest({ schema: defineSchema(tables), modules });
  const ids = await t.run(async (ctx) => {
    const mine = await ctx.db.insert('items', { owner: 'mal', ts: 1n });
    const hidden = await ctx.db.insert('items', { owner: 'vic', ts: 777n });
    const flag = await ctx.db.insert('flags', { owner: 'vic', itemId: mine });
    for (let i = 0; i < 8; i++) await ctx.db.insert('flags', { owner: 'vic', itemId: hidden });
    return { mine, hidden, flag };
  });
  const errors = await t.run(async (ctx) => {
    const db = orm.db(ctx);
    const caught = async (p: PromiseLike<unknown>) =>
      Promise.resolve(p).then(
        () => null,
        (e: any) => ({ message: e.message as string, data: JSON.stringify(e.data) }),
      );
    return db.transaction(async (tx) => [
      await caught(tx.delete(items).where(eq(items._id, ids.mine))),
      await caught(tx.insert(items).values({ owner: 'mal', ts: 777n })),
      await caught(
        // A nested transaction is typed without a config, as Drizzle's; one given is honoured (docs/mutations.md).
        (tx as any).transaction(async (ro: any) => ro.query.flags.findMany({ where: { itemId: ids.hidden } }), {
          accessMode: 'read only',
        }),
      ),
    ]);
  });
  const [restrict, unique, budget] = errors;
  expect(restrict?.message).toMatch(/a "flags" row still references it/);
  expect(unique?.message).toMatch(/Duplicate \(ts\)/);
  expect(budget?.message).toMatch(/usage not shown under rules/);
  for (const e of errors) {
    expect(e).not.toBeNull();
    for (const secret of [ids.hidden, ids.flag, ids.mine, '777']) {
      expect(e!.message).not.toContain(secret);
      expect(e!.data).not.toContain(secret);
    }
    expect(e!.data).not.toContain('"used"');
  }
});
