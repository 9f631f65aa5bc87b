import { type GenericDatabaseWriter, type GenericMutationCtx, makeFunctionReference } from 'convex/server';
import { defineMigrationSet } from 'convex-orm/migrations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { getRun, getState } from '../../../src/migrations/state';
import { backfillPriority, tagTitles } from './fixtures';
import { migrationBackend, seedTodos, TEST_MODULE } from './harness';

/** How one chunk or nested batch read: the tables it queried and the documents it got by id. */
type Reads = { batch: boolean; queries: string[]; gets: string[] };

/**
 * `internalMutation`, recording the reads of every `runChunk` call (the scheduled chunk and
 * its nested batch) through a `ctx.db` that notes each `query` and `get` before doing it.
 */
function recordingMutation(calls: Reads[]): typeof internalMutation {
  type Definition = { args: never; handler: (ctx: GenericMutationCtx<any>, args: Record<string, unknown>) => unknown };
  return ((definition: Definition) =>
    internalMutation({
      ...definition,
      handler: (ctx: GenericMutationCtx<any>, args: Record<string, unknown>) => {
        if (!('runId' in args)) return definition.handler(ctx, args);
        const reads: Reads = { batch: args.batch === true, queries: [], gets: [] };
        calls.push(reads);
        const db = new Proxy(ctx.db, {
          get(target, property) {
            if (property === 'query') {
              return (table: string) => {
                reads.queries.push(table);
                return target.query(table);
              };
            }
            if (property === 'get') {
              return (id: string) => {
                reads.gets.push(id);
                return target.get(id as never);
              };
            }
            const value = Reflect.get(target, property);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }) as GenericDatabaseWriter<any>;
        return definition.handler({ ...ctx, db }, args);
      },
    } as never)) as unknown as typeof internalMutation;
}

describe('chunk reads', () => {
  it("reads the run and the migration's state by _id: after the first batch, the page is the only query", async () => {
    const calls: Reads[] = [];
    const backend = migrationBackend(defineMigrationSet([backfillPriority]), orm, recordingMutation(calls));
    await seedTodos(backend.t, 25);
    const run = await backend.run({ direction: 'up', batchSize: 10 });
    expect(run).toMatchObject({ status: 'completed', chunks: 3 });
    expect(run.progress[0]).toMatchObject({ processed: 25, changed: 13 });
    const [runDoc, stateDoc] = await backend.t.run(async (ctx) => [
      (await ctx.db.query('migration_run').unique())!._id,
      (await ctx.db.query('migration_state').unique())!._id,
    ]);
    const chunk = { batch: false, queries: [], gets: [runDoc] };
    expect(calls).toEqual([
      chunk,
      // The first batch finds the state through its index, and hands its _id on.
      { batch: true, queries: ['migration_state', 'todos'], gets: [runDoc] },
      chunk,
      { batch: true, queries: ['todos'], gets: [runDoc, stateDoc] },
      chunk,
      { batch: true, queries: ['todos'], gets: [runDoc, stateDoc] },
    ]);
  });

  it('moves on to the next migration: its state is looked up once, then read by _id', async () => {
    const calls: Reads[] = [];
    const first = tagTitles('20260101_000000_tag_a', 'a');
    const second = tagTitles('20260101_000001_tag_b', 'b');
    const backend = migrationBackend(defineMigrationSet([first, second]), orm, recordingMutation(calls));
    await seedTodos(backend.t, 4);
    const run = await backend.run({ direction: 'up', batchSize: 3 });
    expect(run).toMatchObject({ status: 'completed', chunks: 4 });
    expect((await backend.t.run((ctx) => ctx.db.query('todos').first()))!.title).toBe('todo 0 a b');
    const batchQueries = calls.filter((call) => call.batch).map((call) => call.queries);
    expect(batchQueries).toEqual([['migration_state', 'todos'], ['todos'], ['migration_state', 'todos'], ['todos']]);
  });

  it('a dry-run batch reads no state: its progress is on the run', async () => {
    const calls: Reads[] = [];
    const backend = migrationBackend(defineMigrationSet([backfillPriority]), orm, recordingMutation(calls));
    await seedTodos(backend.t, 6);
    const run = await backend.run({ direction: 'up', dryRun: true, batchSize: 4 });
    expect(run).toMatchObject({ status: 'dry_run', chunks: 2 });
    expect(calls.filter((call) => call.batch).map((call) => call.queries)).toEqual([['todos'], ['todos']]);
  });
});

describe('chunks scheduled without document ids (by an older deployment)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('look the run and the state up by runId and migration id', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 10);
    const started = await backend.start({ direction: 'up', batchSize: 4 });
    if (started.status !== 'running') throw new Error('not started');
    // The scheduled chunks never fire (fake timers); these calls carry only the runId.
    const runChunk = makeFunctionReference<'mutation'>(`${TEST_MODULE}:runChunk`);
    for (let i = 0; i < 3; i++) await backend.t.mutation(runChunk, { runId: started.runId });
    const run = (await backend.status(started.runId)).run!;
    expect(run).toMatchObject({ status: 'completed', chunks: 3 });
    expect(run.progress[0]).toMatchObject({ processed: 10, changed: 5 });
  });

  it('an _id of another run or migration is not taken for this one', async () => {
    const first = tagTitles('20260101_000000_tag_a', 'a');
    const second = tagTitles('20260101_000001_tag_b', 'b');
    const backend = migrationBackend(defineMigrationSet([first, second]));
    const started = await backend.start({ direction: 'up' });
    if (started.status !== 'running') throw new Error('not started');
    await backend.t.run(async (ctx) => {
      const [stateA, stateB] = await ctx.db.query('migration_state').collect();
      expect((await getState(ctx.db, first.id, stateB!._id))!._id).toBe(stateA!._id);
      expect(await getState(ctx.db, '20260101_000002_unknown', stateA!._id)).toBeNull();
      const other = await ctx.db.insert('migration_run', {
        runId: 'mr_other',
        direction: 'up',
        status: 'completed',
        dryRun: false,
        migrationIds: [],
        currentIndex: 0,
        startedAt: 0,
        updatedAt: 0,
        cancelRequested: false,
      });
      expect((await getRun(ctx.db, started.runId, other))!.runId).toBe(started.runId);
    });
  });
});
