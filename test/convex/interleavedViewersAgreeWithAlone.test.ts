// One module-level ORM with async rules per identity serves many calls in one isolate, interleaved at
// their awaits: each viewer's results and read counts (relation-filter rules, prepared queries and
// pages, select joins, _count, point lookups) are those it gets when its calls run alone.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { comments, groups, posts, relations, users, usersToGroups } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules, eq, placeholder } from '../../src/index';
import { countReads } from '../../src/testing/index';

const rules = defineRules(
  relations,
  async (ctx: { auth: { getUserIdentity(): Promise<{ subject: string } | null> } }) => {
    const viewer = (await ctx.auth.getUserIdentity())?.subject ?? 'nobody';
    return {
      users: { read: { OR: [{ role: 'admin' }, { name: viewer }, { groups: { name: viewer } }] } },
      posts: { read: { author: {} } },
      comments: { read: { post: true } },
      groups: { read: {} },
      usersToGroups: { read: { group: true } },
    };
  },
);
const orm = createOrm({ relations, rules, cursorSecret: 'x'.repeat(40) });
const byTitle = orm.query.posts
  .findMany({
    where: { title: placeholder('t') },
    with: { author: { columns: { name: true } }, comments: { columns: { body: true } } },
    columns: { title: true },
  })
  .prepare('byTitle');
const countAll = orm.query.comments.count().prepare();
const page = orm.query.posts.paginate({ columns: { title: true } }).prepare();

async function world() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx, { rules: false });
    const us = await db
      .insert(users)
      .values([
        { name: 'ann', email: 'ann@x' },
        { name: 'bob', email: 'bob@x' },
        { name: 'cy', email: 'cy@x', role: 'admin' },
        { name: 'dee', email: 'dee@x' },
      ])
      .returning({ _id: users._id });
    const gs = await db
      .insert(groups)
      .values([{ name: 'ann' }, { name: 'bob' }])
      .returning({ _id: groups._id });
    await db.insert(usersToGroups).values([{ userId: us[3]!._id, groupId: gs[0]!._id }]);
    const ps = await db
      .insert(posts)
      .values(
        us.flatMap((u, i) => [
          { title: `p${i}a`, authorId: u._id },
          { title: `p${i}b`, authorId: u._id },
        ]),
      )
      .returning({ _id: posts._id });
    await db.insert(comments).values(ps.map((p, i) => ({ postId: p._id, authorId: us[i % 4]!._id, body: `c${i}` })));
  });
  return t;
}

async function session(t: any, viewer: string) {
  return t.withIdentity({ subject: viewer }).run(async (raw: MutationCtx) => {
    const counted = countReads(raw);
    const ctx = counted.ctx;
    const db = orm.db(ctx);
    const out: Record<string, unknown> = {};
    const step = async (name: string, f: () => Promise<unknown>) => {
      const before = { ...counted.reads };
      try {
        out[name] = await f();
      } catch (e: any) {
        out[name] = `${e.code}: ${e.message}`;
      }
      out[`${name}#reads`] = { d: counted.reads.documents - before.documents, r: counted.reads.ranges - before.ranges };
    };
    await step('posts', () => db.query.posts.findMany({ columns: { title: true }, orderBy: { title: 'asc' } }));
    await step('users', () =>
      db.query.users.findMany({
        columns: { name: true },
        with: { posts: { columns: { title: true } }, groups: { columns: { name: true } } },
        orderBy: { name: 'asc' },
      }),
    );
    await step('comments', () => db.query.comments.findMany({ columns: { body: true }, orderBy: { body: 'asc' } }));
    await step('usersWithPosts', () =>
      db.query.users.findMany({ where: { posts: true }, columns: { name: true }, orderBy: { name: 'asc' } }),
    );
    await step('count', () => db.query.posts.count());
    await step('ucount', () =>
      db.query.users.findMany({
        columns: { name: true },
        extras: {},
        _count: { posts: true } as never,
        orderBy: { name: 'asc' },
      } as never),
    );
    await step('prepared', () => byTitle.execute(ctx, { t: 'p0a' }));
    await step('prepared2', () => byTitle.execute(ctx, { t: 'p3b' }));
    await step('countAll', () => countAll.execute(ctx));
    await step('page', async () => {
      const p1 = await page.execute(ctx, { numItems: 3, cursor: null });
      const p2 = await page.execute(ctx, { numItems: 3, cursor: p1.continueCursor });
      return [p1.page, p2.page];
    });
    await step('select', () =>
      db
        .select({ t: posts.title, n: users.name })
        .from(posts)
        .innerJoin(users, eq(posts.authorId, users._id))
        .orderBy(posts.title),
    );
    await step('first', () => db.query.users.findFirst({ where: { email: 'ann@x' }, columns: { name: true } }));
    await step('first2', () => db.query.users.findFirst({ where: { email: 'dee@x' }, columns: { name: true } }));
    return out;
  });
}

// One module-level ORM (rules evaluated per ctx, relation-filter rules, prepared queries, sealed cursors)
// serving several viewers: each viewer's results and read counts run alone must be what it gets
// when all viewers' calls are interleaved on one backend, and on a second backend afterwards.
describe('module-level ORM across requests', () => {
  it('interleaved viewers see what each sees alone', async () => {
    const t = await world();
    const viewers = ['ann', 'bob', 'cy', 'dee', 'nobody'];
    const alone: Record<string, unknown> = {};
    for (const v of viewers) alone[v] = await session(t, v);
    for (let round = 0; round < 3; round++) {
      const order = round % 2 ? [...viewers].reverse() : viewers;
      const together = await Promise.all(order.map((v) => session(t, v)));
      for (const [i, v] of order.entries()) expect({ v, r: together[i] }).toEqual({ v, r: alone[v] });
    }
    // fresh backend too
    const t2 = await world();
    for (const v of viewers.reverse()) {
      const r = await session(t2, v);
      expect({ v, r: JSON.parse(JSON.stringify(r).replace(/"continueCursor":"[^"]*"/g, '')) }).toEqual({
        v,
        r: JSON.parse(JSON.stringify(alone[v]).replace(/"continueCursor":"[^"]*"/g, '')),
      });
    }
  }, 200000);
});
