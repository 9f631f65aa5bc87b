import type { GenericId } from 'convex/values';
import { asc, count, createOrm, desc, eq } from 'convex-orm';
import { seededBackend } from './backend.js';
import type { BenchConfig } from './config.js';
import type { BenchCtx, WorkloadFn } from './contender.js';
import schema, { posts, relations, users } from './convex/schema.js';
import type { Dataset } from './data.js';
import { median, runWorkload, type Sample } from './measure.js';
import { collectGarbage } from './runWorkloads.js';

/**
 * The select workloads (issue 17): convex-orm's `db.select()` against the
 * hand-written floor doing the same algorithm (an index nested-loop join).
 */
const orm = createOrm({ relations });

type SelectWorkload = { id: 'S1' | 'S2'; title: string; floor: string; orm: WorkloadFn; hand: WorkloadFn };

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
    hand: async (ctx) => {
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

/** Runs each select workload for the floor and convex-orm on one seeded backend: one counted run, then timed runs interleaved. */
export async function runSelectBench(config: BenchConfig, data: Dataset): Promise<SelectBenchResult[]> {
  const { t, fixture } = await seededBackend(schema, config, data, 'base');
  const results: SelectBenchResult[] = [];
  for (const workload of selectWorkloads) {
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
