import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  anyApi,
  type FunctionReference,
  type GenericMutationCtx,
  internalMutationGeneric,
  type MutationBuilder,
} from 'convex/server';
import { type GenericId, v } from 'convex/values';
import { createOrm, defineDeletionFunctions } from 'convex-orm';
import { convexTest } from 'convex-test';
import schema, { relations } from '../example/convex/schema.js';
import { type Backend, moduleMap } from './backend.js';
import type { BenchConfig } from './config.js';
import { median } from './measure.js';
import { collectGarbage } from './runWorkloads.js';

// The scheduled delete of one task whose notes do not fit one transaction (issue 12's scheduled
// delete, the example app's schema: tasks with deletion('scheduled') <- taskNotes, cascade): the
// ORM's job fails its one statement with a typed limit error and hands on to a drain (a batch of
// notes a job, then the task); the floor is the hand-written job a Convex developer writes for it,
// a self-scheduling mutation deleting a batch of notes by the task's index per transaction, then
// the task. Both run every job to the end; each job's transaction metrics are summed.

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'example', 'convex');
const MODULE = 'benchDrain';
/** The floor's notes a transaction: a round number that fits Convex's limits with room to spare. */
const FLOOR_BATCH = 4000;

type Metrics = { documentsRead: number; documentsWritten: number; databaseQueries: number; bytesRead: number };
const jobs: Metrics[] = [];

/** `internalMutation` that records each job's transaction metrics once its handler returned. */
const recorded = ((definition: { args: any; handler: (ctx: GenericMutationCtx<any>, args: any) => Promise<unknown> }) =>
  internalMutationGeneric({
    args: definition.args,
    handler: async (ctx, args) => {
      const result = await definition.handler(ctx, args);
      const metrics = await ctx.meta.getTransactionMetrics();
      jobs.push({
        documentsRead: metrics.documentsRead.used,
        documentsWritten: metrics.documentsWritten.used,
        databaseQueries: metrics.databaseQueries.used,
        bytesRead: metrics.bytesRead.used,
      });
      return result;
    },
  })) as unknown as MutationBuilder<any, 'internal'>;

const orm = createOrm({ relations, scheduledDelete: anyApi[MODULE]!.scheduledDelete as never });
const functions = {
  ...defineDeletionFunctions({ orm, internalMutation: recorded, self: anyApi[MODULE] as never }),
  floorDrain: recorded({
    args: { task: v.id('tasks') },
    handler: async (ctx, { task }: { task: GenericId<'tasks'> }) => {
      const notes = await ctx.db
        .query('taskNotes')
        .withIndex('taskId_fk', (q: any) => q.eq('taskId', task))
        .take(FLOOR_BATCH);
      for (const note of notes) await ctx.db.delete(note._id);
      if (notes.length === FLOOR_BATCH)
        await ctx.scheduler.runAfter(0, anyApi[MODULE]!.floorDrain as never, { task } as never);
      else await ctx.db.delete(task);
    },
  }),
};

const ref = (name: string) => anyApi[MODULE]![name] as FunctionReference<'mutation', 'internal'>;

/** A backend holding one task (soft-deleted) with `notes` notes; its id and deletion time. */
async function backend(notes: number): Promise<{ t: Backend; task: GenericId<'tasks'>; deletedAt: number }> {
  const t = convexTest(schema, { ...moduleMap(exampleDir), [`./${MODULE}.ts`]: async () => functions });
  const deletedAt = 1_000;
  const task = await t.run(async (ctx) => {
    const project = await ctx.db.insert('projects', { name: 'p', taskCount: 1, deletedAt: null });
    return ctx.db.insert('tasks', { projectId: project, title: 't', deletedAt });
  });
  for (let done = 0; done < notes; done += 4000) {
    await t.run(async (ctx) => {
      for (let i = done; i < Math.min(notes, done + 4000); i++)
        await ctx.db.insert('taskNotes', { taskId: task, body: `n${i}` });
    });
  }
  return { t, task, deletedAt };
}

/**
 * Runs the jobs scheduled (at 0 ms, on real timers) until none is pending: convex-test's
 * `finishAllScheduledFunctions` gives up on a timer that has not fired after a few idle turns.
 */
async function runScheduled(t: Backend): Promise<void> {
  const pending = () =>
    t.run(async (ctx) =>
      (await ctx.db.system.query('_scheduled_functions').collect()).some((job) => job.state.kind === 'pending'),
    );
  do {
    await new Promise((resolve) => setTimeout(resolve, 1));
    await t.finishAllScheduledFunctions(() => {}, 1000);
  } while (await pending());
}

/** One contender's run: its jobs (transactions), their summed metrics, and the CPU time of them all. */
export type DrainRun = Metrics & { transactions: number; cpuMs: number; left: number };
export type DrainResults = { notes: number; floorBatch: number; floor: DrainRun; 'convex-orm': DrainRun };

async function run(key: 'floor' | 'convex-orm', notes: number): Promise<DrainRun> {
  const { t, task, deletedAt } = await backend(notes);
  jobs.length = 0;
  collectGarbage();
  const cpu = process.cpuUsage();
  if (key === 'floor') await t.mutation(ref('floorDrain'), { task });
  else await t.mutation(ref('scheduledDelete'), { table: 'tasks', deletedAt, ids: [task] });
  await runScheduled(t);
  const used = process.cpuUsage(cpu);
  const left = await t.run(
    async (ctx) => (await ctx.db.query('taskNotes').take(1)).length + (await ctx.db.query('tasks').collect()).length,
  );
  const sum = (field: keyof Metrics) => jobs.reduce((total, job) => total + job[field], 0);
  return {
    transactions: jobs.length,
    documentsRead: sum('documentsRead'),
    documentsWritten: sum('documentsWritten'),
    databaseQueries: sum('databaseQueries'),
    bytesRead: sum('bytesRead'),
    cpuMs: (used.user + used.system) / 1000,
    left,
  };
}

/** Runs both contenders `runs` times, interleaved; the run with the median CPU time of each. */
export async function runDrain(config: BenchConfig): Promise<DrainResults> {
  const notes = config.drainNotes;
  const samples: Record<'floor' | 'convex-orm', DrainRun[]> = { floor: [], 'convex-orm': [] };
  for (let i = 0; i < Math.max(1, Math.min(3, config.runs)); i++) {
    for (const key of i % 2 === 0 ? (['floor', 'convex-orm'] as const) : (['convex-orm', 'floor'] as const)) {
      samples[key].push(await run(key, notes));
    }
  }
  const pick = (list: DrainRun[]) => {
    const middle = median(list.map((sample) => sample.cpuMs));
    return list.find((sample) => sample.cpuMs === middle) ?? list[0]!;
  };
  return { notes, floorBatch: FLOOR_BATCH, floor: pick(samples.floor), 'convex-orm': pick(samples['convex-orm']) };
}

/** The markdown section of the results. */
export function renderDrain(results: DrainResults): string[] {
  const { floor } = results;
  const row = (label: string, r: DrainRun) =>
    `| ${label} | ${r.transactions} | ${r.documentsRead.toLocaleString('en-US')} | ${r.databaseQueries.toLocaleString('en-US')} | ${(r.bytesRead / 1e6).toFixed(1)} MB | ${r.documentsWritten.toLocaleString('en-US')} | ${r.cpuMs.toFixed(0)} ms (${(r.cpuMs / floor.cpuMs).toFixed(2)}×) | ${r.left} |`;
  return [
    '## Scheduled delete past one transaction (the drain)',
    '',
    `Hard-delete one soft-deleted task with ${results.notes.toLocaleString('en-US')} notes (\`onDelete: 'cascade'\`; more than the ${'15,000'} documents one ORM statement may write by default): convex-orm's \`scheduledDelete\` job, which hands on to a drain of the notes (a batch a job, then the task), against the floor's self-scheduling mutation deleting ${results.floorBatch.toLocaleString('en-US')} notes a transaction by the task's index, then the task. Sums over every job's transaction metrics (convex-test's \`getTransactionMetrics()\`); CPU of the whole drain, the run with the median CPU of ${'up to 3'} per contender. Rows left must be 0.`,
    '',
    '| contender | transactions | documents read | index ranges | bytes read | documents written | CPU (ratio) | rows left |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    row('floor (hand-written batches)', floor),
    row('convex-orm', results['convex-orm']),
    '',
  ];
}
