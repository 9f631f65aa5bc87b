import type { GenericId } from 'convex/values';
import { asc, count, createOrm, desc, eq, sql } from 'convex-orm';
import * as aggregates from './aggregates.js';
import { type Backend, seededBackend } from './backend.js';
import type { BenchConfig } from './config.js';
import type { BenchCtx, Fixture, WorkloadFn } from './contender.js';
import schema, { posts, relations, users } from './convex/schema.js';
import type { Dataset } from './data.js';
import { median, runWorkload, type Sample } from './measure.js';
import { collectGarbage } from './runWorkloads.js';

/**
 * The select workloads (issue 17): convex-orm's `db.select()` against the
 * hand-written floor doing the same algorithm (an index nested-loop join),
 * and a groupBy served by an aggregate index against the floor counting rows.
 */
const orm = createOrm({ relations });

type SelectWorkload = {
  id: 'S1' | 'S2' | 'S2p' | 'S3' | 'S4';
  title: string;
  floor: string;
  orm: WorkloadFn;
  hand: WorkloadFn;
};

/** S2 prepared once at module scope, its status a placeholder (a select's plan is made per execution). */
const latestWithAuthor = orm
  .select({ title: posts.title, author: users.name })
  .from(posts)
  .innerJoin(users, eq(users._id, posts.authorId))
  .where(eq(posts.status, sql.placeholder('status')))
  .orderBy(desc(posts.publishedAt))
  .limit(20)
  .prepare('latestWithAuthor');

/** The floor of S2 and S2p: `by_status` eq, desc, `take(20)`; each distinct author once by `db.get`. */
async function latestPublishedByHand(ctx: BenchCtx) {
  const latest = await ctx.db
    .query('posts')
    .withIndex('by_status', (q) => q.eq('status', 'published'))
    .order('desc')
    .take(20);
  const authors = new Map<GenericId<'users'>, Promise<{ name: string } | null>>();
  for (const post of latest) if (!authors.has(post.authorId)) authors.set(post.authorId, ctx.db.get(post.authorId));
  const rows = await Promise.all(
    latest.map(async (post) => ({ title: post.title, author: (await authors.get(post.authorId))?.name })),
  );
  return rows.filter((row) => row.author !== undefined);
}

const members = (ctx: BenchCtx) =>
  ctx.db
    .query('users')
    .filter((q) => q.eq(q.field('role'), 'member'))
    .collect();

export const selectWorkloads: SelectWorkload[] = [
  {
    id: 'S1',
    title: 'Users with post counts: members, top 10 by count (leftJoin + groupBy)',
    floor: "every user filtered to role 'member'; per member a `by_author` range counted; sort; top 10",
    orm: (ctx) =>
      orm
        .db(ctx)
        .select({ id: users._id, email: users.email, postCount: count(posts._id) })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .where(eq(users.role, 'member'))
        .groupBy(users._id)
        .orderBy(desc(count(posts._id)), asc(users.email))
        .limit(10),
    hand: async (ctx) => {
      const rows = await Promise.all(
        (await members(ctx)).map(async (user) => ({
          id: user._id,
          email: user.email,
          postCount: (
            await ctx.db
              .query('posts')
              .withIndex('by_author', (q) => q.eq('authorId', user._id))
              .collect()
          ).length,
        })),
      );
      rows.sort((a, b) => b.postCount - a.postCount || (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
      return rows.slice(0, 10);
    },
  },
  {
    id: 'S2',
    title: 'Latest 20 published posts with their author (innerJoin, limit 20)',
    floor: '`by_status` eq, desc, `take(20)`; each distinct author once by `db.get`',
    orm: (ctx) =>
      orm
        .db(ctx)
        .select({ title: posts.title, author: users.name })
        .from(posts)
        .innerJoin(users, eq(users._id, posts.authorId))
        .where(eq(posts.status, 'published'))
        .orderBy(desc(posts.publishedAt))
        .limit(20),
    hand: latestPublishedByHand,
  },
  {
    id: 'S2p',
    title: 'S2 prepared at module scope (orm.select(...).prepare(), executed with { status })',
    floor: 'as S2',
    orm: (ctx) => latestWithAuthor.execute(ctx as never, { status: 'published' }),
    hand: latestPublishedByHand,
  },
  {
    id: 'S4',
    title: 'First 20 users by email with their post counts (an embedded $count per row)',
    floor: '`by_email` `take(20)`; per user a `by_author` range counted, all 20 at once',
    orm: (ctx) => {
      const db = orm.db(ctx);
      return db
        .select({ email: users.email, posts: db.$count(posts, eq(posts.authorId, users._id)) })
        .from(users)
        .orderBy(asc(users.email))
        .limit(20);
    },
    hand: async (ctx) => {
      const first = await ctx.db.query('users').withIndex('by_email').take(20);
      return Promise.all(
        first.map(async (user) => ({
          email: user.email,
          posts: (
            await ctx.db
              .query('posts')
              .withIndex('by_author', (q) => q.eq('authorId', user._id))
              .collect()
          ).length,
        })),
      );
    },
  },
];

/** On the aggregates bench's backend (posts with aggregate index `posts_by_status`, backfilled). */
export const aggregateSelectWorkloads: SelectWorkload[] = [
  {
    id: 'S3',
    title: 'Posts per status (groupBy served by aggregate index posts_by_status)',
    floor: 'every post read and counted per status (what hand-written code without an aggregate does)',
    orm: (ctx) =>
      aggregates.orm
        .db(ctx)
        .select({ status: aggregates.posts.status, n: count() })
        .from(aggregates.posts)
        .groupBy(aggregates.posts.status),
    hand: async (ctx) => {
      const counts = new Map<string, number>();
      for await (const row of ctx.db.query('posts' as never)) {
        const { status } = row as { status: string };
        counts.set(status, (counts.get(status) ?? 0) + 1);
      }
      return [...counts].sort().map(([status, n]) => ({ status, n }));
    },
  },
];

/** One select workload × contender: reads of the counted run, rows, median wall time. */
export type SelectBenchResult = {
  id: SelectWorkload['id'];
  title: string;
  floor: string;
  contender: 'floor' | 'convex-orm';
  documents: number;
  ranges: number;
  rows: number;
  medianMs: number;
};

/** Runs each select workload for the floor and convex-orm (S1, S2 on the base backend, S3 on the aggregates bench's): one counted run, then timed runs interleaved. */
export async function runSelectBench(config: BenchConfig, data: Dataset): Promise<SelectBenchResult[]> {
  const base = await seededBackend(schema, config, data, 'base');
  const results = await runOn(base.t, base.fixture, selectWorkloads, config);
  const served = await aggregates.backend(config.backfillDocs);
  // S3 reads the aggregates backend; its workloads take no fixture ids.
  return [...results, ...(await runOn(served.t, served.ids as never, aggregateSelectWorkloads, config))];
}

async function runOn(
  t: Backend,
  fixture: Fixture,
  workloads: readonly SelectWorkload[],
  config: BenchConfig,
): Promise<SelectBenchResult[]> {
  const results: SelectBenchResult[] = [];
  for (const workload of workloads) {
    const contenders = [
      { contender: 'floor' as const, fn: workload.hand, times: [] as number[] },
      { contender: 'convex-orm' as const, fn: workload.orm, times: [] as number[] },
    ];
    const counted: Sample[] = [];
    for (const entry of contenders) counted.push(await runWorkload(t, entry.fn, { fixture, run: 0 }, 1, true));
    for (let run = 1; run <= config.runs; run++) {
      for (let k = 0; k < contenders.length; k++) {
        const entry = contenders[(k + run) % contenders.length]!;
        collectGarbage();
        entry.times.push((await runWorkload(t, entry.fn, { fixture, run }, 1, false)).ms);
      }
    }
    contenders.forEach((entry, i) => {
      const { documents, ranges, rows } = counted[i]!;
      const { id, title, floor } = workload;
      results.push({
        id,
        title,
        floor,
        contender: entry.contender,
        documents,
        ranges,
        rows,
        medianMs: median(entry.times),
      });
    });
  }
  return results;
}
