import { convexTest } from 'convex-test';
import { afterAll, describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import { seededRandom } from '../seededRandom';

// A small app: users, posts (hard delete, a denormalized commentCount kept by comment triggers),
// comments (soft delete, unique slug, cascade from posts, an aggregate count per post, a read rule:
// a user sees the comments of their own posts and the public ones). Random sequences of statements
// run through the ORM under the acting user's rules; after each statement the database is compared
// with a plain in-memory model built from the docs (triggers.md: a soft delete/restore is an update;
// aggregates.md: soft-deleted rows are not in the buckets; mutations.md: delete() skips rows
// deleted already, hard() removes them too, update targets them; rules.md: RLS semantics).

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable(
  'posts',
  {
    authorId: id('users').notNull(),
    title: text().notNull(),
    commentCount: integer().notNull().default(0),
  },
  (t) => [index('by_author').on(t.authorId)],
);
const comments = convexTable(
  'comments',
  {
    postId: id('posts')
      .notNull()
      .references(() => posts._id, { onDelete: 'cascade' }),
    slug: text().notNull().unique(),
    body: text().notNull(),
    isPublic: boolean().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_post').on(t.postId, t.deletedAt),
    deletion('soft', { column: t.deletedAt }),
    aggregateIndex('comments_by_post').on(t.postId).count(),
  ],
);
const schema = defineSchema({ users, posts, comments });
const relations = defineRelations({ users, posts, comments }, (r) => ({
  posts: { comments: r.many.comments() },
  comments: { post: r.one.posts({ from: r.comments.postId, to: r.posts._id }) },
}));
const tableConfigs = [users, posts, comments].map(getTableConfig);

const bump = (db: any, postId: string, by: number) =>
  db
    .update(posts)
    .set((p: { commentCount: number }) => ({ commentCount: p.commentCount + by }))
    .where(eq(posts._id, postId as never));
const triggers = defineTriggers(relations, {
  comments: {
    afterInsert: async ({ new: c }, ctx) => {
      if (c.deletedAt == null) await bump(ctx.db, c.postId, 1);
    },
    afterUpdate: async ({ old, new: c }, ctx) => {
      if (old.deletedAt == null) await bump(ctx.db, old.postId, -1);
      if (c.deletedAt == null) await bump(ctx.db, c.postId, 1);
    },
    afterDelete: async ({ old }, ctx) => {
      if (old.deletedAt == null) await bump(ctx.db, old.postId, -1);
    },
  },
});
const everything = { read: {}, insert: {}, update: {}, delete: {} };
const rules = defineRules(relations, (ctx: any) => {
  const viewer = ctx.viewer as string;
  return {
    users: everything,
    posts: { ...everything, delete: { authorId: viewer as never } },
    comments: {
      ...everything,
      read: { OR: [{ isPublic: true }, { post: { authorId: viewer as never } }] },
    },
  };
});
const ruled = createOrm({ relations, triggers, rules });
const system = createOrm({ relations, triggers });

type MComment = { id: string; postId: string; slug: string; body: string; isPublic: boolean; deleted: boolean };
type MPost = { id: string; authorId: string };

function codeOf(error: unknown): string {
  const e = error as { data?: { code?: string }; code?: string };
  return e?.data?.code ?? e?.code ?? String(error);
}

const stats: Record<string, number> = {};
afterAll(() => {
  if (process.env.DEBUG_MODEL) console.log(stats);
});

async function runSeed(seed: number, steps: number) {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const t = convexTest({ schema, modules, transactionLimits: true });
  const asUser = (u: string, fn: (db: any) => PromiseLike<any>): Promise<any> =>
    t.run((ctx) => Promise.resolve(fn(ruled.db({ ...ctx, viewer: u } as never))));
  const asSystem = <R>(fn: (db: any, ctx: any) => Promise<R>) =>
    t.run((ctx) => fn(system.db(ctx as never, { rules: false } as never), ctx));

  const userIds: string[] = await asSystem(async (db) =>
    (
      await db
        .insert(users)
        .values([{ name: 'a' }, { name: 'b' }, { name: 'c' }])
        .returning({ _id: users._id })
    ).map((r: { _id: string }) => r._id),
  );
  const mPosts = new Map<string, MPost>();
  const mComments = new Map<string, MComment>();
  const everIds: string[] = [];
  // a post per user before the backfill, with one comment, so the backfill counts something
  for (const u of userIds) {
    const [p] = await asUser(u, (db) =>
      db.insert(posts).values({ authorId: u, title: 't' }).returning({ _id: posts._id }),
    );
    mPosts.set(p._id, { id: p._id, authorId: u });
    const slug = `pre-${mPosts.size}`;
    const [c] = await asUser(u, (db) =>
      db.insert(comments).values({ postId: p._id, slug, body: 'x', isPublic: false }).returning({ _id: comments._id }),
    );
    mComments.set(c._id, { id: c._id, postId: p._id, slug, body: 'x', isPublic: false, deleted: false });
    everIds.push(c._id);
  }
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, tableConfigs, 2));
    if (step.batch === null) break;
  }

  const slugs = ['s0', 's1', 's2', 's3', 's4', 's5'];
  const visible = (u: string, c: MComment) => c.isPublic || mPosts.get(c.postId)?.authorId === u;
  const log: string[] = [];

  for (let i = 0; i < steps; i++) {
    const u = pick(userIds);
    const uName = `u${userIds.indexOf(u)}`;
    const op = pick([
      'insertPost',
      'insert',
      'insert',
      'update',
      'soft',
      'restore',
      'hard',
      'upsert',
      'upsert',
      'deletePost',
      'softByUpdate',
      'insertDeleted',
      'batch',
      'softWhere',
      'hardWhere',
      'upsertSoft',
      'move',
      'tx',
    ] as const);
    const cid = everIds.length ? pick(everIds) : undefined;
    const c = cid ? mComments.get(cid) : undefined;
    let expected = 'ok';
    let outcome = 'ok';
    const attempt = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (error) {
        outcome = codeOf(error);
      }
    };
    if (op === 'insertPost') {
      let newId = '';
      await attempt(async () => {
        const [p] = await asUser(u, (db) =>
          db.insert(posts).values({ authorId: u, title: 't' }).returning({ _id: posts._id }),
        );
        newId = p._id;
      });
      if (newId) mPosts.set(newId, { id: newId, authorId: u });
      log.push(`${uName} insertPost`);
    } else if (op === 'insert' || op === 'upsert') {
      if (mPosts.size === 0) continue;
      const postId = pick([...mPosts.keys()]);
      const slug = pick(slugs);
      const isPublic = rand() < 0.5;
      const body = `b${i}`;
      const restore = rand() < 0.5;
      const set = restore ? { body, deletedAt: null } : { body };
      const holder = [...mComments.values()].find((x) => x.slug === slug);
      let newId = '';
      await attempt(async () => {
        // no returning(): under rules it would make `read` judge the new row too (rules.md)
        await asUser(u, (db) => {
          const q = db.insert(comments).values({ postId, slug, body, isPublic });
          return op === 'insert' ? q : q.onConflictDoUpdate({ target: comments.slug, set });
        });
        if (!holder) {
          newId = await t.run(
            async (ctx) =>
              (
                (await ctx.db
                  .query('comments')
                  .filter((q) => q.eq(q.field('slug'), slug))
                  .first()) as any
              )?._id ?? '',
          );
        }
      });
      if (!holder) {
        mComments.set(newId, { id: newId, postId, slug, body, isPublic, deleted: false });
        everIds.push(newId);
      } else if (op === 'insert') {
        expected = 'UNIQUE_VIOLATION';
      } else if (!visible(u, holder)) {
        expected = 'RULE_VIOLATION';
      } else {
        holder.body = body;
        if (restore) holder.deleted = false;
      }
      log.push(
        `${uName} ${op} ${slug} post=${postId.split(';')[0]} public=${isPublic}${op === 'upsert' ? ` set=${JSON.stringify(set)}` : ''} holder=${holder ? `${holder.id.split(';')[0]}${holder.deleted ? '(deleted)' : ''}` : '-'}`,
      );
    } else if (op === 'update' || op === 'restore') {
      if (!cid) continue;
      const isPublic = rand() < 0.5;
      const set = op === 'update' ? { isPublic, body: `u${i}` } : { deletedAt: null };
      await attempt(() =>
        asUser(u, (db) =>
          db
            .update(comments)
            .set(set)
            .where(eq(comments._id, cid as never)),
        ),
      );
      if (c && visible(u, c)) {
        if (op === 'update') Object.assign(c, { isPublic, body: `u${i}` });
        else c.deleted = false;
      }
      log.push(`${uName} ${op} ${cid.split(';')[0]} ${JSON.stringify(set)}`);
    } else if (op === 'soft' || op === 'hard') {
      if (!cid) continue;
      await attempt(() =>
        asUser(u, (db) => {
          const q = db.delete(comments);
          return (op === 'hard' ? q.hard() : q).where(eq(comments._id, cid as never));
        }),
      );
      if (c && visible(u, c)) {
        if (op === 'hard') mComments.delete(cid);
        else c.deleted = true;
      }
      log.push(`${uName} ${op} ${cid.split(';')[0]}`);
    } else if (op === 'softByUpdate') {
      if (!cid) continue;
      await attempt(() =>
        asUser(u, (db) =>
          db
            .update(comments)
            .set({ deletedAt: Date.now() })
            .where(eq(comments._id, cid as never)),
        ),
      );
      if (c && visible(u, c)) c.deleted = true;
      log.push(`${uName} softByUpdate ${cid.split(';')[0]}`);
    } else if (op === 'insertDeleted' || op === 'batch' || op === 'upsertSoft') {
      if (mPosts.size === 0) continue;
      const postId = pick([...mPosts.keys()]);
      const rows =
        op === 'batch'
          ? [
              { postId, slug: pick(slugs), body: `b${i}`, isPublic: rand() < 0.5 },
              { postId: pick([...mPosts.keys()]), slug: pick(slugs), body: `c${i}`, isPublic: rand() < 0.5 },
            ]
          : [
              {
                postId,
                slug: pick(slugs),
                body: `b${i}`,
                isPublic: rand() < 0.5,
                ...(op === 'insertDeleted' ? { deletedAt: Date.now() } : {}),
              },
            ];
      const holders = rows.map((r) => [...mComments.values()].find((x) => x.slug === r.slug));
      await attempt(() =>
        asUser(u, (db) => {
          const q = db.insert(comments).values(rows);
          return op === 'upsertSoft'
            ? q.onConflictDoUpdate({ target: comments.slug, set: { deletedAt: Date.now() } })
            : q;
        }),
      );
      if (op === 'upsertSoft' && holders[0]) {
        if (!visible(u, holders[0])) expected = 'RULE_VIOLATION';
        else holders[0].deleted = true;
      } else if (holders.some(Boolean) || (rows.length === 2 && rows[0]!.slug === rows[1]!.slug)) {
        expected = 'UNIQUE_VIOLATION';
      } else {
        for (const r of rows) {
          const newId = await t.run(
            async (ctx) =>
              (
                (await ctx.db
                  .query('comments')
                  .filter((q) => q.eq(q.field('slug'), r.slug))
                  .first()) as any
              )?._id ?? '',
          );
          mComments.set(newId, {
            id: newId,
            postId: r.postId,
            slug: r.slug,
            body: r.body,
            isPublic: r.isPublic,
            deleted: 'deletedAt' in r,
          });
          everIds.push(newId);
        }
      }
      log.push(`${uName} ${op} ${JSON.stringify(rows.map((r) => [r.slug, r.postId.split(';')[0], r.isPublic]))}`);
    } else if (op === 'softWhere' || op === 'hardWhere') {
      if (mPosts.size === 0) continue;
      const postId = pick([...mPosts.keys()]);
      const isPublic = rand() < 0.5;
      await attempt(() =>
        asUser(u, (db) => {
          const q = db.delete(comments);
          return (op === 'hardWhere' ? q.hard() : q).where({ postId, isPublic } as never);
        }),
      );
      for (const [k, x] of mComments) {
        if (x.postId !== postId || x.isPublic !== isPublic || !visible(u, x)) continue;
        if (op === 'hardWhere') mComments.delete(k);
        else x.deleted = true;
      }
      log.push(`${uName} ${op} post=${postId.split(';')[0]} isPublic=${isPublic}`);
    } else if (op === 'move') {
      if (!cid || mPosts.size === 0) continue;
      const to = pick([...mPosts.keys()]);
      await attempt(() =>
        asUser(u, (db) =>
          db
            .update(comments)
            .set({ postId: to as never })
            .where(eq(comments._id, cid as never)),
        ),
      );
      if (c && visible(u, c)) c.postId = to;
      log.push(`${uName} move ${cid.split(';')[0]} to ${to.split(';')[0]}`);
    } else if (op === 'tx') {
      // two statements in one transaction that both succeed: soft delete a comment, restore another
      const other = everIds.length ? pick(everIds) : undefined;
      if (!cid || !other) continue;
      const o = mComments.get(other);
      await attempt(() =>
        asUser(u, (db) =>
          db.transaction(async (tx: any) => {
            await tx.delete(comments).where(eq(comments._id, cid as never));
            await tx
              .update(comments)
              .set({ deletedAt: null })
              .where(eq(comments._id, other as never));
          }),
        ),
      );
      if (c && visible(u, c)) c.deleted = true;
      if (o && visible(u, o)) o.deleted = false;
      log.push(`${uName} tx soft ${cid.split(';')[0]} restore ${other.split(';')[0]}`);
    } else if (op === 'deletePost') {
      if (mPosts.size === 0) continue;
      const postId = pick([...mPosts.keys()]);
      await attempt(() => asUser(u, (db) => db.delete(posts).where(eq(posts._id, postId as never))));
      if (mPosts.get(postId)!.authorId === u) {
        mPosts.delete(postId);
        for (const [k, x] of mComments) if (x.postId === postId) mComments.delete(k);
      }
      log.push(`${uName} deletePost ${postId.split(';')[0]}`);
    }
    const where = `seed ${seed} step ${i}:\n${log.join('\n')}`;
    if (process.env.DEBUG_MODEL) stats[`${op}:${outcome}`] = (stats[`${op}:${outcome}`] ?? 0) + 1;
    expect(outcome, where).toBe(expected);
    await compare(where);
  }

  async function compare(where: string) {
    // rows visible to each user, live and withDeleted
    for (const u of userIds) {
      const got = await asUser(u, async (db) => ({
        live: (await db.query.comments.findMany({ columns: { _id: true } })).map((r: any) => r._id).sort(),
        all: (await db.query.comments.findMany({ withDeleted: true, columns: { _id: true } }))
          .map((r: any) => r._id)
          .sort(),
        withLoads: (
          await db.query.posts.findMany({
            columns: { _id: true },
            with: { comments: { columns: { _id: true } } },
            _count: { comments: true },
          })
        )
          .map((p: any) => ({ id: p._id, comments: p.comments.map((x: any) => x._id).sort(), n: p._count.comments }))
          .sort((a: any, b: any) => (a.id < b.id ? -1 : 1)),
        having: (await db.query.posts.findMany({ columns: { _id: true }, where: { comments: true } }))
          .map((p: any) => p._id)
          .sort(),
        counts: await Promise.all([...mPosts.keys()].map((postId) => db.query.comments.count({ where: { postId } }))),
      }));
      const vis = [...mComments.values()].filter((c) => visible(u, c));
      expect(got.live, `${where}\nvisible live for ${u}`).toEqual(
        vis
          .filter((c) => !c.deleted)
          .map((c) => c.id)
          .sort(),
      );
      expect(got.all, `${where}\nvisible withDeleted for ${u}`).toEqual(vis.map((c) => c.id).sort());
      const byPost = [...mPosts.keys()].sort().map((p) => {
        const ids = vis
          .filter((c) => c.postId === p && !c.deleted)
          .map((c) => c.id)
          .sort();
        return { id: p, comments: ids, n: ids.length };
      });
      expect(got.withLoads, `${where}\nwith loads and _count for ${u}`).toEqual(byPost);
      expect(got.having, `${where}\nrelation filter for ${u}`).toEqual(byPost.filter((p) => p.n > 0).map((p) => p.id));
      expect(got.counts, `${where}\ncounts for ${u}`).toEqual(
        [...mPosts.keys()].map((p) => vis.filter((c) => c.postId === p && !c.deleted).length),
      );
    }
    // system view: served counts, commentCount, stored rows, unique slugs
    const sys = await asSystem(async (db, ctx) => {
      const out: { postId: string; served: number; commentCount: number; explain: string }[] = [];
      for (const postId of mPosts.keys()) {
        const q = db.query.comments.count({ where: { postId } });
        const served = await q;
        const explain = JSON.stringify(await q.explain());
        const post = await db.query.posts.findFirst({ where: { _id: postId } });
        out.push({ postId, served, commentCount: post?.commentCount, explain });
      }
      const raw = await ctx.db.query('comments').collect();
      const rawPosts = await ctx.db.query('posts').collect();
      return { out, raw, rawPosts };
    });
    for (const { postId, served, commentCount, explain } of sys.out) {
      const live = [...mComments.values()].filter((c) => c.postId === postId && !c.deleted).length;
      expect(explain, `${where}\nserved by the aggregate index`).toContain('aggregate index comments_by_post');
      expect(served, `${where}\nserved count of ${postId}`).toBe(live);
      expect(commentCount, `${where}\ncommentCount of ${postId}`).toBe(live);
    }
    expect(sys.rawPosts.map((p: any) => p._id).sort(), `${where}\nposts`).toEqual([...mPosts.keys()].sort());
    const stored = sys.raw
      .map((r: any) => ({
        id: r._id,
        postId: r.postId,
        slug: r.slug,
        body: r.body,
        isPublic: r.isPublic,
        deleted: r.deletedAt != null,
      }))
      .sort((a: any, b: any) => (a.id < b.id ? -1 : 1));
    expect(stored, `${where}\nstored comments`).toEqual([...mComments.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(new Set(sys.raw.map((r: any) => r.slug)).size, `${where}\nunique slugs`).toBe(sys.raw.length);
  }
}

describe('a comments app (triggers, aggregate, soft delete, cascade, unique, read rule) vs a model', () => {
  for (const seed of process.env.SEEDS ? Array.from({ length: +process.env.SEEDS }, (_, k) => k + 1) : [1, 2, 3]) {
    it(`seed ${seed}: random statements agree with the model after each`, async () => {
      await runSeed(seed, process.env.STEPS ? +process.env.STEPS : 30);
    }, 20_000);
  }
});
