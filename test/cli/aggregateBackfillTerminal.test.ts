import { describe, expect, it } from 'vitest';
import type { BackfillStep } from '../../src/aggregate/backfill';
import { runCli } from '../../src/cli/main';
import type { MigrationTransport } from '../../src/cli/transport';
import { captureIo, tempProject } from './io';

// On a terminal the backfill shows a live line ("\r\x1b[2K  posts.by_author: 100 rows counted in
// batch 1"), as migrate up does. A line printed after it must first clear it (migrate up's
// waitForRun writes "\r\x1b[2K" before each), else "✓ ... ready" is glued to the progress text.
describe('aggregate backfill on a terminal', () => {
  it('clears the live progress line before printing an index as ready and the summary', async () => {
    const steps: BackfillStep[] = [
      { batch: { table: 'posts', index: 'by_author', processed: 100, status: 'building' }, remaining: 1 },
      { batch: { table: 'posts', index: 'by_author', processed: 7, status: 'ready' }, remaining: 0 },
      { batch: { table: 'posts', index: 'all', processed: 100, status: 'building' }, remaining: 1 },
      { batch: null, remaining: 0 },
    ];
    const transport: MigrationTransport = { call: async () => steps.shift() };
    const { io, output } = captureIo(tempProject(), transport);
    io.stdout.isTTY = true;
    expect(await runCli(['aggregate', 'backfill'], io)).toBe(0);
    // What the terminal shows once each "\r\x1b[2K" has cleared its line.
    const screen = output.stdout
      .split('\n')
      .map((line) => line.split('\r\x1b[2K').at(-1))
      .join('\n');
    expect(screen).toBe('  ✓ posts.by_author ready\nAggregate indexes ready after 3 batches.\n');
  });
});
