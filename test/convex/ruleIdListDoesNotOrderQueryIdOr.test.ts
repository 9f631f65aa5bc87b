import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { relations } from '../../example/convex/schema';
import { createOrm, defineRules } from '../../src/index';
import { seeded } from './seed';

// A get plan orders its ids by the query's own `_id` condition, never by a rule's `_id` list: with
// the query's condition a same-field OR (not an `in` list), the ids are read sorted as without the
// rule, so the rule does not decide the order, nor with `limit` which visible row comes back.
describe("a rule's _id list does not order a query whose own _id condition is an OR", () => {
  it('same rows in the same order as without the rule (both rows visible)', async () => {
    const { t, ids } = await seeded();
    const { introConvex, indexes, bob2 } = ids.posts;
    const ruled = createOrm({
      relations,
      rules: defineRules(relations, () => ({ posts: { read: { _id: { in: [bob2, introConvex, indexes] } } } })),
    });
    const where = { OR: [{ _id: indexes }, { _id: bob2 }] };
    const out = await t.run(async (ctx) => ({
      plain: (await orm.db(ctx).query.posts.findMany({ where })).map((row) => row._id),
      ruled: (await ruled.db(ctx).query.posts.findMany({ where })).map((row) => row._id),
      plainFirst: (await orm.db(ctx).query.posts.findFirst({ where }))?._id,
      ruledFirst: (await ruled.db(ctx).query.posts.findFirst({ where }))?._id,
    }));
    expect(out.plain).toEqual([indexes, bob2]);
    expect(out.ruled).toEqual(out.plain);
    expect(out.ruledFirst).toBe(out.plainFirst);
  });
});
