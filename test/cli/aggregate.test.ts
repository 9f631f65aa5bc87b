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

describe("convex-orm.json's batch size", () => {
  for (const [section, batchSize] of [
    ['deploy', 0],
    ['dev', 0.5],
  ] as const) {
    it(`${section}.migrations.batchSize ${batchSize} is a usage error before any call`, async () => {
      const calls: unknown[] = [];
      const transport: MigrationTransport = { call: async (name, args) => calls.push([name, args]) };
      const { io, output } = captureIo(tempProject({ [section]: { migrations: { batchSize } } }), transport);
      expect(await runCli(['aggregate', 'backfill'], io)).toBe(2);
      expect(output.stderr).toBe(
        `convex-orm.json: ${section}.migrations.batchSize must be a positive integer up to 16000, got ${batchSize}.\n`,
      );
      expect(calls).toEqual([]);
    });
  }
});

describe('convex-orm aggregate repair', () => {
  function scripted(steps: BackfillStep[]) {
    const calls: unknown[] = [];
    const transport: MigrationTransport = {
      call: async (name, args) => {
        calls.push([name, args]);
        if (name === 'repairAggregates') return { indexes: [{ table: 'posts', index: 'by_author' }] };
        return steps.shift();
      },
    };
    return { transport, calls };
  }

  it('starts the repair of the chosen index, then runs the backfill until every index is ready', async () => {
    const { transport, calls } = scripted([
      { batch: { table: 'posts', index: 'by_author', processed: 50, status: 'clearing' }, remaining: 1 },
      { batch: { table: 'posts', index: 'by_author', processed: 3, status: 'building' }, remaining: 1 },
      { batch: { table: 'posts', index: 'by_author', processed: 20, status: 'ready' }, remaining: 0 },
      { batch: null, remaining: 0 },
    ]);
    const transports: object[] = [];
    const { io, output } = captureIo(tempProject(), transport, { transports });
    const argv = ['aggregate', 'repair', '--table', 'posts', '--index', 'by_author', '--prod', '--batch-size', '50'];
    expect(await runCli(argv, io)).toBe(0);
    expect(calls).toEqual([
      ['repairAggregates', { table: 'posts', index: 'by_author' }],
      ...Array.from({ length: 4 }, () => ['backfillAggregates', { batchSize: 50 }]),
    ]);
    expect(transports).toEqual([
      { module: 'migrations', prod: true },
      { module: 'migrations', prod: true },
    ]);
    expect(output.stdout).toBe(
      '  · posts.by_author: rebuilding\n  ✓ posts.by_author ready\nAggregate indexes ready after 3 batches.\n',
    );
  });

  it('without --table / --index repairs every aggregate index of the dev deployment', async () => {
    const { transport, calls } = scripted([{ batch: null, remaining: 0 }]);
    const transports: object[] = [];
    const { io } = captureIo(tempProject(), transport, { transports });
    expect(await runCli(['aggregate', 'repair'], io)).toBe(0);
    expect(calls[0]).toEqual(['repairAggregates', {}]);
    expect(transports[0]).toEqual({ module: 'migrations', prod: false });
  });

  it.each([
    [['aggregate', 'repair', 'posts'], 'Unexpected argument "posts".'],
    [
      ['aggregate', 'repair', '--table'],
      'Option --table needs a value (a value starting with "-" as --table=<value>).',
    ],
    [
      ['aggregate', 'repair', '--shard', '2'],
      'Unknown option --shard for `aggregate repair`. See `convex-orm aggregate repair --help`.',
    ],
  ])('%j is a usage error before anything runs', async (argv, message) => {
    const { transport, calls } = scripted([]);
    const { io, output } = captureIo(tempProject(), transport);
    expect(await runCli(argv, io)).toBe(2);
    expect(output.stderr).toBe(`${message}\n`);
    expect(calls).toEqual([]);
  });
});
