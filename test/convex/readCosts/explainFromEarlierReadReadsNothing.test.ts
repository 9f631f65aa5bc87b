// explain() names no `fromEarlierRead` (and no "read before" wording in `_count`) for a load or
// count that reads nothing and so takes nothing: a `with` load of `limit: 0`, or one whose target
// plan is empty (a read rule no row passes), beside a relation order of the same relation and
// where. At run time such a relation reads nothing for any parent (readPerParent returns before
// taking held rows), and explain's own `load` says "none: ...". Found by review.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { createOrm, defineRules } from '../../../src/index';
import { counted, orm, relations, schema, seeded } from './fixture';

describe('explain fromEarlierRead for a load that reads nothing', () => {
  it('a with load of limit 0 beside a relation order of the same relation', async () => {
    const t = await seeded(3, 2);
    const out = await t.run(async (raw: any) => {
      const config = { orderBy: { posts: 'desc(count)' }, with: { posts: { limit: 0 } } } as any;
      const explained = orm.db(raw).query.users.findMany(config).explain() as any;
      const run = await counted(raw, (ctx) => orm.db(ctx).query.users.findMany(config));
      return { explained, run };
    });
    // It reads nothing for the load (each user's posts come from the order's read, none taken).
    expect(out.run.result.map((u: any) => u.posts)).toEqual([[], [], []]);
    expect(out.explained.with.posts.load).toMatch(/^none/);
    expect(out.explained.with.posts.fromEarlierRead).toBeUndefined();
  });

  it('a load and a _count whose target plan is empty (a FALSE read rule) beside a relation order', async () => {
    const t = convexTest(schema, modules);
    const ruled = createOrm({
      relations,
      rules: defineRules(relations, () => ({ posts: { read: { status: { in: [] } } } })),
    });
    const out = await t.run(async (raw: any) => {
      const db = ruled.db(raw);
      await db.query.users.findMany({ limit: 1 }); // the rules evaluated before explain()
      return {
        load: db.query.users.findMany({ orderBy: { posts: 'desc(count)' }, with: { posts: true } } as any).explain(),
        count: db.query.users.findMany({ orderBy: { posts: 'desc(count)' }, _count: { posts: true } } as any).explain(),
      };
    });
    const { load, count } = out as any;
    expect(load.with.posts.load).toMatch(/^none/);
    expect.soft(load.with.posts.fromEarlierRead).toBeUndefined();
    expect(count._count.posts).toMatch(/^none/);
    expect(count._count.posts).not.toMatch(/read the relation of before/);
  });
});
