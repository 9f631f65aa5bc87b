// @vitest-environment node
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../example/convex/_generated/dataModel';
import { runCli } from '../../src/cli/main';
import { migrationBackend, seedTodos, TEST_MODULE, todos } from '../convex/migrations/harness';
import { captureIo, tempProject } from './io';

// After a failed run, the advice `migrate up` prints matches what the next run does: fixing the
// migration is editing it, and an edited migration (its checksum changed) does not resume but
// starts over from its first document (docs/migrations.md, "Resume"), so a step that is not
// idempotent (appending, counting) applies twice to the documents the failed run committed.
const appendBang = (poison: string | null) =>
  defineMigration<DataModel>({
    id: '20260101_000000_append_bang',
    up: {
      table: 'todos',
      migrateOne: async (_ctx, doc) => {
        if (doc.title === poison) throw new Error('cursed');
        return { title: `${doc.title}!` };
      },
    },
  });

describe('the advice printed when a run fails', () => {
  it('does not promise a resume that the fix (an edit) turns into a restart', async () => {
    const backend = migrationBackend(defineMigrationSet([{ migration: appendBang('todo 3'), checksum: 'v1' }]));
    await seedTodos(backend.t, 5);
    const { io, output } = captureIo(tempProject({ functionsModule: TEST_MODULE }), backend.transport);
    expect(await runCli(['migrate', 'up', '--batch-size', '2'], io)).toBe(1);
    const advice = output.stderr;

    // The user does as told: fixes the migration (its checksum changes), deploys, runs up again.
    backend.deploy(defineMigrationSet([{ migration: appendBang(null), checksum: 'v2' }]));
    expect(await runCli(['migrate', 'up', '--batch-size', '2'], io)).toBe(0);
    // As documented, the edited migration started over: the batch the failed run committed got it twice.
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual([
      'todo 0!!',
      'todo 1!!',
      'todo 2!',
      'todo 3!',
      'todo 4!',
    ]);
    // The advice said so: an edited migration starts over.
    expect(advice).toMatch(/starts? over/);
  });
});
