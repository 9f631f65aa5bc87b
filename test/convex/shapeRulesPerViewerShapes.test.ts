// Claim check (no bug found): docs/queries.md ("Unprepared queries share plans by shape") says a
// config parses and plans on its own under rules, and a shape-served call's results and read costs
// are those of its own parse. test/convex/shapePlans.test.ts checks two viewers whose rule is a
// where object. This checks viewers whose rule function returns a differently shaped filter each
// (a column equality, a relation filter, `{}` = every row, an `in` of nothing = no row), interleaved
// with the bypass warming the same shapes, each shape run 3+ times per viewer: every call must give
// the rows and reads a fresh ORM's first call gives that viewer (no rule constant baked in a plan).
import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { posts, relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules } from '../../src/index';
import { countReads } from '../../src/testing/index';

const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const who = (await ctx.auth.getUserIdentity())?.subject ?? 'none';
  const read =
    who === 'all'
      ? {}
      : who === 'none'
        ? { _id: { in: [] } }
        : who === 'rel'
          ? { author: { name: 'bob' } }
          : { publishedAt: { gt: 1 } };
  return { posts: { read }, users: { read: {} } } as never;
});

const configs = [
  { mode: 'many', config: { where: { title: 'b1' } } },
  { mode: 'many', config: { where: { title: 'a1' } } },
  { mode: 'many', config: { where: { publishedAt: { gte: 0 } }, orderBy: { publishedAt: 'desc' }, limit: 5 } },
  { mode: 'first', config: { where: { publishedAt: { gt: 0 } } } },
  { mode: 'many', config: { columns: { title: true } } },
] as const;

describe('shapes under rules of other shapes per viewer (claim check)', () => {
  it("each viewer's calls return what a fresh ORM's first call returns them, at the same read cost", async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx) => {
      const db = createOrm({ relations }).db(ctx as MutationCtx);
      const [ann, bob] = await db
        .insert(users)
        .values([
          { name: 'ann', email: 'ann@x' },
          { name: 'bob', email: 'bob@x' },
        ])
        .returning({ _id: users._id });
      await db.insert(posts).values([
        { title: 'a1', authorId: ann!._id, publishedAt: 0 },
        { title: 'a2', authorId: ann!._id, publishedAt: 7 },
        { title: 'b1', authorId: bob!._id, publishedAt: 3 },
        { title: 'b2', authorId: bob!._id },
      ]);
    });
    const run = (orm: { db: (ctx: any, options?: any) => any }, who: string | null, i: number) => {
      const { mode, config } = configs[i]!;
      const body = async (ctx: MutationCtx) => {
        const counted = countReads(ctx);
        const db = who === null ? orm.db(counted.ctx, { rules: false }) : orm.db(counted.ctx);
        const q = db.query.posts as any;
        const rows = mode === 'many' ? await q.findMany(config) : [await q.findFirst(config)];
        return {
          titles: rows.map((row: { title?: string } | null) => row?.title ?? null),
          reads: { ...counted.reads },
        };
      };
      return who === null || who === 'bypass'
        ? t.run((ctx) => body(ctx as MutationCtx))
        : t.withIdentity({ subject: who }).run((ctx) => body(ctx as MutationCtx));
    };
    const viewers = ['ann', 'all', 'none', 'rel'];
    const reference = new Map<string, unknown>();
    for (const who of viewers) {
      for (let i = 0; i < configs.length; i++)
        reference.set(`${who}/${i}`, await run(createOrm({ relations, rules }), who, i));
    }
    const shared = createOrm({ relations, rules });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < configs.length; i++) {
        await run(shared, null, i); // the bypass makes and serves the shape
        for (const who of viewers) {
          expect(await run(shared, who, i), `${who}/${i} round ${round}`).toEqual(reference.get(`${who}/${i}`));
        }
      }
    }
    // The reference is not vacuous: the viewers see different rows.
    expect(reference.get('all/4')).not.toEqual(reference.get('none/4'));
    expect(reference.get('rel/4')).not.toEqual(reference.get('ann/4'));
  });
});
