// @vitest-environment node
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DataModel } from '../../example/convex/_generated/dataModel';
import { runCli } from '../../src/cli/main';
import { backfillPriority, shoutTitles, tagTitles } from '../convex/migrations/fixtures';
import { migrationBackend, seedTodos, TEST_MODULE, todos } from '../convex/migrations/harness';
import { captureIo, stable, tempProject } from './io';

const project = () => tempProject({ functionsModule: TEST_MODULE });
const tag = tagTitles('20260102_000000_tag_titles', 'v2');
const oneWay = tagTitles('20260102_000000_tag_titles', 'v2', { reversible: false });

async function cli(backend: ReturnType<typeof migrationBackend>, argv: string[], onSleep?: () => Promise<void>) {
  const { io, output } = captureIo(project(), backend.transport, onSleep ? { onSleep } : {});
  const code = await runCli(argv, io);
  return { code, stdout: stable(output.stdout), stderr: stable(output.stderr) };
}

describe('convex-orm migrate (in-process transport, state kept across commands)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('status, dry run, up, status, down: output and exit codes', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority, tag]));
    await seedTodos(backend.t, 10);

    expect(await cli(backend, ['migrate', 'status'])).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "Applied (0):
      Pending (2):
        · 20260101_000000_backfill_priority
        · 20260102_000000_tag_titles
      Active run: none
      Last run: none
      Drift: none
      ",
      }
    `);
    expect(await cli(backend, ['migrate', 'up', '--dry-run', '--batch-size', '4'])).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "Started dry run mr_<run>: up 20260101_000000_backfill_priority, 20260102_000000_tag_titles
        ✓ 20260101_000000_backfill_priority  dry_run  10 processed, 5 would change
        ✓ 20260102_000000_tag_titles  dry_run  10 processed, 10 would change
      Dry run of migrate up: 2 migrations, 20 documents processed, 15 would change, 6 chunks in 0.0s. Nothing was written.
        20260101_000000_backfill_priority 000000000000000000000010000todos: {} → {"priority":"medium"}
        20260101_000000_backfill_priority 000000000000000000000010002todos: {} → {"priority":"medium"}
        20260101_000000_backfill_priority 000000000000000000000010004todos: {} → {"priority":"medium"}
        20260102_000000_tag_titles 000000000000000000000010000todos: {"title":"todo 0"} → {"title":"todo 0 v2"}
        20260102_000000_tag_titles 000000000000000000000010001todos: {"title":"todo 1"} → {"title":"todo 1 v2"}
        20260102_000000_tag_titles 000000000000000000000010002todos: {"title":"todo 2"} → {"title":"todo 2 v2"}
      ",
      }
    `);
    expect((await todos(backend.t)).filter((todo) => todo.priority == null)).toHaveLength(5);
    expect(await cli(backend, ['migrate', 'up', '--batch-size', '4'])).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "Started run mr_<run>: up 20260101_000000_backfill_priority, 20260102_000000_tag_titles
        ✓ 20260101_000000_backfill_priority  completed  10 processed, 5 changed
        ✓ 20260102_000000_tag_titles  completed  10 processed, 10 changed
      Migrate up completed: 2 migrations, 20 documents processed, 15 changed, 6 chunks in 0.0s.
      ",
      }
    `);
    expect(await cli(backend, ['migrate', 'up'])).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "Nothing to migrate up: every migration is applied.
      ",
      }
    `);
    expect(await cli(backend, ['migrate', 'status'])).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "Applied (2):
        ✓ 20260101_000000_backfill_priority
        ✓ 20260102_000000_tag_titles
      Pending (0):
      Active run: none
      Last run mr_<run>: up completed, 2 migrations, 20 documents processed, 15 changed
      Drift: none
      ",
      }
    `);
    expect(await cli(backend, ['migrate', 'down'])).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "Started run mr_<run>: down 20260102_000000_tag_titles
        ✓ 20260102_000000_tag_titles  completed  10 processed, 10 changed
      Migrate down completed: 1 migration, 10 documents processed, 10 changed, 1 chunk in 0.0s.
      ",
      }
    `);
    expect(await cli(backend, ['migrate', 'up'])).toMatchObject({ code: 0 });
    expect(await cli(backend, ['migrate', 'down', '--to', backfillPriority.id])).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "Started run mr_<run>: down 20260102_000000_tag_titles
        ✓ 20260102_000000_tag_titles  completed  10 processed, 10 changed
      Migrate down completed: 1 migration, 10 documents processed, 10 changed, 1 chunk in 0.0s.
      ",
      }
    `);
  });

  it('a failed run exits 1 naming the document (0 with --no-strict); up resumes', async () => {
    let poisoned = true;
    const failing = defineMigration<DataModel>({
      id: '20260101_000000_fails_once',
      up: {
        table: 'todos',
        migrateOne: async (_ctx, doc) => {
          if (poisoned && doc.title === 'todo 3') throw new Error('title is cursed');
          return { title: doc.title.toUpperCase() };
        },
      },
    });
    const backend = migrationBackend(defineMigrationSet([failing]));
    await seedTodos(backend.t, 5);
    const id = (await todos(backend.t))[3]!._id;
    const failed = await cli(backend, ['migrate', 'up', '--batch-size', '2']);
    expect(failed.code).toBe(1);
    expect(failed.stderr.replaceAll(id, '<doc>')).toMatchInlineSnapshot(`
      "Migrate up failed (document <doc>): Migration '20260101_000000_fails_once' (up) failed on document <doc> of table "todos": title is cursed
      Nothing of the failing batch was written. Fix the cause, deploy, and run \`convex-orm migrate up\` again: a migration whose code is unchanged resumes from the last committed batch; an edited one starts over from its first document, so the documents already migrated get its step again (harmless when the step sets values, not when it appends or counts).
      "
    `);
    expect((await cli(backend, ['migrate', 'status'])).stdout.replaceAll(id, '<doc>')).toMatchInlineSnapshot(`
      "Applied (0):
      Pending (1):
        ◑ 20260101_000000_fails_once  partially applied (its up committed batches and did not complete): \`migrate up\` finishes it (\`migrate down\` under it is refused)
      Active run: none
      Last run mr_<run>: up failed on document <doc>: Migration '20260101_000000_fails_once' (up) failed on document <doc> of table "todos": title is cursed
      Drift: none
      Last failures:
        mr_<run> 20260101_000000_fails_once on document <doc>: Migration '20260101_000000_fails_once' (up) failed on document <doc> of table "todos": title is cursed
      "
    `);
    poisoned = false;
    const resumed = await cli(backend, ['migrate', 'up', '--batch-size', '2', '--no-strict']);
    expect(resumed).toMatchObject({ code: 0, stderr: '' });
    expect(resumed.stdout).toContain('Migrate up completed: 1 migration, 5 documents processed, 5 changed, 2 chunks');
  });

  it('drift blocks with exit 1 when strict, 0 with --no-strict, runs with --allow-drift', async () => {
    const backend = migrationBackend(defineMigrationSet([{ migration: backfillPriority, checksum: 'old' }]));
    await seedTodos(backend.t, 2);
    await cli(backend, ['migrate', 'up']);
    backend.deploy(defineMigrationSet([{ migration: backfillPriority, checksum: 'new' }, tag]));
    expect(await cli(backend, ['migrate', 'up'])).toMatchInlineSnapshot(`
      {
        "code": 1,
        "stderr": "Drift detected; the run was blocked:
        checksum_mismatch: Applied migration '20260101_000000_backfill_priority' checksum drift detected. Revert the edit and write a new migration instead.
      Write a new migration instead of editing applied ones, or pass --allow-drift to override.
      ",
        "stdout": "",
      }
    `);
    expect((await cli(backend, ['migrate', 'up', '--no-strict'])).code).toBe(0);
    const allowed = await cli(backend, ['migrate', 'up', '--allow-drift']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('Migrate up completed');
  });

  it('cancel: --no-wait returns at once, cancel stops the run after its batch, a waiting up exits 1', async () => {
    vi.useFakeTimers();
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 12);
    expect(await cli(backend, ['migrate', 'cancel'])).toEqual({
      code: 0,
      stdout: 'Nothing to cancel: no active run.\n',
      stderr: '',
    });
    const started = await cli(backend, ['migrate', 'up', '--no-wait', '--batch-size', '4']);
    expect(started).toMatchInlineSnapshot(`
      {
        "code": 0,
        "stderr": "",
        "stdout": "Started run mr_<run>: up 20260101_000000_backfill_priority
      Not waiting (--no-wait). Follow it with \`convex-orm migrate status\`.
      ",
      }
    `);
    await backend.step();
    let polls = 0;
    const waiting = await cli(backend, ['migrate', 'up', '--batch-size', '4'], async () => {
      if (++polls === 1) expect((await cli(backend, ['migrate', 'cancel'])).stdout).toMatch(/^Cancel requested/);
      await backend.step();
    });
    expect(waiting).toMatchInlineSnapshot(`
      {
        "code": 1,
        "stderr": "Migrate up canceled: 1 migration, 4 documents processed, 2 changed, 1 chunk in 0.0s. Run it again to resume where it stopped.
      ",
        "stdout": "Run mr_<run> is already active; following it instead of starting another.
        ■ 20260101_000000_backfill_priority  canceled  4 processed, 2 changed
      ",
      }
    `);
    expect((await cli(backend, ['migrate', 'status'])).stdout).toContain(
      'Active run: none\nLast run mr_<run>: up canceled, 1 migration, 4 documents processed, 2 changed\n',
    );
  });

  it('refuses to follow an active run of another kind: exit 1, naming the run and what to do', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 4);
    const dry = await backend.start({ direction: 'up', dryRun: true });
    expect(await cli(backend, ['migrate', 'up'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Run mr_<run> (a dry run of migrate up) is already active, so migrate up did not start. Wait for it to end (`convex-orm migrate status`) or cancel it (`convex-orm migrate cancel`), then run this again.\n',
    });
    expect((await backend.status()).pending).toEqual([backfillPriority.id]);
    // the same kind of run is followed
    const followed = await cli(backend, ['migrate', 'up', '--dry-run', '--no-wait']);
    expect(followed.code).toBe(0);
    expect(followed.stdout).toContain('is already active; following it');
    expect(dry.status === 'running' && (await backend.wait(dry.runId)).status).toBe('dry_run');

    // a deploy's automatic `migrate up` is running when the operator rolls back the last migration
    await backend.run({ direction: 'up' });
    backend.deploy(defineMigrationSet([backfillPriority, tag]));
    const up = await backend.start({ direction: 'up' });
    const down = await cli(backend, ['migrate', 'down', '--prod']);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(
      'Run mr_<run> (migrate up) is already active, so migrate down did not start. Wait for it to end (`convex-orm migrate status --prod`) or cancel it (`convex-orm migrate cancel --prod`), then run this again.\n',
    );
    expect((await backend.status()).applied.map((item) => item.migrationId)).toEqual([backfillPriority.id]);
    expect(up.status === 'running' && (await backend.wait(up.runId)).status).toBe('completed');
  });

  it('stops waiting at the timeout (exit 1), leaving the run going', async () => {
    vi.useFakeTimers();
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 3);
    const { io, output, clock } = captureIo(project(), backend.transport, {
      onSleep: async (ms) => {
        clock.now += ms;
      },
    });
    expect(await runCli(['migrate', 'up', '--timeout-ms', '2500', '--poll-ms', '1000'], io)).toBe(1);
    expect(stable(output.stdout)).toContain('Stopped waiting after 2500 ms; run mr_<run> goes on.');
    expect((await backend.status()).activeRun?.status).toBe('running');
  });

  it('reports a down plan over a migration without down as an error naming it', async () => {
    const backend = migrationBackend(defineMigrationSet([oneWay]));
    await seedTodos(backend.t, 1);
    await cli(backend, ['migrate', 'up']);
    const result = await cli(backend, ['migrate', 'down', '--steps', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Migration '20260102_000000_tag_titles' has no down step");
  });

  it('shows a live progress line on a terminal', async () => {
    vi.useFakeTimers();
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 6);
    const { io, output } = captureIo(project(), backend.transport, { onSleep: () => backend.step() });
    io.stdout.isTTY = true;
    expect(await runCli(['migrate', 'up', '--batch-size', '2'], io)).toBe(0);
    const frames = stable(output.stdout).split('\r\x1b[2K');
    expect(frames.slice(1, 4)).toEqual([
      'up 1/1 20260101_000000_backfill_priority: 0 processed, 0 changed',
      'up 1/1 20260101_000000_backfill_priority: 2 processed, 1 changed',
      'up 1/1 20260101_000000_backfill_priority: 4 processed, 2 changed',
    ]);
    expect(frames.at(-1)).toBe(
      '  ✓ 20260101_000000_backfill_priority  completed  6 processed, 3 changed\n' +
        'Migrate up completed: 1 migration, 6 documents processed, 3 changed, 3 chunks in 0.0s.\n',
    );
  });

  it('status --json prints the status object for scripts: the last run with its error and document', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    const statusJson = async () => {
      const { io, output } = captureIo(project(), backend.transport);
      expect(await runCli(['migrate', 'status', '--json'], io)).toBe(0);
      return JSON.parse(output.stdout);
    };
    const before = await statusJson();
    expect(before).toEqual(await backend.status());
    expect(before).toMatchObject({ lastRun: null, activeRun: null, pending: [backfillPriority.id] });

    const poisoned = defineMigration<DataModel>({
      id: '20260102_000000_poisoned',
      up: {
        table: 'todos',
        migrateOne: async () => {
          throw new Error('no way');
        },
      },
    });
    backend.deploy(defineMigrationSet([backfillPriority, poisoned]));
    await seedTodos(backend.t, 1);
    expect((await cli(backend, ['migrate', 'up'])).code).toBe(1);
    const doc = (await todos(backend.t))[0]!._id;
    const after = await statusJson();
    expect(after).toEqual(await backend.status());
    expect(after).toMatchObject({
      applied: [{ migrationId: backfillPriority.id }],
      pending: [poisoned.id],
      lastRun: {
        direction: 'up',
        status: 'failed',
        lastErrorDocumentId: doc,
        migrationIds: [backfillPriority.id, poisoned.id],
      },
    });
    expect(after.lastRun.lastError).toContain('no way');
  });

  it('status lists a partially reverted migration with what to do', async () => {
    const shout = shoutTitles('20260101_000000_shout', 'TODO 3');
    const backend = migrationBackend(defineMigrationSet([shout]));
    await seedTodos(backend.t, 4);
    await cli(backend, ['migrate', 'up']);
    expect((await cli(backend, ['migrate', 'down', '--batch-size', '2'])).code).toBe(1);
    const doc = (await todos(backend.t))[3]!._id;
    expect((await cli(backend, ['migrate', 'status'])).stdout.replaceAll(doc, '<doc>')).toMatchInlineSnapshot(`
      "Applied (0):
      Partially reverted (1):
        ◐ 20260101_000000_shout  down failed after 2 documents: \`migrate down\` finishes the revert, \`migrate up\` re-applies it
      Pending (0):
      Active run: none
      Last run mr_<run>: down failed on document <doc>: Migration '20260101_000000_shout' (down) failed on document <doc> of table "todos": cannot revert "TODO 3"
      Drift: none
      Last failures:
        mr_<run> 20260101_000000_shout on document <doc>: Migration '20260101_000000_shout' (down) failed on document <doc> of table "todos": cannot revert "TODO 3"
      "
    `);
    expect((await cli(backend, ['migrate', 'up'])).stdout).toContain(
      'Migrate up completed: 1 migration, 4 documents processed, 2 changed',
    );
  });
});
