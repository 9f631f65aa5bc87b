// A relation filter beside a `with` load of the same `one` relation whose key is not unique on the
// target (a `one` from users._id to posts.authorId, 40 posts a user; Drizzle's `one` takes the
// first row and requires no unique key) reads the first match of each key, which the load takes:
// never every match (39 of 40 rows never loaded; a key of thousands of rows would pass Convex's
// documents-read limit). Results equal hand-written code; reads are the users and one post each.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, integer, text } from '../../../src/index';
import { countReads } from '../../../src/testing/index';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { authorId: id('users').notNull(), n: integer().notNull() }, (t) => [
  index('by_author').on(t.authorId),
]);
const tables = { users, posts };
const relations = defineRelations(tables, (r) => ({
  users: {
    posts: r.many.posts(),
    firstPost: r.one.posts({ from: r.users._id, to: r.posts.authorId, alias: 'first' }),
  },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
const orm = createOrm({ relations });
const schema = defineSchema(tables);

async function seeded() {
  const t = convexTest({ schema, modules, transactionLimits: true }) as any;
  await t.run(async (raw: any) => {
    for (let i = 0; i < 5; i++) {
      const u = await raw.db.insert('users', { name: `u${i}` });
      for (let j = 0; j < 40; j++) await raw.db.insert('posts', { authorId: u, n: j });
    }
    for (let i = 5; i < 8; i++) await raw.db.insert('users', { name: `lonely${i}` });
  });
  return t;
}

async function counted<T>(raw: any, body: (ctx: any) => Promise<T>) {
  const { ctx, reads } = countReads(raw);
  const result = await body(ctx);
  return { result, reads: { ...reads } };
}

describe('where: { firstPost: true } beside with: { firstPost: true }, a one whose key has many rows', () => {
  it('does not read every post of every user to load the first', async () => {
    const t = await seeded();
    const out = await t.run(async (raw: any) => {
      const hand = await counted(raw, async (ctx) => {
        const rows = [];
        for (const user of await ctx.db.query('users').collect()) {
          const post = await ctx.db
            .query('posts')
            .withIndex('by_author', (q: any) => q.eq('authorId', user._id))
            .first();
          if (post) rows.push({ name: user.name, n: post.n });
        }
        return rows;
      });
      const shared = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ where: { firstPost: true }, with: { firstPost: true } }),
      );
      return { hand, shared };
    });
    expect(out.shared.result.map((u: any) => ({ name: u.name, n: u.firstPost?.n }))).toEqual(out.hand.result);
    expect(out.hand.reads).toEqual({ documents: 8 + 5, ranges: 1 + 8 });
    // Before 3b0f8359: the filter's first match, then the load's first: 8 users + 2 * 5 posts.
    expect(out.shared.reads.documents).toBeLessThanOrEqual(8 + 2 * 5);
  });

  it('findFirst reads no more than the first post of the first user', async () => {
    const t = await seeded();
    const out = await t.run(async (raw: any) =>
      counted(raw, (ctx) =>
        orm.db(ctx).query.users.findFirst({ where: { firstPost: true }, with: { firstPost: true } }),
      ),
    );
    expect((out.result as any).firstPost.n).toBe(0);
    // 1 user + its first post (at most read twice, as before the commit).
    expect(out.reads.documents).toBeLessThanOrEqual(3);
  });

  it('a query within its scan budget before the commit is not refused (SCAN_BUDGET_EXCEEDED) now', async () => {
    const t = await seeded();
    // 8 users + 5 first posts, each read at most twice: 18 documents, within 30.
    const rows = await t.run((raw: any) =>
      orm.db(raw).query.users.findMany({ where: { firstPost: true }, with: { firstPost: true }, scanBudget: 30 }),
    );
    expect(rows.map((u: any) => u.firstPost.n)).toEqual([0, 0, 0, 0, 0]);
  });
});
