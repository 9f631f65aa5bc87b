import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { Id } from '../../example/convex/_generated/dataModel';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { posts, relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules } from '../../src/index';
import { countReads } from '../../src/testing/index';

// Unprepared queries of one shape share a plan (src/query/shapePlans.ts): these run the same
// shapes again and again, with other values, other callers and other rules in between.

const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const viewer = ((await ctx.auth.getUserIdentity())?.subject as Id<'users'> | undefined) ?? null;
  const mine = viewer ? { authorId: viewer } : { _id: { in: [] } };
  return { posts: { read: mine }, users: { read: {} } };
});
const orm = createOrm({ relations, rules });
const plain = createOrm({ relations });

async function world() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const ids = await t.run(async (ctx) => {
    const db = plain.db(ctx as MutationCtx);
    const [ann, bob] = await db
      .insert(users)
      .values([
        { name: 'ann', email: 'ann@x' },
        { name: 'bob', email: 'bob@x' },
      ])
      .returning({ _id: users._id });
    await db.insert(posts).values([
      { title: 'ann draft', authorId: ann!._id },
      { title: 'bob draft', authorId: bob!._id },
      { title: 'bob notes', authorId: bob!._id, publishedAt: 5 },
    ]);
    return { ann: ann!._id, bob: bob!._id };
  });
  return { t, ids };
}

describe('queries of one shape', () => {
  it('each call reads with its own values: the lookup that made the shape does not answer the next ones', async () => {
    const { t } = await world();
    const names = await t.run(async (ctx) => {
      const db = plain.db(ctx as MutationCtx);
      const found: (string | null)[] = [];
      for (const email of ['ann@x', 'bob@x', 'nobody@x', 'ann@x']) {
        const user = await db.query.users.findFirst({ where: { email } });
        found.push(user?.name ?? null);
      }
      return found;
    });
    expect(names).toEqual(['ann', 'bob', null, 'ann']);
  });

  it('reads one index range and one document per point lookup, as the first call of its shape did', async () => {
    const { t } = await world();
    const reads = await t.run(async (ctx) => {
      const counted = countReads(ctx as MutationCtx);
      const db = plain.db(counted.ctx);
      const costs: { documents: number; ranges: number }[] = [];
      for (const email of ['ann@x', 'bob@x']) {
        const before = { ...counted.reads };
        await db.query.users.findFirst({ where: { email } });
        costs.push({
          documents: counted.reads.documents - before.documents,
          ranges: counted.reads.ranges - before.ranges,
        });
      }
      return costs;
    });
    expect(reads).toEqual([
      { documents: 1, ranges: 1 },
      { documents: 1, ranges: 1 },
    ]);
  });

  it("a caller under rules never gets a shape's plan made without them, or another caller's rule", async () => {
    const { t, ids } = await world();
    const titles = (rows: { title: string }[]) => rows.map((post) => post.title).sort();
    const query = { where: { publishedAt: { gt: 0 } }, columns: { title: true } } as const;
    const draftQuery = { where: { title: 'bob draft' }, columns: { title: true } } as const;
    // The shapes are made first by the bypass, which sees every row.
    const bypass = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx, { rules: false });
      return {
        published: titles(await db.query.posts.findMany(query)),
        draft: await db.query.posts.findFirst(draftQuery),
      };
    });
    expect(bypass).toEqual({ published: ['bob notes'], draft: { title: 'bob draft' } });
    const as = (user: Id<'users'>) =>
      t.withIdentity({ subject: user }).run(async (ctx) => {
        const db = orm.db(ctx as MutationCtx);
        return {
          published: titles(await db.query.posts.findMany(query)),
          draft: await db.query.posts.findFirst(draftQuery),
        };
      });
    expect(await as(ids.ann)).toEqual({ published: [], draft: null });
    expect(await as(ids.bob)).toEqual({ published: ['bob notes'], draft: { title: 'bob draft' } });
    expect(await as(ids.ann)).toEqual({ published: [], draft: null });
  });

  it('rejects a bad value with the error of the config itself, before and after the shape served good ones', async () => {
    const { t } = await world();
    const outcome = await t.run(async (ctx) => {
      const db = plain.db(ctx as MutationCtx);
      const bad = () =>
        db.query.users.findFirst({ where: { email: 5 as never } }).then(
          () => 'resolved',
          (error: Error & { code?: string }) => `${error.code}: ${error.message}`,
        );
      const before = await bad();
      const good = (await db.query.users.findFirst({ where: { email: 'bob@x' } }))?.name;
      const after = await bad();
      return { before, good, after };
    });
    expect(outcome.good).toBe('bob');
    expect(outcome.before).toMatch(/^[A-Z_]+: .*email/);
    expect(outcome.after).toBe(outcome.before);
  });
});
