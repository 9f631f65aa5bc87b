// `db.$count(table, filter)` selected as a field of a select is a correlated subquery, as in
// Drizzle on Postgres (`select({ n: db.$count(posts, eq(posts.authorId, users.id)) })` compiles to
// `(select count(*) from posts where posts.author_id = users.id)`): counted per result row with the
// row's values bound, through the counted table's index (or an aggregate index that serves it), in
// the select's execution: its rules, soft delete, scan budget and `limit` (rows outside the window
// cost no count). Conditions it cannot bind per row are INVALID_QUERY before any read.
import type { GenericMutationCtx } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  alias,
  and,
  asc,
  bigint,
  boolean,
  convexTable,
  count,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  eq,
  gt,
  id,
  index,
  integer,
  isNull,
  isOrmError,
  or,
  sql,
  text,
  timestamp,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import { countReads } from '../../src/testing';

const users = convexTable(
  'users',
  { name: text().notNull(), invitedBy: id('users'), level: integer(), rank: bigint() },
  (t) => [index('by_inviter').on(t.invitedBy)],
);
const posts = convexTable(
  'posts',
  {
    authorId: id('users'),
    title: text().notNull(),
    published: boolean().notNull(),
    votes: integer(),
    deletedAt: timestamp({ mode: 'number' }),
  },
  (t) => [index('by_author').on(t.authorId, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
const likes = convexTable('likes', { authorId: id('users').notNull() }, (t) => [
  index('by_author').on(t.authorId),
  aggregateIndex('likes_by_author').on(t.authorId).count(),
]);
const schema = defineSchema({ users, posts, likes });
const relations = defineRelations({ users, posts, likes });
const orm = createOrm({ relations });
const published = createOrm({
  relations,
  rules: defineRules(relations, () => ({ posts: { read: { published: true } } })),
});

type Ctx = GenericMutationCtx<any>;
const budgeted = createOrm({ relations, scanBudget: 4 });

/** Ada (3 posts: 2 published, 1 soft-deleted; 40 likes), Bob (1 unpublished post, invited by Ada), Cy (none, invited by Ada), and a post of no author. */
async function seeded() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const db = orm.db(ctx as Ctx);
    const [ada] = await db.insert(users).values({ name: 'Ada', level: 3, rank: 3n }).returning();
    const [bob, cy] = await db
      .insert(users)
      .values([
        { name: 'Bob', invitedBy: ada!._id, level: 1, rank: 1n },
        { name: 'Cy', invitedBy: ada!._id, level: 2, rank: 2n },
      ])
      .returning();
    await db.insert(posts).values([
      { authorId: ada!._id, title: 'a1', published: true, votes: 5 },
      { authorId: ada!._id, title: 'a2', published: true, votes: 1 },
      { authorId: ada!._id, title: 'a3', published: false, deletedAt: 1 },
      { authorId: bob!._id, title: 'b1', published: false, votes: 7 },
      { title: 'anonymous', published: true },
    ]);
    await db.insert(likes).values(Array.from({ length: 40 }, () => ({ authorId: ada!._id })));
    return { ada: ada!._id, bob: bob!._id, cy: cy!._id };
  });
  return { t, ids };
}

async function rejection(promise: () => Promise<unknown>) {
  try {
    await promise();
  } catch (error) {
    return { orm: isOrmError(error), code: (error as { code?: string }).code, message: (error as Error).message };
  }
  return null;
}

describe('a $count selected as a field is counted per result row', () => {
  it('counts each row’s related rows, live ones only, in the selection’s key order', async () => {
    const { t } = await seeded();
    const { rows, keys } = await t.run(async (ctx) => {
      const db = orm.db(ctx as Ctx);
      const rows = await db
        .select({ name: users.name, posts: db.$count(posts, eq(posts.authorId, users._id)), level: users.level })
        .from(users)
        .orderBy(asc(users.name));
      // Read here: what t.run returns goes through Convex's serialization, which sorts keys.
      return { rows, keys: rows.map((row) => Object.keys(row).join()) };
    });
    // Ada's soft-deleted post does not count (as `db.$count` alone), the anonymous post is nobody's.
    expect(rows).toEqual([
      { name: 'Ada', posts: 2, level: 3 },
      { name: 'Bob', posts: 1, level: 1 },
      { name: 'Cy', posts: 0, level: 2 },
    ]);
    expect(keys).toEqual(['name,posts,level', 'name,posts,level', 'name,posts,level']);
  });

  it('reads one index range per result row, and none for the rows outside limit/offset', async () => {
    const { t } = await seeded();
    const { rows, reads, floor } = await t.run(async (raw) => {
      const counted = countReads(raw);
      const db = orm.db(counted.ctx as Ctx);
      const rows = await db
        .select({ name: users.name, posts: db.$count(posts, eq(posts.authorId, users._id)) })
        .from(users)
        .orderBy(asc(users._creationTime))
        .limit(2)
        .offset(1);
      const reads = { ...counted.reads };
      // Hand-written: three users in creation order (the window needs them), then Bob's and Cy's live posts.
      const by = countReads(raw);
      const all = await by.ctx.db.query('users').take(3);
      for (const user of all.slice(1)) {
        await by.ctx.db
          .query('posts')
          .withIndex('by_author', (q) => q.eq('authorId', user._id).eq('deletedAt', null))
          .collect();
      }
      return { rows, reads, floor: { ...by.reads } };
    });
    expect(rows).toEqual([
      { name: 'Bob', posts: 1 },
      { name: 'Cy', posts: 0 },
    ]);
    expect(reads).toEqual(floor);
    expect(reads).toEqual({ documents: 3 + 1, ranges: 1 + 2 });
  });

  it('counts rows holding the same values once, as a join looks each distinct key up once', async () => {
    const { t } = await seeded();
    const { rows, reads } = await t.run(async (raw) => {
      const counted = countReads(raw);
      const db = orm.db(counted.ctx as Ctx);
      const mates = alias(posts, 'mates');
      const rows = await db
        .select({ title: posts.title, byAuthor: db.$count(mates, eq(mates.authorId, posts.authorId)) })
        .from(posts)
        .orderBy(asc(posts.title));
      return { rows, reads: { ...counted.reads } };
    });
    expect(rows).toEqual([
      { title: 'a1', byAuthor: 2 },
      { title: 'a2', byAuthor: 2 },
      { title: 'anonymous', byAuthor: 0 },
      { title: 'b1', byAuthor: 1 },
    ]);
    // The posts (one range, the soft-deleted one read and dropped: 5), then Ada's live posts once
    // for a1 and a2 (2) and Bob's (1); the anonymous post's NULL author reads nothing.
    expect(reads).toEqual({ documents: 5 + 2 + 1, ranges: 1 + 2 });
  });

  it('is served by an aggregate index that keeps the count: no row of it is read', async () => {
    const { t, ids } = await seeded();
    // The likes were inserted before the index was built: backfill it (as `convex-orm aggregate backfill` does).
    for (;;) {
      const step = await t.run((ctx) => backfillNext(ctx.db as never, [users, posts, likes].map(getTableConfig), 64));
      if (step.batch === null) break;
    }
    const { rows, explain, documents } = await t.run(async (raw) => {
      const counted = countReads(raw);
      const db = orm.db(counted.ctx as Ctx);
      const query = db
        .select({ name: users.name, likes: db.$count(likes, eq(likes.authorId, users._id)) })
        .from(users)
        .where(eq(users._id, ids.ada));
      const rows = await query;
      return { rows, explain: query.explain(), documents: counted.reads.documents };
    });
    expect(rows).toEqual([{ name: 'Ada', likes: 40 }]);
    // Ada's row, the aggregate index's state and its buckets (4 shards by default): never her 40 likes.
    expect(documents).toBeLessThanOrEqual(1 + 1 + 4);
    expect(explain.counts?.likes?.aggregate).toMatch(/likes_by_author/);
  });

  it('counts only the rows the read rule lets the caller see', async () => {
    const { t } = await seeded();
    const rows = await t.run((ctx) => {
      const db = published.db(ctx as Ctx);
      return db
        .select({ name: users.name, posts: db.$count(posts, eq(posts.authorId, users._id)) })
        .from(users)
        .orderBy(asc(users.name));
    });
    // Bob's one post is unpublished: hidden, so it counts nowhere.
    expect(rows.map(({ posts }) => posts)).toEqual([2, 0, 0]);
  });

  it('counts soft-deleted rows only for a select .withDeleted()', async () => {
    const { t, ids } = await seeded();
    const rows = await t.run((ctx) => {
      const db = orm.db(ctx as Ctx);
      return db
        .select({ posts: db.$count(posts, eq(posts.authorId, users._id)) })
        .from(users)
        .where(eq(users._id, ids.ada))
        .withDeleted();
    });
    expect(rows).toEqual([{ posts: 3 }]);
  });

  it('binds several correlations and keeps the count’s own conditions', async () => {
    const { t } = await seeded();
    const rows = await t.run((ctx) => {
      const db = orm.db(ctx as Ctx);
      return db
        .select({
          name: users.name,
          popular: db.$count(posts, and(eq(posts.authorId, users._id), gt(posts.votes, users.level))),
        })
        .from(users)
        .orderBy(asc(users.name));
    });
    // Ada (level 3): votes 5 > 3, 1 > 3 no; Bob (level 1): 7 > 1; Cy: none.
    expect(rows.map(({ popular }) => popular)).toEqual([1, 1, 0]);
  });

  it('counts 0 without reading when the row’s value is null, or a condition on the row alone fails', async () => {
    const { t } = await seeded();
    const { rows, ranges } = await t.run(async (raw) => {
      const counted = countReads(raw);
      const db = orm.db(counted.ctx as Ctx);
      const rows = await db
        .select({
          name: users.name,
          // Who invited each user has how many users invited: Ada was invited by nobody (NULL).
          inviterInvites: db.$count(alias(users, 'peer'), eq(alias(users, 'peer').invitedBy, users.invitedBy)),
          ifSenior: db.$count(posts, and(eq(posts.authorId, users._id), gt(users.level, 1))),
        })
        .from(users)
        .orderBy(asc(users.name));
      return { rows, ranges: counted.reads.ranges };
    });
    expect(rows).toEqual([
      { name: 'Ada', inviterInvites: 0, ifSenior: 2 },
      { name: 'Bob', inviterInvites: 2, ifSenior: 0 },
      { name: 'Cy', inviterInvites: 2, ifSenior: 0 },
    ]);
    // users (1), the invites of Bob's and Cy's inviter, Ada, once for both (1), Ada's and Cy's posts
    // (2): Ada's NULL inviter and Bob (level 1) read nothing.
    expect(ranges).toBe(4);
  });

  it('counts inside the counted table when it is also the select’s: a field of it is the count’s own (alias to correlate)', async () => {
    const { t } = await seeded();
    const rows = await t.run((ctx) => {
      const db = orm.db(ctx as Ctx);
      const invitee = alias(users, 'invitee');
      return db
        .select({
          name: users.name,
          invited: db.$count(invitee, eq(invitee.invitedBy, users._id)),
          // As in SQL, users.* inside a count of users names the counted row: the users who invited themselves.
          selfInvited: db.$count(users, eq(users.invitedBy, users._id)),
        })
        .from(users)
        .orderBy(asc(users.name));
    });
    expect(rows).toEqual([
      { name: 'Ada', invited: 2, selfInvited: 0 },
      { name: 'Bob', invited: 0, selfInvited: 0 },
      { name: 'Cy', invited: 0, selfInvited: 0 },
    ]);
  });

  it('takes part in DISTINCT (the count is one of the row’s values) and in GROUP BY over its correlated key', async () => {
    const { t } = await seeded();
    const { distinct, grouped } = await t.run(async (ctx) => {
      const db = orm.db(ctx as Ctx);
      const distinct = await db
        .selectDistinct({ posts: db.$count(posts, eq(posts.authorId, users._id)) })
        .from(users)
        .orderBy(users._id)
        .catch(() => null);
      const grouped = await db
        .select({
          inviter: users.invitedBy,
          members: count(),
          inviterPosts: db.$count(posts, eq(posts.authorId, users.invitedBy)),
        })
        .from(users)
        .groupBy(users.invitedBy);
      return { distinct, grouped };
    });
    // selectDistinct orders only by what it selects (users._id is not): refused as before.
    expect(distinct).toBeNull();
    expect(grouped).toEqual(
      expect.arrayContaining([
        { inviter: null, members: 1, inviterPosts: 0 },
        { inviter: expect.any(String), members: 2, inviterPosts: 2 },
      ]),
    );
    expect(grouped).toHaveLength(2);
  });

  it('makes rows with equal counts one under selectDistinct', async () => {
    const { t } = await seeded();
    const rows = await t.run((ctx) => {
      const db = orm.db(ctx as Ctx);
      return db.selectDistinct({ posts: db.$count(posts, eq(posts.authorId, users.invitedBy)) }).from(users);
    });
    // Ada (no inviter): 0; Bob and Cy (invited by Ada): 2 each.
    expect(rows).toHaveLength(2);
    expect(rows.map(({ posts }) => posts).sort()).toEqual([0, 2]);
  });

  it('shares the select’s scan budget', async () => {
    const { t } = await seeded();
    const error = await t.run((ctx) =>
      rejection(() => {
        const db = budgeted.db(ctx as Ctx);
        return db.select({ posts: db.$count(posts, eq(posts.authorId, users._id)) }).from(users);
      }),
    );
    // 3 users + Ada's 2 live posts + Bob's 1 = 6 documents.
    expect(error?.code).toBe('SCAN_BUDGET_EXCEEDED');
  });

  it('explains the count run per row, with ? for the row’s values', async () => {
    const { t } = await seeded();
    const explain = await t.run(async (ctx) => {
      const db = orm.db(ctx as Ctx);
      return db
        .select({ n: db.$count(posts, eq(posts.authorId, users._id)) })
        .from(users)
        .explain();
    });
    expect(explain.counts?.n).toMatchObject({ table: 'posts', read: 'index', index: 'by_author' });
    expect(explain.counts?.n?.ranges.join()).toContain('?');
    expect(JSON.stringify(explain.counts)).not.toContain('param');
  });

  it('binds a prepared select’s placeholders in the count’s filter', async () => {
    const { t } = await seeded();
    const prepared = orm
      .select({
        name: users.name,
        n: orm.$count(posts, and(eq(posts.authorId, users._id), gt(posts.votes, sql.placeholder('min')))),
      })
      .from(users)
      .orderBy(asc(users.name))
      .prepare('countsOver');
    const [low, high] = await t.run(async (ctx) => [
      await prepared.execute(ctx as Ctx, { min: 0 }),
      await prepared.execute(ctx as Ctx, { min: 4 }),
    ]);
    expect(low!.map(({ n }) => n)).toEqual([2, 1, 0]);
    expect(high!.map(({ n }) => n)).toEqual([1, 1, 0]);
  });
});

describe('a $count selected as a field rejects, before any read, what it cannot bind per row', () => {
  const cases: [string, (db: ReturnType<typeof orm.db>) => Promise<unknown>, RegExp][] = [
    [
      'a comparison with the row inside or()',
      (db) => db.select({ n: db.$count(posts, or(eq(posts.authorId, users._id), isNull(posts.votes))) }).from(users),
      /top level of its filter/,
    ],
    [
      'a table that is neither counted nor in the select',
      (db) => db.select({ n: db.$count(posts, eq(posts.authorId, likes.authorId)) }).from(users),
      /"likes", which is neither the counted table "posts" nor in the select/,
    ],
    [
      'an order between a float64 column and an int64 one',
      (db) => db.select({ n: db.$count(posts, gt(posts.votes, users.rank)) }).from(users),
      /only eq\(\) correlates them/,
    ],
    [
      'an undefined filter',
      (db) => db.select({ n: db.$count(posts, undefined as never) }).from(users),
      /The filter of the \$count selected as "n" is undefined/,
    ],
    [
      'a group key the count does not correlate with',
      (db) =>
        db
          .select({ inviter: users.invitedBy, n: db.$count(posts, eq(posts.authorId, users._id)) })
          .from(users)
          .groupBy(users.invitedBy),
      /users\._id must appear in groupBy\(\)/,
    ],
  ];
  for (const [what, run, message] of cases) {
    it(what, async () => {
      const { t } = await seeded();
      const { error, reads } = await t.run(async (raw) => {
        const counted = countReads(raw);
        const error = await rejection(() => run(orm.db(counted.ctx as Ctx)));
        return { error, reads: { ...counted.reads } };
      });
      expect(error?.orm).toBe(true);
      expect(error?.message).toMatch(message);
      expect(reads).toEqual({ documents: 0, ranges: 0 });
    });
  }

  it('still refuses a $count run on its own with another table’s column, pointing to both ways', async () => {
    const { t } = await seeded();
    const error = await t.run((ctx) =>
      rejection(() => orm.db(ctx as Ctx).$count(posts, eq(posts.authorId, users._id))),
    );
    expect(error?.code).toBe('INVALID_QUERY');
    expect(error?.message).toContain('select it as a field of a select from users');
  });
});
