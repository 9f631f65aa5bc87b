// @vitest-environment node
// A dry run that fails or is canceled is named as the dry run, and its advice is the dry run's:
// run `migrate up --dry-run` again, which starts over from the first document (a dry run commits
// no batch and records no migration state: docs/migrations.md). The real run's advice ("resumes
// from the last committed batch", "run it again to resume") would be false, and the command it
// names would apply the migration instead of previewing it.
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../example/convex/_generated/dataModel';
import { summary } from '../../src/cli/format';
import { runCli } from '../../src/cli/main';
import { migrationBackend, seedTodos, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo, tempProject } from './io';

const failing = defineMigration<DataModel>({
  id: '20260101_000000_fails_on_todo_3',
  up: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => {
      if (doc.title === 'todo 3') throw new Error('cursed');
      return { title: `${doc.title}!` };
    },
  },
});

describe('the advice printed when a dry run fails', () => {
  it('tells to run the dry run again, not the real run, and promises no resume', async () => {
    const backend = migrationBackend(defineMigrationSet([{ migration: failing, checksum: 'v1' }]));
    await seedTodos(backend.t, 5);
    const { io, output } = captureIo(tempProject({ functionsModule: TEST_MODULE }), backend.transport);
    expect(await runCli(['migrate', 'up', '--dry-run', '--batch-size', '2'], io)).toBe(1);
    expect(output.stderr).toMatch(/failed/);
    // The advice names the command the user ran: the dry run.
    expect(output.stderr).toMatch(/migrate up --dry-run/);
    // A dry run committed no batch: nothing resumes from one.
    expect(output.stderr).not.toMatch(/resumes from the last committed batch/);
  });

  it('a canceled dry run promises no resume', () => {
    const lines = summary(
      {
        runId: 'mr_x',
        direction: 'up',
        status: 'canceled',
        dryRun: true,
        migrationIds: ['20260101_000000_a'],
        currentIndex: 0,
        chunks: 1,
        batchSize: null,
        startedAt: 0,
        updatedAt: 0,
        completedAt: 0,
        cancelRequested: true,
        lastError: null,
        lastErrorDocumentId: null,
        progress: [{ migrationId: '20260101_000000_a', status: 'canceled', processed: 2, changed: 2 }],
      },
      0,
    ).join('\n');
    expect(lines).not.toMatch(/resume/);
  });
});
