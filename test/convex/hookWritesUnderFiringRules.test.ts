// Claim check (from a review that found no bug): a documented claim no other test asserts for writes.
// docs/rules.md "Limits of this version": "Triggers' ctx.db writes with the rules of the db that fired
// them." Existing tests cover a hook's *reads* under the caller's rules (hookReadsUnderCallerRules) but not
// its *writes*. Here every hook writes an audit row owned by "vic", which Mal's `insert` rule on `logs`
// refuses: under Mal's rules each hook's write is RULE_VIOLATION — a plain update's beforeUpdate, the update
// branch of an upsert (its beforeUpdate runs as the conflict resolves), and the afterDelete of a row a
// cascade reached (a row Mal cannot read) — and nothing is written, since the error escapes the mutation.
// The same statements through the named bypass (`rules: false`) write their audit rows.
import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  id,
  index,
  isOrmError,
  text,
} from '../../src/index';

const posts = convexTable('posts', { owner: text().notNull(), slug: text().notNull().unique(), title: text() });
const comments = convexTable(
  'comments',
  {
    postId: id('posts')
      .notNull()
      .references(() => posts._id, { onDelete: 'cascade' }),
    owner: text().notNull(),
  },
  (t) => [index('by_post').on(t.postId)],
);
const logs = convexTable('logs', { owner: text().notNull(), what: text().notNull() });
const schema = defineSchema({ posts, comments, logs });
const relations = defineRelations({ posts, comments, logs });
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const mine = { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' };
  return {
    posts: { read: mine, insert: mine, update: mine, delete: mine },
    comments: { read: mine, delete: mine },
    logs: { read: mine, insert: mine },
  };
});
const audit = (what: string) => async (_change: unknown, ctx: { db: any }) => {
  await ctx.db.insert(logs).values({ owner: 'vic', what });
};
const triggers = defineTriggers(relations, {
  posts: { beforeUpdate: audit('post updated') },
  comments: { afterDelete: audit('comment deleted') },
});
const orm = createOrm({ relations, rules, triggers });

type Statement = 'update' | 'upsert' | 'cascade';

async function run(statement: Statement, bypass: boolean) {
  const t = convexTest({ schema, modules });
  const post = await t.run(async (ctx) => {
    const p = await ctx.db.insert('posts', { owner: 'mal', slug: 's' });
    await ctx.db.insert('comments', { postId: p, owner: 'vic' });
    return p;
  });
  let code = 'NONE';
  try {
    await t.withIdentity({ subject: 'mal' }).run(async (ctx) => {
      const db = bypass ? orm.db(ctx as never, { rules: false }) : orm.db(ctx as never);
      if (statement === 'update') await db.update(posts).set({ title: 'x' }).where({ _id: post });
      if (statement === 'upsert') {
        await db
          .insert(posts)
          .values({ owner: 'mal', slug: 's' })
          .onConflictDoUpdate({ target: posts.slug, set: { title: 'x' } });
      }
      if (statement === 'cascade') await db.delete(posts).where({ _id: post });
    });
  } catch (error) {
    code = isOrmError(error) ? error.code : 'NOT_AN_ORM_ERROR';
  }
  const logged = await t.run(async (ctx) => (await ctx.db.query('logs').collect()).map((row) => row.what));
  return { code, logged };
}

it.each(['update', 'upsert', 'cascade'] as const)("a %s's hook writes under the caller's rules", async (statement) => {
  expect(await run(statement, false)).toEqual({ code: 'RULE_VIOLATION', logged: [] });
});

it.each([
  ['update', 'post updated'],
  ['upsert', 'post updated'],
  ['cascade', 'comment deleted'],
] as const)("a %s's hook of a bypassing db writes freely", async (statement, what) => {
  expect(await run(statement, true)).toEqual({ code: 'NONE', logged: [what] });
});
