import { seededBackend } from './backend.js';
import type { BenchConfig } from './config.js';
import type { Contender, ContenderKey, WorkloadId } from './contender.js';
import type { Dataset } from './data.js';
import { median, runWorkload, type Sample } from './measure.js';
import { workloads } from './workloads.js';

/** One workload × contender cell of the results. */
export type Cell =
  | {
      status: 'ok';
      counted: Sample;
      timesMs: number[];
      medianMs: number;
      cpuTimesMs: number[];
      medianCpuMs: number;
      /** The same runs' CPU after a minor GC instead of the full one (see {@link runWorkloads}); none (0) for workload 9. */
      cpuTimesAfterMinorGcMs: number[];
      medianCpuAfterMinorGcMs: number;
      /** The same runs' CPU with no GC asked before each, the steady state (see {@link runWorkloads}); none (0) for workload 9. */
      cpuTimesWithoutForcedGcMs: number[];
      medianCpuWithoutForcedGcMs: number;
      /** Promises one run creates (repeatable workloads, measured in a warm-up run). */
      promises: number | null;
    }
  | { status: 'missing'; reason: string }
  | { status: 'error'; reason: string };

export type WorkloadResults = Record<WorkloadId, Partial<Record<ContenderKey, Cell>>>;

/**
 * Runs workloads 1–9 for every contender, each on its own freshly seeded
 * backend: run 0 is counted (read-counting wrapper + transaction metrics),
 * runs 1..N are timed, interleaved across contenders (rotating who goes
 * first) so drift in the machine hits all of them alike, each after a full
 * GC (`gc()`); then runs 1..N again after a minor GC only, and again without
 * any, for CPU only (not workload 9, whose runs each delete another user). The
 * pass without a GC, after STEADY_WARM_UPS untimed runs, shows the steady state
 * of a long-lived process. `only` restricts the run to those workloads
 * (`npm run bench -- --only workloads=1,4`).
 */
export async function runWorkloads(
  contenders: Contender[],
  config: BenchConfig,
  data: Dataset,
  log: (line: string) => void,
  only?: ReadonlySet<WorkloadId>,
): Promise<WorkloadResults> {
  const results = {} as WorkloadResults;
  for (const workload of workloads) {
    if (workload.id === 10 || (only && !only.has(workload.id))) continue;
    const id = workload.id;
    const cells: Partial<Record<ContenderKey, Cell>> = {};
    const live: {
      contender: Contender;
      t: Awaited<ReturnType<typeof seededBackend>>;
      times: number[];
      cpuTimes: number[];
      cpuTimesAfterMinorGc: number[];
      cpuTimesWithoutForcedGc: number[];
    }[] = [];
    for (const contender of contenders) {
      const fn = contender.workloads[id];
      if (!fn) {
        cells[contender.key] = { status: 'missing', reason: contender.missing?.[id] ?? 'not expressible' };
        continue;
      }
      const backend = await seededBackend(contender.schema, config, data, workload.seed ?? 'base');
      try {
        const counted = await runWorkload(
          backend.t,
          fn,
          { fixture: backend.fixture, run: 0 },
          workload.transactions,
          true,
        );
        cells[contender.key] = {
          status: 'ok',
          counted,
          timesMs: [],
          medianMs: 0,
          cpuTimesMs: [],
          medianCpuMs: 0,
          cpuTimesAfterMinorGcMs: [],
          medianCpuAfterMinorGcMs: 0,
          cpuTimesWithoutForcedGcMs: [],
          medianCpuWithoutForcedGcMs: 0,
          promises: null,
        };
        live.push({
          contender,
          t: backend,
          times: [],
          cpuTimes: [],
          cpuTimesAfterMinorGc: [],
          cpuTimesWithoutForcedGc: [],
        });
      } catch (error) {
        cells[contender.key] = { status: 'error', reason: firstLine(error) };
      }
    }
    // Repeatable workloads: warm every contender up (JIT), then size samples
    // from the floor's warm time, the same number of repetitions for all.
    let repetitions = 1;
    if (workload.repeatable) {
      let floorWarmMs = SAMPLE_MS;
      for (const entry of live) {
        for (let i = 0; i < WARM_UPS; i++) {
          // The first warm-up also counts the promises the workload creates.
          const sample = await runWorkload(
            entry.t.t,
            entry.contender.workloads[id]!,
            { fixture: entry.t.fixture, run: 0 },
            workload.transactions,
            false,
            i === 0,
          );
          if (i === 0) (cells[entry.contender.key] as Cell & { status: 'ok' }).promises = sample.promises;
          if (entry.contender.key === 'floor') floorWarmMs = sample.ms;
        }
      }
      repetitions = Math.min(100, Math.max(1, Math.ceil(SAMPLE_MS / floorWarmMs)));
    }
    // Workload 9 deletes a different user on each run and has one per run only: no further pass.
    // The steady pass starts with untimed runs: after the last forced GC, V8 is still compiling.
    const steady = workload.repeatable || workload.seed === 'users';
    const passes = steady ? 3 * config.runs + STEADY_WARM_UPS : config.runs;
    for (let pass = 0; pass < passes; pass++) {
      const gc: GcBeforeRun = pass < config.runs ? 'forced' : pass < 2 * config.runs ? 'minor' : 'none';
      const timed = gc !== 'none' || pass >= 2 * config.runs + STEADY_WARM_UPS;
      const run = (pass % config.runs) + 1;
      // Each run starts with the next contender, so none is always first after a pause.
      const order = live.map((_, i) => live[(i + run) % live.length]!);
      for (const entry of order) {
        const fn = entry.contender.workloads[id]!;
        if (workload.seed === 'users') entry.t = await seededBackend(entry.contender.schema, config, data, 'users');
        if (gc !== 'none') collectGarbage(gc);
        let total = 0;
        let cpuTotal = 0;
        for (let repetition = 0; repetition < repetitions; repetition++) {
          const sample = await runWorkload(
            entry.t.t,
            fn,
            { fixture: entry.t.fixture, run },
            workload.transactions,
            false,
          );
          total += sample.ms;
          cpuTotal += sample.cpuMs;
        }
        if (gc === 'forced') {
          entry.times.push(total / repetitions);
          entry.cpuTimes.push(cpuTotal / repetitions);
        } else if (gc === 'minor') entry.cpuTimesAfterMinorGc.push(cpuTotal / repetitions);
        else if (timed) entry.cpuTimesWithoutForcedGc.push(cpuTotal / repetitions);
      }
    }
    for (const entry of live) {
      const cell = cells[entry.contender.key];
      if (cell?.status === 'ok') {
        Object.assign(cell, {
          timesMs: entry.times,
          medianMs: median(entry.times),
          cpuTimesMs: entry.cpuTimes,
          medianCpuMs: median(entry.cpuTimes),
          cpuTimesAfterMinorGcMs: entry.cpuTimesAfterMinorGc,
          medianCpuAfterMinorGcMs: entry.cpuTimesAfterMinorGc.length > 0 ? median(entry.cpuTimesAfterMinorGc) : 0,
          cpuTimesWithoutForcedGcMs: entry.cpuTimesWithoutForcedGc,
          medianCpuWithoutForcedGcMs:
            entry.cpuTimesWithoutForcedGc.length > 0 ? median(entry.cpuTimesWithoutForcedGc) : 0,
        });
      }
    }
    results[id] = cells;
    log(`workload ${id} done`);
  }
  return results;
}

/**
 * A sample of a repeatable workload averages back-to-back repetitions lasting
 * about SAMPLE_MS (for the floor), so one GC pause or scheduler hiccup cannot
 * dominate it.
 */
const SAMPLE_MS = 50;
const WARM_UPS = 3;

/**
 * Untimed runs per contender before the runs without the forced GC are timed:
 * the first runs after a full GC still recompile (V8 logs compilations for about
 * five runs of the trigger workload with `--trace-opt`), which is the cost after
 * a full GC, measured by the first pass, not the steady state.
 */
export const STEADY_WARM_UPS = 5;

/**
 * The GC before a run: `forced` is what `gc()` does, a full (mark-compact) GC; `minor` a scavenge
 * of the young generation only (`gc({ type: 'minor' })`; Node 20's `gc()` takes no option asking for
 * another kind of major GC: `gc({ type: 'major' })` runs a scavenge too, as `--trace-gc` shows).
 * `none`: V8 collects when it decides (the steady state).
 */
export type GcBeforeRun = 'forced' | 'minor' | 'none';

/** Runs a GC between samples when node runs with --expose-gc (`npm run bench` does). */
export const collectGarbage = (kind: Exclude<GcBeforeRun, 'none'> = 'forced') =>
  (globalThis as { gc?: (options?: object) => void }).gc?.(kind === 'minor' ? { type: 'minor' } : undefined);

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
