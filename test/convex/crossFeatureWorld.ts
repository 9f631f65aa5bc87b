import { internalMutationGeneric } from 'convex/server';
import { expect } from 'vitest';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  type AnyColumn,
  aggregateIndex,
  type ColumnBuilder,
  convexTable,
  createOrm,
  defineDeletionFunctions,
  deletion,
  id,
  index,
  integer,
  type OrmOptions,
  type TablesRelationalConfig,
  text,
  timestamp,
} from '../../src/index';
import type { TableConfig } from '../../src/schema/table';
import { seededRandom } from '../seededRandom';

// What the seeded cross-feature oracles (crossFeatureOracle*.test.ts) share around their own
// schemas and statements: the seed's random picks, the fake scheduler that collects the jobs
// a scheduled delete hands it, two users, aggregate buckets backfilled, raw snapshots, an ORM
// whose scheduled deletes run in the test, and the SEEDS / SEED0 / STEPS knobs.

/**
 * The tasks table of the oracles with projects (crossFeatureOracle, crossFeatureOracle3): a task of a
 * project (cascade) and of an owner, a unique code, points, a parent task (set null), soft delete,
 * aggregates by project and by owner and project; each oracle's `extra` columns stand after `points`.
 */
export function tasksTable<const E extends Record<string, ColumnBuilder>>(projectsId: () => AnyColumn, extra: E) {
  const tasks = convexTable(
    'tasks',
    {
      projectId: id('projects').notNull().references(projectsId, { onDelete: 'cascade' }),
      ownerId: id('users').notNull(),
      code: text().notNull().unique(),
      points: integer().notNull(),
      ...extra,
      parentId: id('tasks').references((): AnyColumn => tasks._id, { onDelete: 'set null' }),
      deletedAt: timestamp(),
    },
    (t) => [
      index('by_parent').on(t.parentId),
      index('by_project').on(t.projectId, t.deletedAt),
      index('by_owner').on(t.ownerId, t.projectId, t.deletedAt),
      deletion('soft', { column: t.deletedAt }),
      aggregateIndex('tasks_by_project').on(t.projectId).count().sum(t.points),
      aggregateIndex('tasks_by_owner').on(t.ownerId, t.projectId).count().sum(t.points).shards(2),
    ],
  );
  return tasks;
}

/** A `convexTest` instance, as far as these helpers use it. */
export type TestWorld = { run: <T>(fn: (ctx: any) => Promise<T>) => Promise<T> };
export type Raw = Record<string, any[]>;

/** The seed's generator, and a pick of one element by it. */
export function seededPick(seed: number) {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  return { rand, pick };
}

/** A scheduler for `orm.db({ ...ctx, scheduler })` that keeps each job's args in `jobs`. */
export function collectingScheduler() {
  const jobs: unknown[] = [];
  const scheduler = {
    runAfter: async (_ms: number, _fn: unknown, args: unknown) => {
      jobs.push(args);
      return 'job' as never;
    },
  };
  return { jobs, scheduler };
}

/** Inserts users 'A' and 'B' (raw); their ids in that order. */
export function insertTwoUsers(t: TestWorld): Promise<string[]> {
  return t.run(async (ctx) => [
    await ctx.db.insert('users', { name: 'A' }),
    await ctx.db.insert('users', { name: 'B' }),
  ]);
}

/** Backfills the aggregate buckets of `tableConfigs` to the end, 16 rows a batch. */
export async function backfillAll(t: TestWorld, tableConfigs: Iterable<TableConfig>) {
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, tableConfigs, 16));
    if (step.batch === null) break;
  }
}

/** How the oracles with a scheduled delete start a seed: its picks, a collecting scheduler, two users, buckets backfilled. */
export async function startWorld(seed: number, t: TestWorld, tableConfigs: Iterable<TableConfig>) {
  const { rand, pick } = seededPick(seed);
  const { jobs, scheduler } = collectingScheduler();
  const U = await insertTwoUsers(t);
  await backfillAll(t, tableConfigs);
  return { rand, pick, jobs, scheduler, U };
}

/** Reads every row of `tables` raw, by table name. */
export function rawSnapshot(t: TestWorld, tables: readonly string[]): () => Promise<Raw> {
  return () =>
    t.run(async (ctx) => {
      const out: Raw = {};
      for (const name of tables) out[name] = await ctx.db.query(name).collect();
      return out;
    });
}

/** `createOrm` with a scheduled delete, and `runJobs` to run the jobs it scheduled in a mutation's ctx. */
export function ormWithScheduledDelete<const R extends TablesRelationalConfig, C>(
  options: Pick<OrmOptions<R, C>, 'relations' | 'triggers' | 'rules'>,
) {
  const orm = createOrm({
    ...options,
    cursorSecret: 'x'.repeat(40),
    scheduledDelete: 'deletions:scheduledDelete' as never,
  });
  const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
  /** Runs (and takes out of `jobs`) every collected job, in order. */
  const runJobs = async (ctx: unknown, jobs: unknown[]) => {
    const h = (scheduledDelete as any)._handler;
    for (const args of jobs.splice(0)) await h(ctx, args);
  };
  return { orm, runJobs };
}

/** A step's actor: a user picked (or the system, `null`, with chance `systemShare`) and the owner its rows get. */
export function pickActor(
  rand: () => number,
  pick: <T>(xs: readonly T[]) => T,
  users: readonly string[],
  systemShare: number,
) {
  const ui = rand() < systemShare ? -1 : Math.floor(rand() * 2);
  const u = ui < 0 ? null : users[ui]!;
  const who = u === null ? 'sys' : u === users[0] ? 'A' : 'B';
  /** Mostly the actor, sometimes (always for the system) a user picked. */
  const owner = () => (u === null ? pick(users) : rand() < 0.85 ? u : pick(users));
  return { u, who, owner };
}

/** A failed statement left the tables as they were and scheduled nothing. */
export function expectFailedStepWroteNothing(where: string, before: Raw, after: Raw, jobs: number, jobsBefore: number) {
  expect(after, `${where}\nfailed statement left writes`).toEqual(before);
  expect(jobs, `${where}\nfailed statement scheduled`).toBe(jobsBefore);
}

/** The seeds to run: SEEDS of them (else `count`) from SEED0 (else 1). */
export function seedsFromEnv(count: number): number[] {
  const n = process.env.SEEDS ? +process.env.SEEDS : count;
  const first = process.env.SEED0 ? +process.env.SEED0 : 1;
  const seeds: number[] = [];
  for (let seed = first; seed < first + n; seed++) seeds.push(seed);
  return seeds;
}

/** Steps a seed: STEPS, else `steps`. */
export const stepsFromEnv = (steps = 20) => (process.env.STEPS ? +process.env.STEPS : steps);
