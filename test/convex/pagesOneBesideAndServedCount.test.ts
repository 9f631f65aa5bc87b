// Claim check / seeded differential (review of paginate): pages whose relation filter on a `one`
// relation sits beside a `with` load of that relation (the shared read of 3b0f8359 / ed7419ee:
// docs/queries.md "Measured read costs"), with a `_count` served by an aggregate index
// (docs/aggregates.md "Costs": 1 state per query + buckets per key), under read rules (none,
// objects, functions) and soft delete on every table, non-unique `one` keys (several profiles a
// user), in lists, client maximumRowsRead, walked one page per transaction with sealed cursors.
// Expected (docs/queries.md "paginate", "Pinned pages"; DESIGN.md 14): the pages concatenated
// equal findMany with the same config (rows, the loaded profile, counts, in order, each once);
// every page but the last holds numItems rows unless SplitRequired; a page pinned to its own
// continueCursor, and the two halves of a split page, hold the page's rows; a client scanBudget at
// random splits pages by the rows' loads and bucket reads; after ORM writes that move rows across
// page boundaries and change filter matches and counts, every page pinned from its cursor to its
// continueCursor together holds findMany's rows once each. (A claim check: the review found no bug.)
import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
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
  deletion,
  id,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import { seededRandom } from '../seededRandom';
import { CURSOR_SECRET } from './cursorSecret';
import { type PageRun, pageProblems, type WalkedPage, walkPages } from './pageWalk';

const users = convexTable(
  'users',
  { name: text().notNull(), team: text().notNull(), rank: integer(), deletedAt: timestamp() },
  (t) => [index('by_rank').on(t.rank), index('by_team').on(t.team, t.rank), deletion('soft', { column: t.deletedAt })],
);
const profiles = convexTable(
  'profiles',
  {
    userId: id('users').notNull(),
    bio: text().notNull(),
    secret: boolean().notNull(),
    n: integer().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_user').on(t.userId, t.n), deletion('soft', { column: t.deletedAt })],
);
const posts = convexTable(
  'posts',
  { authorId: id('users').notNull(), status: text().notNull(), deletedAt: timestamp() },
  (t) => [
    index('by_author').on(t.authorId),
    aggregateIndex('posts_by_author').on(t.authorId).count(),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { users, profiles, posts };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  users: {
    profile: r.one.profiles({ from: r.users._id, to: r.profiles.userId }),
    posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }),
  },
  profiles: { user: r.one.users({ from: r.profiles.userId, to: r.users._id }) },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
const viewer = async (ctx: { auth: Auth }) => (await ctx.auth.getUserIdentity())?.subject ?? '';
const orms = {
  none: createOrm({ relations, cursorSecret: CURSOR_SECRET }),
  obj: createOrm({
    relations,
    cursorSecret: CURSOR_SECRET,
    rules: defineRules(relations, async (ctx: { auth: Auth }) => ({
      users: { read: { OR: [{ team: 'pub' }, { name: await viewer(ctx) }] } },
      profiles: { read: { secret: false } },
      posts: { read: {} },
    })),
  }),
  fn: createOrm({
    relations,
    cursorSecret: CURSOR_SECRET,
    rules: defineRules(relations, async (ctx: { auth: Auth }) => {
      const v = await viewer(ctx);
      return {
        users: { read: (row) => row.team === 'pub' || row.name === v },
        profiles: { read: (row) => !row.secret },
        posts: { read: (row) => row.status !== 'hidden' },
      };
    }),
  }),
};
const profileWheres: any[] = [
  true,
  { bio: 'x' },
  { bio: { in: ['x', 'y'] } },
  { n: { gte: 1 } },
  { OR: [{ bio: 'y' }, { n: 0 }] },
];
const rootWheres: any[] = [
  {},
  { team: { in: ['pub', 'a'] } },
  { rank: { ne: 3 } },
  { OR: [{ team: 'a' }, { team: 'b' }] },
];
const configs = getTableConfig as any;
const tableConfigs = Object.values(tables).map((x) => configs(x));

describe('pages with a one load beside its relation filter and a served _count agree with findMany', () => {
  for (const [name, orm] of Object.entries(orms))
    for (const seed of process.env.SEEDS ? Array.from({ length: +process.env.SEEDS }, (_, i) => i + 1) : [1, 2]) {
      it(`${name} seed ${seed}`, { timeout: 120_000 }, async () => {
        const r = seededRandom(seed * 97 + name.length);
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
        const t = convexTest(schema, modules);
        await t.run(async (ctx) => {
          for (let i = 0; i < 25; i++) {
            const userId = await ctx.db.insert('users', {
              name: pick(['mal', 'vic', 'ann']),
              team: pick(['a', 'b', 'pub']),
              ...(r() < 0.15 ? {} : { rank: Math.floor(r() * 10) }),
              ...(r() < 0.15 ? { deletedAt: 1 } : {}),
            } as never);
            for (let j = Math.floor(r() * 4); j > 0; j--)
              await ctx.db.insert('profiles', {
                userId,
                bio: pick(['x', 'y', 'z']),
                secret: r() < 0.3,
                n: Math.floor(r() * 3),
                ...(r() < 0.25 ? { deletedAt: 2 } : {}),
              } as never);
            for (let j = Math.floor(r() * 4); j > 0; j--)
              await ctx.db.insert('posts', {
                authorId: userId,
                status: r() < 0.2 ? 'hidden' : 'live',
                ...(r() < 0.2 ? { deletedAt: 3 } : {}),
              } as never);
          }
        });
        for (;;) {
          const step = await t.run((ctx: any) => backfillNext(ctx.db as never, tableConfigs, 1000));
          if (step.batch === null) break;
        }
        const as = t.withIdentity({ subject: 'mal' });
        const problems: unknown[] = [];
        for (let q = 0; q < 12; q++) {
          const pw = pick(profileWheres);
          const config: any = {
            where: { ...pick(rootWheres), profile: pw },
            orderBy: { rank: pick(['asc', 'desc'] as const) },
            with: { profile: pw === true ? true : { where: pw } },
          };
          if (r() < 0.6) config._count = { posts: true };
          const numItems = 1 + Math.floor(r() * 4);
          const maxRows = r() < 0.5 ? 1 + Math.floor(r() * 5) : undefined;
          const budget = pick([undefined, 10, 14, 20]);
          const pageConfig = budget === undefined ? config : { ...config, scanBudget: budget };
          const label = JSON.stringify({ config, numItems, maxRows, budget });
          const norm = (rows: any[]) =>
            JSON.stringify(rows.map((x) => ({ _id: x._id, profile: x.profile?._id ?? null, count: x._count?.posts })));
          const expected = await as.run(async (ctx) => norm(await (orm.db(ctx) as any).query.users.findMany(config)));
          // The oracle without the shared read: the same filter twice (under AND) is not shared.
          const apart = { ...config, where: { ...config.where, AND: [{ profile: pw }] } };
          const unshared = await as.run(async (ctx) => norm(await (orm.db(ctx) as any).query.users.findMany(apart)));
          if (unshared !== expected) problems.push({ label, issue: 'findMany shared != unshared', expected, unshared });
          const page: PageRun = (options) =>
            as.run((ctx) => (orm.db(ctx) as any).query.users.paginate(options, pageConfig));
          let pages: WalkedPage[];
          try {
            pages = await walkPages(page, numItems, maxRows ? { maximumRowsRead: maxRows } : {});
          } catch (e: any) {
            problems.push({ label, threw: `${e.code} ${e.message}` });
            continue;
          }
          for (const problem of await pageProblems(page, pages, numItems, expected, norm))
            problems.push({ label, ...problem });
          // Writes that move rows across the pages' boundaries (rank updates), change which users pass the
          // relation filter (profiles inserted, soft-deleted, edited) and change counts (posts), through the ORM
          // so the aggregate index follows; then every page pinned from its cursor to its continueCursor (as
          // convex-helpers pins them): together they hold findMany's rows once each, with fresh loads and counts.
          if (!pages.at(-1)?.isDone) continue;
          await t.run(async (ctx) => {
            const db = orms.none.db(ctx) as any;
            const all = (await ctx.db.query('users').collect()) as any[];
            for (let w = 0; w < 6; w++) {
              const u = pick(all);
              const k = r();
              if (k < 0.3)
                await db
                  .update(users)
                  .set({ rank: Math.floor(r() * 10) })
                  .where({ _id: u._id });
              else if (k < 0.5)
                await db
                  .insert(profiles)
                  .values({ userId: u._id, bio: pick(['x', 'y', 'z']), secret: r() < 0.3, n: Math.floor(r() * 3) });
              else if (k < 0.7) await db.delete(profiles).where({ userId: u._id });
              else if (k < 0.85) await db.insert(posts).values({ authorId: u._id, status: 'live' });
              else await db.delete(posts).where({ authorId: u._id });
            }
          });
          const after = await as.run(async (ctx) => norm(await (orm.db(ctx) as any).query.users.findMany(config)));
          try {
            const again: any[] = [];
            for (const p of pages) {
              const pinned: any = await as.run((ctx) =>
                // Without the client budget: a pinned page that grew past it throws by design (docs: "Pinned pages").
                (orm.db(ctx) as any).query.users.paginate(
                  { numItems, cursor: p.start, endCursor: p.continueCursor },
                  config,
                ),
              );
              again.push(...pinned.page);
            }
            if (norm(again) !== after)
              problems.push({ label, issue: 'pinned pages after writes != findMany', got: norm(again), after });
          } catch (e: any) {
            problems.push({ label, issue: 'pinned after writes threw', err: `${e.code} ${e.message}` });
          }
        }
        expect(problems).toEqual([]);
      });
    }
});
