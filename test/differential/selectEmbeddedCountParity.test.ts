// @vitest-environment node
/**
 * A `db.$count(...)` embedded in a selection against Drizzle v1 on Postgres (PGlite, the
 * differential fixture), where it is a correlated subquery: each query runs on both ORMs (and on
 * the convex-orm backend whose aggregate indexes serve what they can), and the rows must be
 * Drizzle's. The tables' keys differ (a serial `id` there, `_id` here), so rows are compared by
 * their other columns.
 */
import * as convexOrm from 'convex-orm';
import * as drizzleOrm from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables as convexTables, orm } from './fixture/convex.js';
import { type DrizzleDb, tables as drizzleTables } from './fixture/drizzle.js';
import { bootSelectBackends, type ConvexBackend } from './fixture/selectBackends.js';

let drizzleDb: DrizzleDb;
let convex: ConvexBackend;
let served: ConvexBackend;

beforeAll(async () => {
  ({ drizzleDb, convex, served } = await bootSelectBackends());
}, 60_000);

/**
 * What each side's query gets: its db, tables, operators and a table's key column. (Not `alias`:
 * Drizzle rc.5 embeds a `$count` of an alias as `from "invitee"`, a table Postgres does not have.)
 */
type Side = { db: any; t: any; op: any; key: (table: any) => any };
type Query = (side: Side) => PromiseLike<unknown[]>;

const onDrizzle = (query: Query) =>
  query({ db: drizzleDb, t: drizzleTables, op: drizzleOrm, key: (table) => table.id });
const onConvex = (backend: ConvexBackend, query: Query) =>
  backend.t.run(
    (ctx) =>
      query({
        db: orm.db(ctx),
        t: convexTables,
        op: convexOrm,
        key: (table) => table._id,
      }) as Promise<never>,
  );

/**
 * Rows as a sorted list of their JSON, keys sorted (Postgres returns ties in any order; what
 * `t.run` returns has its keys sorted by Convex's serialization).
 */
const sorted = (rows: unknown[]) =>
  rows.map((row) => JSON.stringify(Object.entries(row as object).sort(([a], [b]) => (a < b ? -1 : 1)))).sort();

const queries: [string, Query][] = [
  [
    'posts per user',
    ({ db, t, op, key }) =>
      db
        .select({ email: t.users.email, posts: db.$count(t.posts, op.eq(t.posts.authorId, key(t.users))) })
        .from(t.users),
  ],
  [
    'comments per post by someone other than its author, with a condition of the count’s own',
    ({ db, t, op, key }) =>
      db
        .select({
          title: t.posts.title,
          others: db.$count(
            t.comments,
            op.and(
              op.eq(t.comments.postId, key(t.posts)),
              op.ne(t.comments.authorId, t.posts.authorId),
              op.like(t.comments.body, '%'),
            ),
          ),
        })
        .from(t.posts),
  ],
  [
    'posts of each user’s inviter, a NULL inviter counting none',
    ({ db, t, op }) =>
      db
        .select({ name: t.users.name, inviterPosts: db.$count(t.posts, op.eq(t.posts.authorId, t.users.invitedBy)) })
        .from(t.users),
  ],
  [
    'a condition on the select’s row alone, inside the count',
    ({ db, t, op, key }) =>
      db
        .select({
          name: t.users.name,
          ifVerified: db.$count(t.posts, op.and(op.eq(t.posts.authorId, key(t.users)), op.eq(t.users.verified, true))),
        })
        .from(t.users),
  ],
  [
    'grouped by a key the count correlates with',
    ({ db, t, op }) =>
      db
        .select({
          members: op.count(),
          inviterPosts: db.$count(t.posts, op.eq(t.posts.authorId, t.users.invitedBy)),
          admins: db.$count(t.users, op.eq(t.users.role, 'admin')),
        })
        .from(t.users)
        .groupBy(t.users.invitedBy),
  ],
  [
    'joined rows, limited: only the window is counted',
    ({ db, t, op, key }) =>
      db
        .select({
          title: t.posts.title,
          author: t.users.name,
          authorPosts: db.$count(t.posts, op.eq(t.posts.authorId, key(t.users))),
        })
        .from(t.users)
        .innerJoin(t.posts, op.eq(t.posts.authorId, key(t.users)))
        .orderBy(op.asc(t.users.email), op.asc(t.posts.title))
        .limit(3)
        .offset(1),
  ],
  [
    'selectDistinct over counts',
    ({ db, t, op, key }) =>
      db.selectDistinct({ posts: db.$count(t.posts, op.eq(t.posts.authorId, key(t.users))) }).from(t.users),
  ],
];

describe('an embedded $count against Drizzle on Postgres', () => {
  for (const [name, query] of queries) {
    it(name, async () => {
      const expected = sorted(await onDrizzle(query));
      expect(expected.length).toBeGreaterThan(0);
      expect(sorted(await onConvex(convex, query)), 'rows read and counted').toEqual(expected);
      expect(sorted(await onConvex(served, query)), 'aggregate indexes built').toEqual(expected);
    });
  }
});
