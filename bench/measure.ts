import { createHook } from 'node:async_hooks';
import { countReads } from 'convex-orm/testing';
import type { Backend } from './backend.js';
import type { BenchCtx, RunInput, WorkloadFn } from './contender.js';

/** The figures of one workload run (all its transactions summed). */
export type Sample = {
  documents: number;
  ranges: number;
  bytesRead: number;
  /** Documents read by the whole transaction (Convex's metrics): `documents` plus what components read. */
  documentsReadTotal: number;
  documentsWritten: number;
  /** Rows the workload returned (a sanity check against the floor). */
  rows: number;
  ms: number;
  /** CPU time of this process over the same span (user + system): robust to other processes on the machine. */
  cpuMs: number;
  /** Promises the workload created (with `countPromises`): each one costs AsyncLocalStorage propagation in convex-test. */
  promises: number | null;
};

const rowCount = (result: unknown): number => {
  if (Array.isArray(result)) return result.length;
  if (result && typeof result === 'object' && Array.isArray((result as { page?: unknown }).page)) {
    return (result as { page: unknown[] }).page.length;
  }
  return result === null || result === undefined ? 0 : 1;
};

/**
 * Runs one workload as `transactions` consecutive `t.run` transactions. With
 * `counted`, the db is wrapped by the read counter and the transaction
 * metrics are read; otherwise only the handler's wall time is measured,
 * unwrapped, so the counter costs nothing in the timings. `countPromises`
 * counts the promises the handler creates (a diagnostic run, not timed).
 */
export async function runWorkload(
  t: Backend,
  fn: WorkloadFn,
  input: Omit<RunInput, 'previous'>,
  transactions: number,
  counted: boolean,
  countPromises = false,
): Promise<Sample> {
  const sample: Sample = {
    documents: 0,
    ranges: 0,
    bytesRead: 0,
    documentsReadTotal: 0,
    documentsWritten: 0,
    rows: 0,
    ms: 0,
    cpuMs: 0,
    promises: countPromises ? 0 : null,
  };
  let promises = 0;
  const hook = countPromises
    ? createHook({
        init(_id, type) {
          if (type === 'PROMISE') promises += 1;
        },
      })
    : undefined;
  let previous: unknown;
  for (let step = 0; step < transactions; step++) {
    await t.run(async (ctx) => {
      const before = counted ? await ctx.meta.getTransactionMetrics() : undefined;
      const wrapped = counted ? countReads(ctx) : undefined;
      const cpu = process.cpuUsage();
      const start = performance.now();
      hook?.enable();
      const result = await fn((wrapped?.ctx ?? ctx) as unknown as BenchCtx, { ...input, previous });
      hook?.disable();
      sample.ms += performance.now() - start;
      const cpuUsed = process.cpuUsage(cpu);
      sample.cpuMs += (cpuUsed.user + cpuUsed.system) / 1000;
      previous = result;
      sample.rows += rowCount(result);
      if (before && wrapped) {
        const after = await ctx.meta.getTransactionMetrics();
        sample.documents += wrapped.reads.documents;
        sample.ranges += wrapped.reads.ranges;
        sample.bytesRead += after.bytesRead.used - before.bytesRead.used;
        sample.documentsReadTotal += after.documentsRead.used - before.documentsRead.used;
        sample.documentsWritten += after.documentsWritten.used - before.documentsWritten.used;
      }
    });
  }
  if (countPromises) sample.promises = promises;
  return sample;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
