import { describe, expect, it } from 'vitest';
import type { BackfillStep } from '../../src/aggregate/backfill';
import { runCli } from '../../src/cli/main';
import type { MigrationTransport } from '../../src/cli/transport';
import { captureIo, tempProject } from './io';

// On a terminal stdout and stderr share the screen. The live line ("\r\x1b[2K  posts.by_author: 100 rows
// counted in batch 1", no line break) must be cleared or ended before anything else is printed, errors
// included (liveStatus: "every other line must first erase it, or the two are glued together").
describe('the live status line on a terminal when the command fails', () => {
  it('aggregate backfill: a failing batch’s error is not printed onto the progress line', async () => {
    const steps: (BackfillStep | Error)[] = [
      { batch: { table: 'posts', index: 'by_author', processed: 100, status: 'building' }, remaining: 1 },
      new Error('Server Error: backfillAggregates failed'),
    ];
    const transport: MigrationTransport = {
      call: async () => {
        const step = steps.shift();
        if (step instanceof Error) throw step;
        return step;
      },
    };
    const { io } = captureIo(tempProject(), transport);
    let terminal = '';
    const write = (text: string) => {
      terminal += text;
    };
    io.stdout = { isTTY: true, write };
    io.stderr = { isTTY: true, write };
    expect(await runCli(['aggregate', 'backfill'], io)).toBe(1);
    const screen = terminal
      .split('\n')
      .map((line) => line.split('\r\x1b[2K').at(-1))
      .filter((line) => line !== '');
    // The error on a line of its own, then the advice for a deployment without the function.
    expect(screen.slice(-2)).toEqual([
      'Server Error: backfillAggregates failed',
      expect.stringMatching(/^If the deployment has no `migrations:backfillAggregates`, export it/),
    ]);
  });
});
