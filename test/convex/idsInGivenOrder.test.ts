import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { relations } from '../../example/convex/schema';
import { createOrm, defineRules } from '../../src/index';
import { seeded } from './seed';

// `findMany({ where: { _id: { in: ids } } })` without orderBy returns the rows in the order of the
// ids (how vector search results are loaded in score order), also when a rule lists ids too.
describe('_id in: rows in the order the ids were given', () => {
  it('keeps the query order when a read rule lists fewer ids (the ones read)', async () => {
    const { t, ids } = await seeded();
    const { introConvex, indexes, bob2 } = ids.posts;
    const ruled = createOrm({
      relations,
      rules: defineRules(relations, () => ({ posts: { read: { _id: { in: [introConvex, indexes] } } } })),
    });
    const asked = [indexes, introConvex, bob2];
    const out = await t.run(async (ctx) => ({
      plain: (await orm.db(ctx).query.posts.findMany({ where: { _id: { in: asked } } })).map((row) => row._id),
      ruled: (await ruled.db(ctx).query.posts.findMany({ where: { _id: { in: asked } } })).map((row) => row._id),
    }));
    expect(out.plain).toEqual([indexes, introConvex, bob2]);
    // bob2 is hidden by the rule; the others keep the order asked for.
    expect(out.ruled).toEqual([indexes, introConvex]);
  });
});
