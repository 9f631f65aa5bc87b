import { convexTest } from 'convex-test';
import { afterAll, describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
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

// A blog: authors (postCount kept by post triggers), posts (soft delete, unique slug lowercased by
// beforeInsert/beforeUpdate, title 'veto' vetoed, cascade from authors, an aggregate count by
// author), comments (soft delete, cascade from posts, body 'spam' vetoed, votes clamped to 10 by the
// before-hooks, an afterInsert that throws for a 'boom' body after bumping its post's
// commentCount, an aggregate count + sum of votes by post). Each step is one mutation of several
// statements (some inside db.transaction, ending in a commit, a caught tx.rollback() or a caught
// throw), their errors caught inside the mutation, except sometimes the last, which escapes and
// discards the whole mutation. After each step the stored rows, the counters and the aggregate
// reads are compared with a model that follows the docs:
// - a veto / failed check writes nothing, even when caught (triggers.md, mutations.md);
// - an after-hook error caught by the caller leaves the statement's rows and the hooks' writes made
//   before the error (triggers.md, divergences.md): the hooks of later rows do not run;
// - a caught tx.rollback() or throw keeps the writes made before it (no savepoints);
// - an error escaping the mutation discards all of its writes (Convex);
// - a soft delete cascades softly to live comments (same time), a restore restores that row only;
//   hard() cascades hard; update targets soft-deleted rows; delete() skips them;
// - soft-deleted rows keep their unique slug; buckets leave soft-deleted rows out.

const authors = convexTable('authors', {
  name: text().notNull(),
  postCount: integer().notNull().default(0),
});
const posts = convexTable(
  'posts',
  {
    authorId: id('authors')
      .notNull()
      .references(() => authors._id, { onDelete: 'cascade' }),
    slug: text().notNull().unique(),
    title: text().notNull(),
    tag: text().notNull(),
    commentCount: integer().notNull().default(0),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_author').on(t.authorId, t.deletedAt),
    deletion('soft', { column: t.deletedAt }),
    aggregateIndex('posts_by_author').on(t.authorId).count(),
  ],
);
const comments = convexTable(
  'comments',
  {
    postId: id('posts')
      .notNull()
      .references(() => posts._id, { onDelete: 'cascade' }),
    body: text().notNull(),
    tag: text().notNull(),
    votes: integer().notNull().default(0),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_post').on(t.postId, t.deletedAt),
    deletion('soft', { column: t.deletedAt }),
    aggregateIndex('comments_by_post').on(t.postId).count().sum(t.votes),
  ],
);
const schema = defineSchema({ authors, posts, comments });
const relations = defineRelations({ authors, posts, comments }, (r) => ({
  authors: { posts: r.many.posts() },
  posts: {
    author: r.one.authors({ from: r.posts.authorId, to: r.authors._id }),
    comments: r.many.comments(),
  },
  comments: { post: r.one.posts({ from: r.comments.postId, to: r.posts._id }) },
}));
const tableConfigs = [authors, posts, comments].map(getTableConfig);

const bumpPost = (db: any, postId: string, by: number) =>
  db
    .update(posts)
    .set((p: { commentCount: number }) => ({ commentCount: p.commentCount + by }))
    .where(eq(posts._id, postId as never));
const bumpAuthor = (db: any, authorId: string, by: number) =>
  db
    .update(authors)
    .set((a: { postCount: number }) => ({ postCount: a.postCount + by }))
    .where(eq(authors._id, authorId as never));
const triggers = defineTriggers(relations, {
  posts: {
    beforeInsert: (row) => {
      if (row.title === 'veto') throw new Error('veto');
      return { ...row, slug: row.slug.toLowerCase() };
    },
    beforeUpdate: ({ new: next }) => {
      if (next.title === 'veto') throw new Error('veto');
      if (next.slug !== next.slug.toLowerCase()) return { slug: next.slug.toLowerCase() };
      return undefined;
    },
    afterInsert: async ({ new: p }, ctx) => {
      if (p.deletedAt == null) await bumpAuthor(ctx.db, p.authorId, 1);
      // an after-hook's insert: a statement of its own, with its triggers and aggregate buckets
      if (p.title === 'welcome')
        await ctx.db.insert(comments).values({ postId: p._id, body: 'hi', tag: `w-${p.tag}`, votes: 12 });
    },
    afterUpdate: async ({ old, new: p }, ctx) => {
      if (old.deletedAt == null) await bumpAuthor(ctx.db, old.authorId, -1);
      if (p.deletedAt == null) await bumpAuthor(ctx.db, p.authorId, 1);
      if (p.title === 'explode') throw new Error('explode');
    },
    afterDelete: async ({ old }, ctx) => {
      if (old.deletedAt == null) await bumpAuthor(ctx.db, old.authorId, -1);
    },
  },
  comments: {
    beforeInsert: (row) => {
      if (row.body === 'spam') throw new Error('veto');
      return row.votes > 10 ? { ...row, votes: 10 } : undefined;
    },
    beforeUpdate: ({ old, new: next }) => {
      if (next.body === 'spam') throw new Error('veto');
      if (old.body === 'locked' && old.deletedAt == null && next.deletedAt != null) throw new Error('veto');
      return next.votes > 10 ? { votes: 10 } : undefined;
    },
    beforeDelete: ({ old }) => {
      if (old.body === 'locked') throw new Error('veto');
    },
    afterInsert: async ({ new: c }, ctx) => {
      if (c.deletedAt == null) await bumpPost(ctx.db, c.postId, 1);
      if (c.body.startsWith('boom')) throw new Error('boom');
    },
    afterUpdate: async ({ old, new: c }, ctx) => {
      if (old.deletedAt == null) await bumpPost(ctx.db, old.postId, -1);
      if (c.deletedAt == null) await bumpPost(ctx.db, c.postId, 1);
    },
    afterDelete: async ({ old }, ctx) => {
      if (old.deletedAt == null) await bumpPost(ctx.db, old.postId, -1);
    },
  },
});
const orm = createOrm({ relations, triggers });

// ---- operations -------------------------------------------------------------------------------

type PostRow = { authorId: string; slug: string; title: string; tag: string };
type CommentRow = { postId: string; body: string; tag: string; votes: number; deleted: boolean };
type Op =
  | { k: 'insertAuthor'; tag: string }
  | { k: 'deleteAuthor'; id: string }
  | { k: 'insertPosts'; rows: PostRow[] }
  | {
      k: 'upsertPosts';
      rows: PostRow[];
      mode: 'nothing' | 'nothingAny' | 'update';
      set: Record<string, unknown>;
      setWhere?: 'live' | 'deleted';
    }
  | { k: 'incVotesOfPost'; postId: string }
  | { k: 'count'; postId: string }
  | { k: 'updatePost'; id: string; set: Record<string, unknown> }
  | { k: 'softPost' | 'restorePost' | 'hardPost'; id: string }
  | { k: 'insertComments'; rows: CommentRow[] }
  | { k: 'updateComment'; id: string; set: Record<string, unknown> | 'incVotes' }
  | { k: 'softComment' | 'restoreComment' | 'hardComment'; id: string }
  | { k: 'softCommentsOfPost' | 'hardHighVotes'; postId: string };
type Item = { kind: 'op'; op: Op } | { kind: 'tx'; ops: Op[]; end: 'commit' | 'rollback' | 'throw'; readOnly: boolean };

function codeOf(error: unknown): string {
  const e = error as { data?: { code?: string }; code?: string; message?: string };
  const code = e?.code ?? e?.data?.code;
  if (code) return code;
  if (String(e?.message).includes('veto')) return 'VETO';
  if (String(e?.message).includes('boom')) return 'BOOM';
  if (String(e?.message).includes('explode')) return 'EXPLODE';
  return `raw: ${String(e?.message ?? error)}`;
}

async function exec(db: any, op: Op): Promise<unknown> {
  switch (op.k) {
    case 'insertAuthor':
      return db.insert(authors).values({ name: op.tag });
    case 'deleteAuthor':
      return db.delete(authors).where(eq(authors._id, op.id as never));
    case 'insertPosts':
      return db.insert(posts).values(op.rows);
    case 'upsertPosts': {
      const q = db.insert(posts).values(op.rows);
      if (op.mode === 'nothing') return q.onConflictDoNothing({ target: posts.slug });
      if (op.mode === 'nothingAny') return q.onConflictDoNothing();
      return q.onConflictDoUpdate({
        target: posts.slug,
        set: op.set,
        ...(op.setWhere
          ? { setWhere: { deletedAt: op.setWhere === 'live' ? { isNull: true } : { isNotNull: true } } }
          : {}),
      });
    }
    case 'updatePost':
      return db
        .update(posts)
        .set(op.set)
        .where(eq(posts._id, op.id as never));
    case 'softPost':
      return db.delete(posts).where(eq(posts._id, op.id as never));
    case 'restorePost':
      return db
        .update(posts)
        .set({ deletedAt: null })
        .where(eq(posts._id, op.id as never));
    case 'hardPost':
      return db
        .delete(posts)
        .hard()
        .where(eq(posts._id, op.id as never));
    case 'insertComments':
      return db
        .insert(comments)
        .values(op.rows.map(({ deleted, ...r }) => ({ ...r, ...(deleted ? { deletedAt: 1000 } : {}) })));
    case 'incVotesOfPost':
      return db
        .update(comments)
        .set((c: { votes: number }) => ({ votes: c.votes - 2 }))
        .where({ postId: op.postId });
    case 'count': {
      const agg = await db.query.comments.aggregate({
        where: { postId: op.postId },
        _count: true,
        _sum: { votes: true },
      });
      const n = await db.$count(comments, { postId: op.postId } as never);
      return `count ${agg._count}/${n} sum ${agg._sum.votes}`;
    }
    case 'updateComment':
      return db
        .update(comments)
        .set(op.set === 'incVotes' ? (c: { votes: number }) => ({ votes: c.votes + 4 }) : op.set)
        .where(eq(comments._id, op.id as never));
    case 'softComment':
      return db.delete(comments).where(eq(comments._id, op.id as never));
    case 'restoreComment':
      return db
        .update(comments)
        .set({ deletedAt: null })
        .where(eq(comments._id, op.id as never));
    case 'hardComment':
      return db
        .delete(comments)
        .hard()
        .where(eq(comments._id, op.id as never));
    case 'softCommentsOfPost':
      return db.delete(comments).where({ postId: op.postId });
    case 'hardHighVotes':
      return db
        .delete(comments)
        .hard()
        .where({ postId: op.postId, votes: { gte: 5 } });
  }
}

// ---- the model --------------------------------------------------------------------------------

type MAuthor = { name: string; postCount: number };
type MPost = { authorId: string; slug: string; title: string; tag: string; deleted: boolean; commentCount: number };
type MComment = { postId: string; body: string; tag: string; votes: number; deleted: boolean };
type Model = { authors: Map<string, MAuthor>; posts: Map<string, MPost>; comments: Map<string, MComment> };

const clone = (m: Model): Model => ({
  authors: new Map([...m.authors].map(([k, v]) => [k, { ...v }])),
  posts: new Map([...m.posts].map(([k, v]) => [k, { ...v }])),
  comments: new Map([...m.comments].map(([k, v]) => [k, { ...v }])),
});

class Fail extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Applies `op` to `m` as the docs say; returns the expected outcome. */
function apply(m: Model, op: Op): string {
  // After-hooks, simulated: a bump of a post is an update of it, whose afterUpdate nets its author
  // 0 and throws when its title is 'explode' (after its writes).
  const bumpP = (postId: string, by: number) => {
    const p = m.posts.get(postId);
    if (!p) return; // matches no row: writes nothing, fires nothing
    p.commentCount += by;
    if (p.title === 'explode') throw new Fail('EXPLODE');
  };
  const bumpA = (authorId: string, by: number) => {
    const a = m.authors.get(authorId);
    if (a) a.postCount += by;
  };
  const postAfterUpdate = (old: MPost, next: MPost) => () => {
    if (!old.deleted) bumpA(old.authorId, -1);
    if (!next.deleted) bumpA(next.authorId, 1);
    if (next.title === 'explode') throw new Fail('EXPLODE');
  };
  const postAfterInsert = (key: string) => () => {
    const p = m.posts.get(key)!;
    bumpA(p.authorId, 1);
    if (p.title === 'welcome') {
      m.comments.set(`p:w-${p.tag}`, { postId: key, body: 'hi', tag: `w-${p.tag}`, votes: 10, deleted: false });
      bumpP(key, 1);
    }
  };
  const commentAfterUpdate = (old: MComment, next: MComment) => () => {
    if (!old.deleted) bumpP(old.postId, -1);
    if (!next.deleted) bumpP(next.postId, 1);
  };
  const commentAfterDelete = (old: MComment) => () => {
    if (!old.deleted) bumpP(old.postId, -1);
  };
  /** Runs the after-hooks in change order; the first that throws ends them (the writes stay). */
  const after = (hooks: (() => void)[]): string => {
    for (const hook of hooks) {
      try {
        hook();
      } catch (error) {
        if (error instanceof Fail) {
          tainted.value = true;
          return error.code;
        }
        throw error;
      }
    }
    return 'ok';
  };
  const slugTaken = (slug: string, except?: string) => [...m.posts].some(([k, p]) => k !== except && p.slug === slug);
  const locked = (c: MComment) => c.body === 'locked';
  /** The hard delete of posts `pids` and its cascade: veto first, then the writes; the hooks to run. */
  const hardDeletePosts = (pids: string[]) => {
    const cs = [...m.comments].filter(([, c]) => pids.includes(c.postId));
    if (cs.some(([, c]) => locked(c))) throw new Fail('VETO'); // comments' beforeDelete
    const hooks: (() => void)[] = [];
    for (const pid of pids) {
      const p = m.posts.get(pid)!;
      m.posts.delete(pid);
      hooks.push(() => {
        if (!p.deleted) bumpA(p.authorId, -1);
      });
    }
    for (const [k, c] of cs) {
      m.comments.delete(k);
      hooks.push(commentAfterDelete(c));
    }
    return hooks;
  };
  /** The soft cascade of post `pid`: its live comments, checked by their beforeUpdate. */
  const softCascadeOf = (pid: string) => {
    const cs = [...m.comments.values()].filter((c) => c.postId === pid && !c.deleted);
    if (cs.some(locked)) throw new Fail('VETO');
    return cs;
  };
  const softDeleteComments = (cs: MComment[]) =>
    cs.map((c) => {
      const old = { ...c };
      c.deleted = true;
      return commentAfterUpdate(old, c);
    });
  try {
    switch (op.k) {
      case 'insertAuthor':
        m.authors.set(`p:${op.tag}`, { name: op.tag, postCount: 0 });
        return 'ok';
      case 'deleteAuthor': {
        if (!m.authors.has(op.id)) return 'ok';
        const pids = [...m.posts].filter(([, p]) => p.authorId === op.id).map(([k]) => k);
        const hooks = hardDeletePosts(pids);
        m.authors.delete(op.id);
        return after(hooks);
      }
      case 'insertPosts': {
        if (op.rows.some((r) => r.title === 'veto')) throw new Fail('VETO');
        if (op.rows.some((r) => !m.authors.has(r.authorId))) throw new Fail('FOREIGN_KEY_VIOLATION');
        const slugs = op.rows.map((r) => r.slug.toLowerCase());
        if (new Set(slugs).size < slugs.length || slugs.some((s) => slugTaken(s))) throw new Fail('UNIQUE_VIOLATION');
        op.rows.forEach((r, i) => {
          m.posts.set(`p:${r.tag}`, { ...r, slug: slugs[i]!, deleted: false, commentCount: 0 });
        });
        return after(op.rows.map((r) => postAfterInsert(`p:${r.tag}`)));
      }
      case 'upsertPosts': {
        if (op.rows.some((r) => r.title === 'veto')) throw new Fail('VETO');
        const work = clone(m);
        const touched = new Set<string>();
        const changes: ({ ins: string } | { id: string; old: MPost })[] = [];
        for (const r of op.rows) {
          const slug = r.slug.toLowerCase();
          const holder = [...work.posts].find(([, p]) => p.slug === slug);
          if (!holder) {
            const key = `p:${r.tag}`;
            work.posts.set(key, { ...r, slug, deleted: false, commentCount: 0 });
            changes.push({ ins: key });
            touched.add(key);
            continue;
          }
          if (op.mode !== 'update') continue;
          const [hid, hp] = holder;
          // a row the statement inserted or updated: "cannot affect row a second time", whatever setWhere says
          if (touched.has(hid)) throw new Fail('UNIQUE_VIOLATION');
          if (op.setWhere && hp.deleted !== (op.setWhere === 'deleted')) continue;
          const next = { ...hp, ...(op.set as Partial<MPost>) };
          if ('deletedAt' in op.set) next.deleted = op.set.deletedAt != null;
          delete (next as any).deletedAt;
          if (next.title === 'veto') throw new Fail('VETO');
          changes.push({ id: hid, old: { ...hp } });
          work.posts.set(hid, next);
          touched.add(hid);
        }
        // a set deletedAt soft-deletes a live row: its live comments follow
        const softened = changes.filter(
          (c): c is { id: string; old: MPost } => 'id' in c && !c.old.deleted && work.posts.get(c.id)!.deleted,
        );
        const cascaded = softened.flatMap((c) => softCascadeOf(c.id));
        const inserts = changes.filter((c): c is { ins: string } => 'ins' in c);
        if (inserts.some((c) => !m.authors.has(work.posts.get(c.ins)!.authorId)))
          throw new Fail('FOREIGN_KEY_VIOLATION');
        for (const c of changes) {
          const k = 'ins' in c ? c.ins : c.id;
          m.posts.set(k, work.posts.get(k)!);
        }
        const hooks = changes.map((c) =>
          'ins' in c ? postAfterInsert(c.ins) : postAfterUpdate(c.old, m.posts.get(c.id)!),
        );
        return after([...hooks, ...softDeleteComments(cascaded)]);
      }
      case 'updatePost':
      case 'restorePost': {
        const old = m.posts.get(op.id);
        if (!old) return 'ok';
        const set = op.k === 'restorePost' ? { deleted: false } : (op as { set: Partial<MPost> }).set;
        const next = { ...old, ...set };
        if (next.title === 'veto') throw new Fail('VETO');
        next.slug = next.slug.toLowerCase();
        if (!m.authors.has(next.authorId)) throw new Fail('FOREIGN_KEY_VIOLATION');
        if (slugTaken(next.slug, op.id)) throw new Fail('UNIQUE_VIOLATION');
        m.posts.set(op.id, next);
        return after([postAfterUpdate(old, next)]);
      }
      case 'softPost': {
        const p = m.posts.get(op.id);
        if (!p || p.deleted) return 'ok';
        const cascaded = softCascadeOf(op.id);
        const old = { ...p };
        p.deleted = true;
        return after([postAfterUpdate(old, p), ...softDeleteComments(cascaded)]);
      }
      case 'hardPost':
        if (!m.posts.has(op.id)) return 'ok';
        return after(hardDeletePosts([op.id]));
      case 'insertComments': {
        if (op.rows.some((r) => r.body === 'spam')) throw new Fail('VETO');
        if (op.rows.some((r) => !m.posts.has(r.postId))) throw new Fail('FOREIGN_KEY_VIOLATION');
        const rows = op.rows.map((r) => ({ ...r, votes: Math.min(r.votes, 10) }));
        for (const r of rows) m.comments.set(`p:${r.tag}`, r);
        return after(
          rows.map((r) => () => {
            if (!r.deleted) bumpP(r.postId, 1);
            if (r.body.startsWith('boom')) throw new Fail('BOOM');
          }),
        );
      }
      case 'count': {
        const cs = [...m.comments.values()].filter((c) => c.postId === op.postId && !c.deleted);
        const sum = cs.length ? cs.reduce((x, c) => x + c.votes, 0) : null;
        return `count ${cs.length}/${cs.length} sum ${sum}`;
      }
      case 'incVotesOfPost': {
        const cs = [...m.comments].filter(([, c]) => c.postId === op.postId);
        const hooks = cs.map(([k, old]) => {
          const next = { ...old, votes: Math.min(old.votes - 2, 10) };
          m.comments.set(k, next);
          return commentAfterUpdate(old, next);
        });
        return after(hooks);
      }
      case 'updateComment': {
        const old = m.comments.get(op.id);
        if (!old) return 'ok';
        const next = { ...old, ...(op.set === 'incVotes' ? { votes: old.votes + 4 } : (op.set as Partial<MComment>)) };
        if (next.body === 'spam') throw new Fail('VETO');
        next.votes = Math.min(next.votes, 10);
        if (!m.posts.has(next.postId)) throw new Fail('FOREIGN_KEY_VIOLATION');
        m.comments.set(op.id, next);
        return after([commentAfterUpdate(old, next)]);
      }
      case 'softComment': {
        const c = m.comments.get(op.id);
        if (!c || c.deleted) return 'ok';
        if (locked(c)) throw new Fail('VETO');
        return after(softDeleteComments([c]));
      }
      case 'restoreComment': {
        const c = m.comments.get(op.id);
        if (!c) return 'ok';
        const old = { ...c };
        c.deleted = false;
        return after([commentAfterUpdate(old, c)]);
      }
      case 'hardComment': {
        const c = m.comments.get(op.id);
        if (!c) return 'ok';
        if (locked(c)) throw new Fail('VETO');
        m.comments.delete(op.id);
        return after([commentAfterDelete(c)]);
      }
      case 'softCommentsOfPost': {
        const cs = [...m.comments.values()].filter((c) => c.postId === op.postId && !c.deleted);
        if (cs.some(locked)) throw new Fail('VETO');
        return after(softDeleteComments(cs));
      }
      case 'hardHighVotes': {
        const cs = [...m.comments].filter(([, c]) => c.postId === op.postId && c.votes >= 5);
        if (cs.some(([, c]) => locked(c))) throw new Fail('VETO');
        for (const [k] of cs) m.comments.delete(k);
        return after(cs.map(([, c]) => commentAfterDelete(c)));
      }
    }
  } catch (error) {
    if (error instanceof Fail) return error.code;
    throw error;
  }
}
const tainted = { value: false };

// ---- the run ----------------------------------------------------------------------------------

const stats: Record<string, number> = {};
afterAll(() => {
  if (process.env.DEBUG_MODEL) console.log(Object.entries(stats).sort());
});

async function runSeed(seed: number, steps: number) {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const t = convexTest({ schema, modules, transactionLimits: true });
  let n = 0;
  const tag = () => `t${seed}-${n++}`;
  tainted.value = false;
  let model: Model = { authors: new Map(), posts: new Map(), comments: new Map() };
  const log: string[] = [];

  // empty tables: the backfill marks the aggregate indexes ready
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, tableConfigs, 16));
    if (step.batch === null) break;
  }

  const slugs = ['a', 'A', 'b', 'B', 'c', 'd', 'e', 'E'];
  const genOp = (): Op | null => {
    const aIds = [...model.authors.keys()];
    const pIds = [...model.posts.keys()];
    const cIds = [...model.comments.keys()];
    const aId = () => pick(aIds);
    const postRow = (): PostRow => ({
      authorId: aId(),
      slug: pick(slugs),
      title: rand() < 0.12 ? 'veto' : rand() < 0.15 ? 'welcome' : `T${n}`,
      tag: tag(),
    });
    const commentRow = (): CommentRow => {
      const r = rand();
      return {
        postId: rand() < 0.05 && goneIds().length ? pick(goneIds()) : pick(pIds),
        body: r < 0.08 ? 'spam' : r < 0.16 ? `boom${n}` : r < 0.22 ? 'locked' : `c${n}`,
        tag: tag(),
        votes: Math.floor(rand() * 17) - 3,
        deleted: rand() < 0.1,
      };
    };
    const k = pick([
      'insertAuthor',
      'insertPosts',
      'insertPosts',
      'upsertPosts',
      'upsertPosts',
      'upsertPosts',
      'updatePost',
      'softPost',
      'restorePost',
      'hardPost',
      'insertComments',
      'insertComments',
      'insertComments',
      'updateComment',
      'updateComment',
      'incVotesOfPost',
      'count',
      'count',
      'softComment',
      'restoreComment',
      'hardComment',
      'softCommentsOfPost',
      'hardHighVotes',
      'deleteAuthor',
    ] as const);
    if (k === 'insertAuthor' || aIds.length === 0) return { k: 'insertAuthor', tag: tag() };
    if (k === 'deleteAuthor') return rand() < 0.3 ? { k, id: aId() } : null;
    if (k === 'insertPosts') return { k, rows: Array.from({ length: 1 + Math.floor(rand() * 3) }, postRow) };
    if (k === 'upsertPosts') {
      const mode = pick(['nothing', 'nothingAny', 'update', 'update'] as const);
      const set = pick([{ title: `U${n}` }, { title: `U${n}`, deletedAt: null }, { title: 'veto' }, { deletedAt: 5 }]);
      const setWhere = pick([undefined, undefined, 'live', 'deleted'] as const);
      return {
        k,
        mode,
        set,
        ...(setWhere ? { setWhere } : {}),
        rows: Array.from({ length: 1 + Math.floor(rand() * 3) }, postRow),
      };
    }
    if (pIds.length === 0) return { k: 'insertPosts', rows: [postRow()] };
    if (k === 'updatePost') {
      const set = pick([
        { title: `V${n}` },
        { title: 'veto' },
        { title: 'explode' },
        { slug: pick(slugs) },
        { authorId: aId() },
      ]);
      return { k, id: pick(pIds), set };
    }
    if (k === 'softPost' || k === 'restorePost' || k === 'hardPost') return { k, id: pick(pIds) };
    if (k === 'insertComments') return { k, rows: Array.from({ length: 1 + Math.floor(rand() * 3) }, commentRow) };
    if (k === 'softCommentsOfPost' || k === 'hardHighVotes' || k === 'incVotesOfPost' || k === 'count')
      return { k, postId: pick(pIds) };
    if (cIds.length === 0) return { k: 'insertComments', rows: [commentRow()] };
    if (k === 'updateComment') {
      const set = pick<Record<string, unknown> | 'incVotes'>([
        { body: `u${n}` },
        { body: 'spam' },
        { votes: Math.floor(rand() * 17) - 3 },
        { votes: Math.floor(rand() * 17) - 3, postId: pick(pIds) },
        'incVotes',
        { postId: pick(pIds) },
      ]);
      return { k, id: pick(cIds), set };
    }
    return { k, id: pick(cIds) };
  };
  const seenPosts = new Set<string>();
  const goneIds = () => [...seenPosts].filter((k) => !model.posts.has(k));

  for (let step = 0; step < steps; step++) {
    const items: Item[] = [];
    const count = 1 + Math.floor(rand() * 3);
    for (let j = 0; j < count; j++) {
      if (rand() < 0.3) {
        const ops = Array.from({ length: 2 + Math.floor(rand() * 3) }, genOp).filter((o): o is Op => o !== null);
        items.push({
          kind: 'tx',
          ops,
          end: pick(['commit', 'commit', 'rollback', 'throw'] as const),
          readOnly: rand() < 0.1,
        });
      } else {
        const op = genOp();
        if (op) items.push({ kind: 'op', op });
      }
    }
    if (items.length === 0) continue;
    const escapeLast = rand() < 0.15 && items.at(-1)!.kind === 'op';

    // expected, on a copy of the model
    const before = clone(model);
    const expected: string[] = [];
    let escaped = false;
    for (const [idx, item] of items.entries()) {
      if (item.kind === 'op') {
        const out = apply(model, item.op);
        expected.push(out);
        if (escapeLast && idx === items.length - 1 && out !== 'ok' && !out.startsWith('count')) escaped = true;
      } else {
        for (const op of item.ops)
          expected.push(item.readOnly && op.k !== 'count' ? 'INVALID_QUERY' : apply(model, op));
        expected.push(item.end === 'commit' ? 'ok' : item.end === 'rollback' ? 'TRANSACTION_ROLLBACK' : 'THROWN');
      }
    }
    if (escaped) model = before;

    // actual
    const actual: string[] = [];
    let actualEscaped = false;
    try {
      await t.run(async (ctx) => {
        const db = orm.db(ctx as never);
        for (const [idx, item] of items.entries()) {
          if (item.kind === 'op') {
            if (escapeLast && idx === items.length - 1) {
              try {
                const v = await exec(db, item.op);
                actual.push(typeof v === 'string' ? v : 'ok');
              } catch (error) {
                actual.push(codeOf(error));
                throw error;
              }
              continue;
            }
            actual.push(
              await exec(db, item.op).then(
                (v) => (typeof v === 'string' ? v : 'ok'),
                (error) => codeOf(error),
              ),
            );
          } else {
            try {
              await db.transaction(
                async (tx: any) => {
                  for (const op of item.ops) {
                    actual.push(
                      await exec(tx, op).then(
                        (v) => (typeof v === 'string' ? v : 'ok'),
                        (error) => codeOf(error),
                      ),
                    );
                  }
                  if (item.end === 'rollback') tx.rollback();
                  if (item.end === 'throw') throw new Error('thrown');
                },
                item.readOnly ? { accessMode: 'read only' } : undefined,
              );
              actual.push('ok');
            } catch (error) {
              actual.push(String((error as Error).message) === 'thrown' ? 'THROWN' : codeOf(error));
            }
          }
        }
      });
    } catch {
      actualEscaped = true;
    }
    const describeItem = (item: Item) =>
      item.kind === 'op' ? JSON.stringify(item.op) : `tx(${item.end}) ${JSON.stringify(item.ops)}`;
    log.push(`step ${step}${escapeLast ? ' (last escapes)' : ''}:\n  ${items.map(describeItem).join('\n  ')}`);
    const where = `seed ${seed}\n${log.slice(-6).join('\n')}`;
    if (process.env.DEBUG_MODEL) {
      const flat = items.flatMap((it) => (it.kind === 'op' ? [it.op.k] : [...it.ops.map((o) => o.k), `tx-${it.end}`]));
      flat.forEach((k, i) => {
        const key = `${k}:${expected[i]}`;
        stats[key] = (stats[key] ?? 0) + 1;
      });
      if (escaped) stats.escaped = (stats.escaped ?? 0) + 1;
    }
    expect({ outcomes: actual, escaped: actualEscaped }, where).toEqual({ outcomes: expected, escaped });

    // resolve the model's pending ids by tag
    const raw = await t.run(async (ctx) => ({
      authors: await ctx.db.query('authors').collect(),
      posts: await ctx.db.query('posts').collect(),
      comments: await ctx.db.query('comments').collect(),
    }));
    const idOfTag = new Map<string, string>();
    for (const r of [...raw.posts, ...raw.comments] as any[]) idOfTag.set(`p:${r.tag}`, r._id);
    for (const r of raw.authors as any[]) idOfTag.set(`p:${r.name}`, r._id);
    const real = (k: string) => (k.startsWith('p:') ? (idOfTag.get(k) ?? k) : k);
    model = {
      authors: new Map([...model.authors].map(([k, v]) => [real(k), v])),
      posts: new Map([...model.posts].map(([k, v]) => [real(k), { ...v, authorId: real(v.authorId) }])),
      comments: new Map([...model.comments].map(([k, v]) => [real(k), { ...v, postId: real(v.postId) }])),
    };
    for (const k of model.posts.keys()) seenPosts.add(k);
    await compare(where, raw);
  }

  async function compare(where: string, raw: { authors: any[]; posts: any[]; comments: any[] }) {
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(
      raw.authors.map((a) => ({ id: a._id, name: a.name, postCount: a.postCount })).sort(byId),
      `${where}\nauthors`,
    ).toEqual([...model.authors].map(([id, a]) => ({ id, ...a })).sort(byId));
    expect(
      raw.posts
        .map((p) => ({
          id: p._id,
          authorId: p.authorId,
          slug: p.slug,
          title: p.title,
          tag: p.tag,
          deleted: p.deletedAt != null,
          commentCount: p.commentCount,
        }))
        .sort(byId),
      `${where}\nposts`,
    ).toEqual([...model.posts].map(([id, p]) => ({ id, ...p })).sort(byId));
    expect(
      raw.comments
        .map((c) => ({
          id: c._id,
          postId: c.postId,
          body: c.body,
          tag: c.tag,
          votes: c.votes,
          deleted: c.deletedAt != null,
        }))
        .sort(byId),
      `${where}\ncomments`,
    ).toEqual([...model.comments].map(([id, c]) => ({ id, ...c })).sort(byId));
    expect(new Set(raw.posts.map((p) => p.slug)).size, `${where}\nunique slugs`).toBe(raw.posts.length);
    // until an after-hook error is caught, the counters are the recounts of live rows
    for (const a of tainted.value ? [] : raw.authors) {
      expect(a.postCount, `${where}\npostCount recount`).toBe(
        raw.posts.filter((p) => p.authorId === a._id && p.deletedAt == null).length,
      );
    }
    for (const p of tainted.value ? [] : raw.posts) {
      expect(p.commentCount, `${where}\ncommentCount recount`).toBe(
        raw.comments.filter((c) => c.postId === p._id && c.deletedAt == null).length,
      );
    }
    // aggregates vs recount (not vs the counters, which a caught boom may leave behind)
    const got = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const perPost = [];
      for (const p of raw.posts) {
        perPost.push({
          id: p._id,
          agg: await db.query.comments.aggregate({ where: { postId: p._id }, _count: true, _sum: { votes: true } }),
          dcount: await db.$count(comments, { postId: p._id } as never),
        });
      }
      const perAuthor = [];
      for (const a of raw.authors) {
        perAuthor.push({ id: a._id, count: await db.query.posts.count({ where: { authorId: a._id } }) });
      }
      const counts = await db.query.authors.findMany({ columns: { _id: true }, _count: { posts: true } });
      const groups = await db.query.comments.groupBy({ by: ['postId'], _count: true, _sum: { votes: true } });
      const explain = JSON.stringify(
        raw.posts[0]
          ? await db.query.comments.count({ where: { postId: raw.posts[0]._id } }).explain()
          : 'comments_by_post',
      );
      return { perPost, perAuthor, counts, groups, explain };
    });
    expect(got.explain, `${where}\nserved`).toContain('comments_by_post');
    const live = raw.comments.filter((c) => c.deletedAt == null);
    for (const { id, agg, dcount } of got.perPost) {
      const mine = live.filter((c) => c.postId === id);
      const sum = mine.length ? mine.reduce((s, c) => s + c.votes, 0) : null;
      expect({ agg, dcount }, `${where}\naggregate of post ${id}`).toEqual({
        agg: { _count: mine.length, _sum: { votes: sum } },
        dcount: mine.length,
      });
    }
    for (const { id, count } of got.perAuthor) {
      expect(count, `${where}\nposts of author ${id}`).toBe(
        raw.posts.filter((p) => p.authorId === id && p.deletedAt == null).length,
      );
    }
    expect(
      got.counts.map((a: any) => ({ id: a._id, n: a._count.posts })).sort(byId),
      `${where}\n_count of posts`,
    ).toEqual(
      raw.authors
        .map((a) => ({ id: a._id, n: raw.posts.filter((p) => p.authorId === a._id && p.deletedAt == null).length }))
        .sort(byId),
    );
    const expectedGroups = [...new Set(live.map((c) => c.postId))].map((postId) => {
      const mine = live.filter((c) => c.postId === postId);
      return { postId, _count: mine.length, _sum: { votes: mine.reduce((s, c) => s + c.votes, 0) } };
    });
    const byPost = (a: { postId: string }, b: { postId: string }) => (a.postId < b.postId ? -1 : 1);
    expect([...got.groups].sort(byPost), `${where}\ngroupBy postId`).toEqual(expectedGroups.sort(byPost));
  }
}

describe('a blog (count triggers, aggregates, vetoes, caught errors, transactions) vs a model of the docs', () => {
  const seeds = process.env.SEEDS ? Array.from({ length: +process.env.SEEDS }, (_, k) => k + 1) : [1, 2, 3, 4, 5, 6];
  for (const seed of seeds) {
    it(`seed ${seed}: every mutation agrees with the model`, async () => {
      await runSeed(seed, process.env.STEPS ? +process.env.STEPS : 40);
    }, 30_000);
  }
});
