// @vitest-environment node
//
// `migrate up` (and so `deploy`) starts the run on the deployment, then polls `status` to follow
// it. A failed poll (`npx convex run ...:status` exiting non-zero: a network blip, an expired token,
// a deploy in progress) is retried; after 3 failures in a row the command stops waiting, exits 1
// with the transport's error, and says that the run (named) may still be running on the deployment
// and how to follow it: its chunks are scheduled functions, unaffected by the CLI, as when waiting
// times out ("run <id> goes on. See `convex-orm migrate status`").
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors';
import { runCli } from '../../src/cli/main';
import { captureIo, tempProject } from './io';

const MIGRATION = '20260101_000000_backfill';
const running = {
  runId: 'mr_1',
  direction: 'up',
  status: 'running',
  dryRun: false,
  migrationIds: [MIGRATION],
  currentIndex: 0,
  chunks: 1,
  batchSize: 256,
  startedAt: 0,
  updatedAt: 0,
  completedAt: null,
  cancelRequested: false,
  lastError: null,
  lastErrorDocumentId: null,
  progress: [{ migrationId: MIGRATION, status: 'running', processed: 256, changed: 10 }],
};
const completed = {
  ...running,
  status: 'completed',
  completedAt: 1,
  progress: [{ migrationId: MIGRATION, status: 'completed', processed: 300, changed: 12 }],
};

/** A deployment whose status calls fail where `fails(poll)` says (polls counted from 1), and that completes the run at the 4th good one. */
function deployment(fails: (poll: number) => boolean) {
  let polls = 0;
  let good = 0;
  return {
    call: async (name: string) => {
      if (name === 'run')
        return { status: 'running', runId: 'mr_1', migrationIds: [MIGRATION], dryRun: false, alreadyActive: false };
      polls++;
      if (fails(polls)) throw new CliError('npx convex run migrations:status {"runId":"mr_1"} failed:\nfetch failed');
      good++;
      const run = good >= 4 ? completed : running;
      return { run, activeRun: run };
    },
  };
}

describe('migrate up: status polls that fail while the run goes on', () => {
  it('retries a failed poll and follows the run to its end', async () => {
    const { io, output } = captureIo(
      tempProject(),
      deployment((poll) => poll === 2 || poll === 3),
      {
        onSleep: async () => {},
      },
    );
    expect(await runCli(['migrate', 'up'], io)).toBe(0);
    expect(output.stdout).toContain('Migrate up completed');
    expect(output.stderr).toBe('');
  });

  it('after 3 failures in a row: exit 1 naming the run, saying it may still be running, pointing at migrate status', async () => {
    const { io, output } = captureIo(
      tempProject(),
      deployment((poll) => poll >= 2),
      { onSleep: async () => {} },
    );
    expect(await runCli(['migrate', 'up'], io)).toBe(1);
    const said = output.stdout + output.stderr;
    expect(said).toContain('fetch failed');
    expect(said).toMatch(/3 status calls in a row failed\. Run mr_1 may still be running on the deployment/);
    expect(said).toContain('`convex-orm migrate status`');
  });
});
