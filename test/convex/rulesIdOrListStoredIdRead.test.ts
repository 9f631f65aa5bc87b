import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, id, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

// A user reads their own user row and their manager's: the rule `{ OR: [{ _id: viewer }, { _id: manager }] }`,
// a same-field OR of equalities, which the planner treats as the list `_id in [viewer, manager]`. Posts are
// public and name their author by a column of user ids, so `with: { author: true }` reads the id a post
// holds. A key bound after planning beside a rule's equality on its field reads nothing when the rule allows
// no such value (3647187: `paramEqualities`, explain's boundWithin); `_id: { in: [...] }` is honoured so.
const users = convexTable('users', { name: text().notNull(), manager: text() });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users').notNull() });
const schema = defineSchema({ users, posts });
const relations = defineRelations({ users, posts }, (r) => ({
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const identity = await ctx.auth.getUserIdentity();
  const viewer = identity?.subject ?? '';
  const manager = (identity?.manager as string | undefined) ?? viewer;
  return { users: { read: { OR: [{ _id: viewer }, { _id: manager }] } } };
});
const orm = createOrm({ relations, rules });

async function world() {
  const t = convexTest({ schema, modules });
  const ids = await t.run(async (ctx) => {
    const boss = await ctx.db.insert('users', { name: 'boss' });
    const mal = await ctx.db.insert('users', { name: 'mal' });
    // Vic's row is large: the bytes a load reads tell its size.
    const vic = await ctx.db.insert('users', { name: 'vic'.repeat(10_000) });
    await ctx.db.insert('posts', { title: 'by mal', authorId: mal });
    await ctx.db.insert('posts', { title: 'by vic', authorId: vic });
    return { boss, mal, vic };
  });
  return t.withIdentity({ subject: ids.mal, manager: ids.boss });
}

describe("a one-relation by a stored id beside the target's rule, an OR of `_id` equalities", () => {
  it("a post's author load reads no user row the rule hides", async () => {
    const mal = await world();
    const read = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await orm.db(counted as never).query.posts.findMany({
        columns: { title: true },
        orderBy: { title: 'asc' },
        with: { author: { columns: { name: true } } },
      });
      return { rows, documents: reads.documents };
    });
    expect(read.rows).toEqual([
      { title: 'by mal', author: { name: 'mal' } },
      { title: 'by vic', author: null },
    ]);
    // The two posts and Mal's user row: Vic's id is none the rule allows, so his row is not read.
    expect(read.documents).toBe(3);
  });

  it('a relation filter on the author reads no user row the rule hides', async () => {
    const mal = await world();
    const read = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await orm.db(counted as never).query.posts.findMany({
        columns: { title: true },
        where: { author: { name: { isNotNull: true } } },
      });
      return { rows, documents: reads.documents };
    });
    expect(read.rows).toEqual([{ title: 'by mal' }]);
    expect(read.documents).toBe(3);
  });
});
