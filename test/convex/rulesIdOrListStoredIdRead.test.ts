import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { Id } from '../../example/convex/_generated/dataModel';
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
// Editors through a junction naming users by id: their targets are read by stored id the same way.
const edits = convexTable('edits', { postId: id('posts').notNull(), userId: id('users').notNull() });
const schema = defineSchema({ users, posts, edits });
const relations = defineRelations({ users, posts, edits }, (r) => ({
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users._id }),
    editors: r.many.users({ from: r.posts._id.through(r.edits.postId), to: r.users._id.through(r.edits.userId) }),
  },
}));
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const identity = await ctx.auth.getUserIdentity();
  const viewer = (identity?.subject ?? '') as Id<'users'>;
  const manager = (identity?.manager as Id<'users'> | undefined) ?? viewer;
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
    const post = await ctx.db.insert('posts', { title: 'by mal', authorId: mal });
    await ctx.db.insert('posts', { title: 'by vic', authorId: vic });
    await ctx.db.insert('edits', { postId: post, userId: mal });
    await ctx.db.insert('edits', { postId: post, userId: vic });
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

  it("a through relation's targets by stored id read no user row the rule hides", async () => {
    const mal = await world();
    const read = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await orm.db(counted as never).query.posts.findMany({
        columns: { title: true },
        orderBy: { title: 'asc' },
        with: { editors: { columns: { name: true } } },
      });
      return { rows, documents: reads.documents };
    });
    expect(read.rows).toEqual([
      { title: 'by mal', editors: [{ name: 'mal' }] },
      { title: 'by vic', editors: [] },
    ]);
    // The two posts, both links per post (edits has no index on postId, so each post's read scans
    // them) and Mal's user row: Vic's is not read (8 before).
    expect(read.documents).toBe(7);
  });

  it('explain() shows the ids the stored-id read is bound within', async () => {
    const mal = await world();
    const explained = await mal.run(async (ctx) => {
      const db = orm.db(ctx as never);
      await db.query.posts.findFirst();
      return db.query.posts.findMany({ with: { author: true } }).explain();
    });
    expect(explained.with?.author?.boundWithin).toHaveLength(1);
    expect(explained.with?.author?.boundWithin?.[0]).toMatch(/^_id in \[/);
  });
});
