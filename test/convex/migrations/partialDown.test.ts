import { defineMigration, defineMigrationSet, type MigrateOneCtx } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel, Doc } from '../../../example/convex/_generated/dataModel';
import { shoutTitles } from './fixtures';
import { migrationBackend, seedTodos, todos } from './harness';

const ID = '20260101_000000_shout_titles';

const shout = (poison?: string) => shoutTitles(ID, poison);

/** The migration with another up step (its down is shout's). */
const withUp = (migrateOne: (ctx: MigrateOneCtx, doc: Doc<'todos'>) => Promise<Partial<Doc<'todos'>>>) =>
  defineMigration<DataModel>({ id: ID, up: { table: 'todos', migrateOne }, down: shout().down as never });

/** 10 todos, shout applied, then a down (batches of 2) that fails on TODO 5: TODO 0-3 reverted. */
async function partiallyReverted() {
  const backend = migrationBackend(defineMigrationSet([{ migration: shout('TODO 5'), checksum: 'v1' }]));
  await seedTodos(backend.t, 10);
  expect(await backend.run({ direction: 'up' })).toMatchObject({ status: 'completed' });
  const down = await backend.run({ direction: 'down', batchSize: 2 });
  expect(down).toMatchObject({ status: 'failed' });
  expect((await todos(backend.t)).map((todo) => todo.title)).toEqual([
    'todo 0',
    'todo 1',
    'todo 2',
    'todo 3',
    'TODO 4',
    'TODO 5',
    'TODO 6',
    'TODO 7',
    'TODO 8',
    'TODO 9',
  ]);
  return { backend, down };
}

type Backend = Awaited<ReturnType<typeof partiallyReverted>>['backend'];

/** The up step edited (allowed: the migration is not applied) to fail on the first document, and run: it fails. */
async function runBrokenUp(backend: Backend) {
  const brokenUp = withUp(async () => {
    throw new Error('up is broken');
  });
  backend.deploy(defineMigrationSet([{ migration: brokenUp, checksum: 'v2' }]));
  expect(await backend.run({ direction: 'up', batchSize: 2 })).toMatchObject({ status: 'failed' });
}

/** The migration as it was, deployed again and rolled back to the end: every title reverted. */
async function revertToTheEnd(backend: Backend) {
  backend.deploy(defineMigrationSet([{ migration: shout(), checksum: 'v3' }]));
  expect(await backend.run({ direction: 'down', batchSize: 2 })).toMatchObject({ status: 'completed' });
  expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(Array.from({ length: 10 }, (_, i) => `todo ${i}`));
}

describe('a down run that fails part-way', () => {
  it('leaves the migration partially reverted (not applied), and status says so', async () => {
    const { backend, down } = await partiallyReverted();
    const poison = (await todos(backend.t))[5]!;
    const state = await backend.t.run((ctx) => ctx.db.query('migration_state').unique());
    expect(state).toMatchObject({ applied: false, direction: 'down', status: 'failed', processed: 4 });
    const status = await backend.status();
    expect(status).toMatchObject({
      applied: [],
      partiallyReverted: [{ migrationId: ID, status: 'failed', processed: 4 }],
      pending: [],
      activeRun: null,
      lastRun: { runId: down.runId, direction: 'down', status: 'failed', lastErrorDocumentId: poison._id },
    });
    expect(status.lastRun!.lastError).toContain('cannot revert "TODO 5"');
  });

  it('up re-applies it: the reverted documents get the up step again', async () => {
    const { backend } = await partiallyReverted();
    const up = await backend.run({ direction: 'up', batchSize: 3 });
    expect(up).toMatchObject({ status: 'completed', migrationIds: [ID] });
    // The up step walks every document; only the four reverted ones change.
    expect(up.progress).toEqual([expect.objectContaining({ status: 'completed', processed: 10, changed: 4 })]);
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(
      Array.from({ length: 10 }, (_, i) => `TODO ${i}`),
    );
    expect(await backend.status()).toMatchObject({
      applied: [{ migrationId: ID }],
      partiallyReverted: [],
      pending: [],
    });
    expect(await backend.start({ direction: 'up' })).toEqual({ status: 'noop', reason: 'every migration is applied' });
  });

  it('down starts the revert over after the down step is fixed (an edit that is not drift)', async () => {
    const { backend } = await partiallyReverted();
    backend.deploy(defineMigrationSet([{ migration: shout(), checksum: 'v2' }]));
    expect((await backend.status()).drift).toEqual([]);
    const down = await backend.run({ direction: 'down', batchSize: 2 });
    expect(down).toMatchObject({ status: 'completed', migrationIds: [ID] });
    // Edited, so not resumed from the old cursor: every document walked again, the 4 reverted ones unchanged.
    expect(down.progress).toEqual([
      expect.objectContaining({ status: 'completed', processed: 10, changed: 6, restarted: true }),
    ]);
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(
      Array.from({ length: 10 }, (_, i) => `todo ${i}`),
    );
    expect(await backend.status()).toMatchObject({ applied: [], partiallyReverted: [], pending: [ID] });
  });

  it('a down that fails in its first batch reverted nothing: the migration stays applied, as it was', async () => {
    const backend = migrationBackend(defineMigrationSet([shout('TODO 0')]));
    await seedTodos(backend.t, 4);
    await backend.run({ direction: 'up' });
    const applied = (await backend.status()).applied;
    expect(applied).toEqual([{ migrationId: ID, completedAt: expect.any(Number) }]);
    expect(await backend.run({ direction: 'down' })).toMatchObject({ status: 'failed' });
    expect(await backend.status()).toMatchObject({ applied, partiallyReverted: [] });
    expect(await backend.start({ direction: 'up' })).toEqual({ status: 'noop', reason: 'every migration is applied' });
  });

  it('an up over it that fails in its first batch re-applied nothing: still partially reverted, down finishes it', async () => {
    const { backend } = await partiallyReverted();
    await runBrokenUp(backend);
    expect(await backend.status()).toMatchObject({
      applied: [],
      partiallyReverted: [{ migrationId: ID }],
      pending: [],
    });
    // The up's queueing reset the down's cursor: the revert walks every document again.
    await revertToTheEnd(backend);
    expect(await backend.status()).toMatchObject({ applied: [], partiallyReverted: [], pending: [ID] });
  });

  it('a state that predates `partiallyReverted`, under an up that fails in its first batch: still partially reverted', async () => {
    const { backend } = await partiallyReverted();
    // As an ORM before the flag left it: judged by its last run (a down that did not complete).
    await backend.t.run(async (ctx) => {
      const state = (await ctx.db.query('migration_state').unique())!;
      await ctx.db.patch(state._id, { partiallyReverted: undefined });
    });
    await runBrokenUp(backend);
    // The up's queueing overwrote the last run's direction: it recorded the standing first.
    expect(await backend.status()).toMatchObject({
      applied: [],
      partiallyReverted: [{ migrationId: ID }],
      pending: [],
    });
    await revertToTheEnd(backend);
  });

  it('an up over it that commits a batch then fails: no longer partially reverted (not applied, up resumes)', async () => {
    const { backend } = await partiallyReverted();
    const failsLate = withUp(async (_ctx, doc) => {
      if (doc.title === 'todo 3') throw new Error('up is broken');
      return { title: doc.title.toUpperCase() };
    });
    backend.deploy(defineMigrationSet([{ migration: failsLate, checksum: 'v2' }]));
    expect(await backend.run({ direction: 'up', batchSize: 2 })).toMatchObject({ status: 'failed' });
    expect(await backend.status()).toMatchObject({ applied: [], partiallyReverted: [], pending: [ID] });
  });
});
