import type { Auth, GenericMutationCtx } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules, type Orm } from '../../src/index';
import { type Db, relations, schema } from './ruleFunctionFixture';

const orHang = <T>(promise: PromiseLike<T>) =>
  Promise.race([promise, new Promise<'HANG'>((resolve) => setTimeout(() => resolve('HANG'), 3000))]);

// A second ORM (e.g. a library's or another component's), with rules of its own that read nothing through an ORM.
const other: Orm<typeof relations> = createOrm({
  relations,
  rules: defineRules(relations, () => ({ owners: {}, items: {} })),
});
// The app's ORM: its rule function looks the viewer up through the other ORM with rules on (no recursion).
const orm: Orm<typeof relations, { auth: Auth }> = createOrm({
  relations,
  rules: defineRules(relations, async (ctx: { auth: Auth }) => {
    const me = await (other.db(ctx as never) as Db).query.owners.findFirst({ where: { name: 'mal' } });
    return { owners: {}, items: { read: me ? { ownerId: me._id } : { _id: { in: [] } } } };
  }),
});
async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx: GenericMutationCtx<any>) => {
    const mal = await ctx.db.insert('owners', { name: 'mal' });
    await ctx.db.insert('items', { title: 'a', ownerId: mal });
  });
  return t;
}

describe('the rules-on-inside-a-rule-function detection', () => {
  it('does not fire for another ORM (other rules, no recursion) used inside a rule function', async () => {
    const t = await world();
    const result = await orHang(
      t.run(async (ctx) => {
        try {
          return await (orm.db(ctx as never) as Db).query.items.count();
        } catch (error) {
          return String(error);
        }
      }),
    );
    expect(result).toBe(1);
  });
});
