import type { BackfillStep } from '../aggregate/backfill.js';
import type { RepairStart, RepairTarget } from '../aggregate/repair.js';
import type { CliConfig } from './config.js';
import { adviseExport } from './exportAdvice.js';
import type { CliIo } from './io.js';
import { withLiveStatus } from './liveStatus.js';

/**
 * `aggregate backfill [--prod]`: calls the deployment's `backfillAggregates` batch by batch
 * (each its own transaction, resumable) until every aggregate index is ready.
 */
export async function aggregateBackfill(
  io: CliIo,
  config: CliConfig,
  options: { prod: boolean; batchSize: number; deployment?: readonly string[] },
): Promise<number> {
  const transport = io.transport({
    module: config.functionsModule,
    prod: options.prod,
    deployment: options.deployment,
  });
  return withLiveStatus(io.stdout, async (live) => {
    let batches = 0;
    for (;;) {
      const step = (await transport
        .call('backfillAggregates', { batchSize: options.batchSize })
        .catch(adviseExport(config, 'backfillAggregates'))) as BackfillStep;
      if (step.batch === null) {
        live.line(
          batches === 0 ? 'Aggregate indexes: all ready.' : `Aggregate indexes ready after ${batches} batches.`,
        );
        return 0;
      }
      batches++;
      const { table, index, processed, status } = step.batch;
      const cleared = status === 'clearing' || status === 'removed';
      const done = cleared ? `${processed} buckets cleared` : `${processed} rows counted`;
      if (status === 'ready') live.line(`  ✓ ${table}.${index} ready`);
      else live.show(`  ${table}.${index}: ${done} in batch ${batches}`);
    }
  });
}

/**
 * `aggregate repair [--table t] [--index name] [--prod]`: marks the chosen aggregate indexes
 * for a rebuild through the deployment's `repairAggregates` (reads fall back to the bounded
 * scan from then on), then runs the backfill, which clears their buckets and counts every
 * row again in batches. Interrupted, `aggregate backfill` resumes it.
 */
export async function aggregateRepair(
  io: CliIo,
  config: CliConfig,
  options: { prod: boolean; batchSize: number } & RepairTarget,
): Promise<number> {
  const transport = io.transport({ module: config.functionsModule, prod: options.prod });
  const target = {
    ...(options.table === undefined ? {} : { table: options.table }),
    ...(options.index === undefined ? {} : { index: options.index }),
  };
  const start = (await transport
    .call('repairAggregates', target)
    .catch(adviseExport(config, 'repairAggregates'))) as RepairStart;
  for (const { table, index } of start.indexes) io.stdout.write(`  · ${table}.${index}: rebuilding\n`);
  return aggregateBackfill(io, config, options);
}
