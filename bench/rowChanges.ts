import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenericId } from 'convex/values';
import { Triggers } from 'convex-helpers/server/triggers';
import { createOrm, defineTriggers, eq } from 'convex-orm';
import { convexTest } from 'convex-test';
import schema, { projects, relations, tasks } from '../example/convex/schema.js';
import { type Backend, moduleMap } from './backend.js';
import type { BenchConfig } from './config.js';
import type { BenchCtx, WorkloadFn } from './contender.js';
import { median, runWorkload, type Sample } from './measure.js';
import { collectGarbage, type GcBeforeRun, STEADY_WARM_UPS } from './runWorkloads.js';

// The row-change pipeline's costs (issue 12), on the example app's schema (projects with a
// taskCount and soft delete, tasks with an index by (projectId, deletedAt)):
// - trigger: insert `config.inserts` tasks with an afterInsert trigger that increments the
//   project's taskCount, against the floor doing the same inline (insert, get, patch per task)
//   and convex-helpers' `Triggers` (the trigger library Convex apps use today) inserting one
//   task at a time through its wrapped db; timed with a full GC before each run, then again
//   without it (see `measureVariants`);
// - soft-deleted list: 20 tasks of a project where 10% of its tasks are soft-deleted, against
//   the floor reading the same index range.

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'example', 'convex');

const triggered = createOrm({
  relations,
  triggers: defineTriggers(relations, {
    tasks: {
      // set(fn) computes the count from the row the update reads: one read per task, as the floor.
      afterInsert: ({ new: task }, ctx) =>
        ctx.db
          .update(projects)
          .set((project) => ({ taskCount: project.taskCount + 1 }))
          .where(eq(projects._id, task.projectId)),
    },
  }),
});

// The soft-deleted list's ORM, made once at module scope as an app makes it (not per request).
const listing = createOrm({ relations });

// The same hook with convex-helpers: registered once, fired by `wrapDB(ctx).db`'s writes.
const helperTriggers = new Triggers<any>();
helperTriggers.register('tasks', async (ctx, change) => {
  if (change.operation !== 'insert') return;
  const project = await ctx.db.get('projects' as never, change.newDoc.projectId);
  await ctx.db.patch('projects' as never, change.newDoc.projectId, { taskCount: project!.taskCount + 1 });
});

type Ids = { project: GenericId<'projects'> };
/** One way to run a workload (the floor, or the ORM in some configuration). */
export type BenchVariant<K extends string> = { key: K; fn: WorkloadFn };
type Variant = BenchVariant<'floor' | 'convex-orm'>;
type TriggerVariant = BenchVariant<Variant['key'] | 'convex-helpers'>;

const raw = (ctx: BenchCtx) => ctx.db as any;
const ids = (input: { fixture: unknown }) => input.fixture as unknown as Ids;

const triggerVariants = (inserts: number): TriggerVariant[] => [
  {
    key: 'floor',
    fn: async (ctx, input) => {
      const { project } = ids(input);
      for (let i = 0; i < inserts; i++) {
        await raw(ctx).insert('tasks', { projectId: project, title: `t${i}`, deletedAt: null });
        const row = await raw(ctx).get('projects', project);
        await raw(ctx).patch('projects', project, { taskCount: row.taskCount + 1 });
      }
    },
  },
  {
    key: 'convex-orm',
    fn: (ctx, input) =>
      triggered
        .db(ctx as any)
        .insert(tasks)
        .values(Array.from({ length: inserts }, (_, i) => ({ projectId: ids(input).project, title: `t${i}` }))),
  },
  {
    key: 'convex-helpers',
    fn: async (ctx, input) => {
      const { db } = helperTriggers.wrapDB(ctx as any);
      const { project } = ids(input);
      for (let i = 0; i < inserts; i++)
        await db.insert('tasks', { projectId: project, title: `t${i}`, deletedAt: null });
    },
  },
];

const listVariants: Variant[] = [
  {
    key: 'floor',
    fn: (ctx, input) =>
      raw(ctx)
        .query('tasks')
        .withIndex('by_project', (q: any) => q.eq('projectId', ids(input).project).eq('deletedAt', null))
        .take(20),
  },
  {
    key: 'convex-orm',
    fn: (ctx, input) =>
      listing.db(ctx as any).query.tasks.findMany({ where: { projectId: ids(input).project }, limit: 20 }),
  },
];

/** A backend with one project and `tasks` tasks of it, every `deletedEvery`-th soft-deleted. */
async function backend(taskCount: number, deletedEvery: number): Promise<{ t: Backend; ids: Ids }> {
  const t = convexTest(schema, moduleMap(exampleDir));
  const project = await t.run(async (ctx) => {
    const id = await ctx.db.insert('projects', { name: 'p', taskCount: 0, deletedAt: null });
    for (let i = 0; i < taskCount; i++) {
      const deletedAt = deletedEvery > 0 && i % deletedEvery === 0 ? 1 : null;
      await ctx.db.insert('tasks', { projectId: id, title: `t${i}`, deletedAt });
    }
    return id;
  });
  return { t, ids: { project } };
}

/** One variant's counted run and timed runs. */
export type RowChangeCell = { counted: Sample; medianMs: number; medianCpuMs: number };
export type RowChangeResults = {
  trigger: Record<TriggerVariant['key'], RowChangeCell>;
  /** The trigger workload again, after a minor GC before each run instead of the full one. */
  triggerAfterMinorGc: Record<TriggerVariant['key'], RowChangeCell>;
  /** The trigger workload again, with no GC asked before each run (steady). */
  triggerWithoutForcedGc: Record<TriggerVariant['key'], RowChangeCell>;
  softDeletedList: Record<Variant['key'], RowChangeCell>;
  listTasks: number;
};

/**
 * Each variant's counted run (run 0), then `runs` timed runs interleaved
 * across variants, on a backend per variant (a fresh one per run when the
 * workload writes and `freshPerRun`); `fresh` is told which variant the backend is for; a run
 * is `transactions` consecutive transactions, each given the previous one's result.
 * `gc` is the full GC before each timed run ({@link GcBeforeRun}); `none` skips it (garbage is
 * then collected when V8 decides, as in a long-lived process) and first runs each variant
 * STEADY_WARM_UPS times untimed.
 */
export async function measureVariants<K extends string>(
  variants: readonly BenchVariant<K>[],
  runs: number,
  fresh: (key: K) => Promise<{ t: Backend; ids: unknown }>,
  freshPerRun: boolean,
  transactions = 1,
  gc: GcBeforeRun = 'forced',
): Promise<Record<K, RowChangeCell>> {
  const backends = await Promise.all(variants.map((variant) => fresh(variant.key)));
  const cells = {} as Record<K, RowChangeCell>;
  const times = variants.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (const [i, variant] of variants.entries()) {
    const { t, ids: fixture } = backends[i]!;
    const counted = await runWorkload(t, variant.fn, { fixture: fixture as never, run: 0 }, transactions, true);
    cells[variant.key] = { counted, medianMs: 0, medianCpuMs: 0 };
  }
  // Without a full GC, the first runs are untimed: V8 is still compiling (see STEADY_WARM_UPS).
  const untimed = gc === 'none' ? STEADY_WARM_UPS : 0;
  for (let step = 0; step < untimed + runs; step++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (k + step) % variants.length;
      if (freshPerRun) backends[i] = await fresh(variants[i]!.key);
      const { t, ids: fixture } = backends[i]!;
      if (gc !== 'none') collectGarbage(gc);
      const sample = await runWorkload(
        t,
        variants[i]!.fn,
        { fixture: fixture as never, run: step + 1 },
        transactions,
        false,
      );
      if (step < untimed) continue;
      times[i]!.wall.push(sample.ms);
      times[i]!.cpu.push(sample.cpuMs);
    }
  }
  for (const [i, variant] of variants.entries()) {
    Object.assign(cells[variant.key], { medianMs: median(times[i]!.wall), medianCpuMs: median(times[i]!.cpu) });
  }
  return cells;
}

/** Runs both row-change workloads: run 0 counted, runs 1..N timed and interleaved. */
export async function runRowChanges(config: BenchConfig): Promise<RowChangeResults> {
  const listTasks = config.inserts;
  return {
    trigger: await measureVariants(triggerVariants(config.inserts), config.runs, () => backend(0, 0), true),
    triggerAfterMinorGc: await measureVariants(
      triggerVariants(config.inserts),
      config.runs,
      () => backend(0, 0),
      true,
      1,
      'minor',
    ),
    triggerWithoutForcedGc: await measureVariants(
      triggerVariants(config.inserts),
      config.runs,
      () => backend(0, 0),
      true,
      1,
      'none',
    ),
    softDeletedList: await measureVariants(listVariants, config.runs, () => backend(listTasks, 10), false),
    listTasks,
  };
}

const ratio = (value: number) => `${value.toFixed(2)}×`;

/** A markdown table of one workload's cells (the floor's first), ratios against the floor. */
export function cellTable(cells: { floor: RowChangeCell } & Record<string, RowChangeCell>): string[] {
  const { floor } = cells;
  const row = (label: string, cell: RowChangeCell) =>
    `| ${label} | ${cell.counted.documents} | ${cell.counted.ranges} | ${cell.counted.documentsWritten} | ${cell.counted.rows} | ${cell.medianMs.toFixed(1)} ms (${ratio(cell.medianMs / floor.medianMs)}) | ${cell.medianCpuMs.toFixed(1)} ms (${ratio(cell.medianCpuMs / floor.medianCpuMs)}) |`;
  return [
    '| contender | documents read | ranges | documents written | rows returned | median wall (ratio) | median CPU (ratio) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(cells).map(([label, cell]) => row(label, cell)),
  ];
}

/** The markdown section of the results. */
export function renderRowChanges(results: RowChangeResults, inserts: number): string[] {
  return [
    '## Row changes: triggers and soft delete',
    '',
    `Insert ${inserts} tasks with an \`afterInsert\` trigger that increments the project's \`taskCount\` (one \`insert(...).values(rows)\`; the hook reads the project and updates it through \`ctx.db\`), against the floor doing the same inline (insert, \`get\`, \`patch\` per task) and convex-helpers' \`Triggers\` (one \`insert\` per task through \`wrapDB(ctx).db\`, its trigger doing \`get\` + \`patch\`). A forced full GC (\`gc()\`) before each run:`,
    '',
    ...cellTable(results.trigger),
    '',
    `The same after a minor GC (a scavenge of the young generation only, \`gc({ type: 'minor' })\`) before each run:`,
    '',
    ...cellTable(results.triggerAfterMinorGc),
    '',
    `The same with no GC asked before each run (steady: V8 collects when it decides, as in a long-lived process), after ${STEADY_WARM_UPS} untimed runs per contender:`,
    '',
    ...cellTable(results.triggerWithoutForcedGc),
    '',
    `List 20 tasks of a project with ${results.listTasks} tasks, 10% of them soft-deleted (\`findMany({ where: { projectId }, limit: 20 })\`; the ORM adds \`deletedAt isNull\` and reads index \`by_project (projectId, deletedAt)\`), against the floor reading the same range:`,
    '',
    ...cellTable(results.softDeletedList),
    '',
  ];
}

/** The summary lines. */
export function rowChangeTargets(results: RowChangeResults): string[] {
  const { trigger, triggerAfterMinorGc: minor, triggerWithoutForcedGc: natural, softDeletedList } = results;
  const wall = trigger['convex-orm'].medianMs / trigger.floor.medianMs;
  const cpu = trigger['convex-orm'].medianCpuMs / trigger.floor.medianCpuMs;
  const cpuRatio = (cells: typeof trigger, key: keyof typeof trigger) =>
    ratio(cells[key].medianCpuMs / cells.floor.medianCpuMs);
  const reads = (cell: RowChangeCell) => `${cell.counted.documents}/${cell.counted.ranges}`;
  const list = softDeletedList;
  const floorReads = list['convex-orm'].counted.documents === list.floor.counted.documents;
  return [
    `- trigger workload: ${ratio(wall)} wall / ${ratio(cpu)} CPU the floor's time ${wall <= 1.2 && cpu <= 1.2 ? '✓' : '✗ (target ≤ 1.20×)'}; reads ${reads(trigger['convex-orm'])} vs the floor's ${reads(trigger.floor)}, writes ${trigger['convex-orm'].counted.documentsWritten} vs ${trigger.floor.counted.documentsWritten}`,
    `- trigger workload, CPU against the floor's: convex-orm ${cpuRatio(trigger, 'convex-orm')} and convex-helpers' Triggers ${cpuRatio(trigger, 'convex-helpers')} with a full GC before each run; ${cpuRatio(minor, 'convex-orm')} and ${cpuRatio(minor, 'convex-helpers')} after a minor GC; ${cpuRatio(natural, 'convex-orm')} and ${cpuRatio(natural, 'convex-helpers')} steady (no GC asked)`,
    `- soft-deleted list: reads ${reads(list['convex-orm'])} vs the floor's ${reads(list.floor)} ${floorReads ? '✓' : '✗'}`,
  ];
}
