import type { BackfillStep } from '../aggregate/backfill.js';
import type { CliConfig } from './config.js';
import type { CliIo } from './io.js';

/**
 * `aggregate backfill [--prod]`: calls the deployment's `backfillAggregates` batch by batch
 * (each its own transaction, resumable) until every aggregate index is ready.
 */
export async function aggregateBackfill(
  io: CliIo,
  config: CliConfig,
  options: { prod: boolean; batchSize: number },
): Promise<number> {
  const transport = io.transport({ module: config.functionsModule, prod: options.prod });
  let batches = 0;
  for (;;) {
    const step = (await transport.call('backfillAggregates', { batchSize: options.batchSize })) as BackfillStep;
    if (step.batch === null) {
      io.stdout.write(
        batches === 0 ? 'Aggregate indexes: all ready.\n' : `Aggregate indexes ready after ${batches} batches.\n`,
      );
      return 0;
    }
    batches++;
    const { table, index, processed, status } = step.batch;
    if (status === 'ready') io.stdout.write(`  ✓ ${table}.${index} ready\n`);
    else if (io.stdout.isTTY)
      io.stdout.write(`\r\x1b[2K  ${table}.${index}: ${processed} rows counted in batch ${batches}`);
  }
}
