import { describe, expect, it } from 'vitest';
import type { BackfillStep } from '../../src/aggregate/backfill';
import { runCli } from '../../src/cli/main';
import type { MigrationTransport } from '../../src/cli/transport';
import { captureIo, tempProject } from './io';

describe('convex-orm aggregate backfill', () => {
  it('calls backfillAggregates batch by batch until every index is ready', async () => {
    const steps: BackfillStep[] = [
      { batch: { table: 'posts', index: 'by_author', processed: 100, status: 'building' }, remaining: 2 },
      { batch: { table: 'posts', index: 'by_author', processed: 7, status: 'ready' }, remaining: 1 },
      { batch: { table: 'posts', index: 'all', processed: 0, status: 'ready' }, remaining: 0 },
      { batch: null, remaining: 0 },
    ];
    const calls: unknown[] = [];
    const transport: MigrationTransport = {
      call: async (name, args) => {
        calls.push([name, args]);
        return steps.shift();
      },
    };
    const transports: object[] = [];
    const { io, output } = captureIo(tempProject(), transport, { transports });
    expect(await runCli(['aggregate', 'backfill', '--prod', '--batch-size', '100'], io)).toBe(0);
    expect(calls).toEqual(Array.from({ length: 4 }, () => ['backfillAggregates', { batchSize: 100 }]));
    expect(transports).toEqual([{ module: 'migrations', prod: true }]);
    expect(output.stdout).toBe(
      '  ✓ posts.by_author ready\n  ✓ posts.all ready\nAggregate indexes ready after 3 batches.\n',
    );
  });
});
