import { defineMigration, defineMigrationSet, type RunView } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { migrationBackend, todos } from './harness';

const markDone = (writeMode: 'safe_bypass' | 'normal' = 'safe_bypass') =>
  defineMigrationSet([
    defineMigration<DataModel>({
      id: '20260101_000000_mark_done',
      up: { table: 'todos', writeMode, migrateOne: async (_ctx, doc) => (doc.done ? undefined : { done: true }) },
    }),
  ]);

/** Polls the run for at most `ms`: a run stuck in `running` comes back as it is. */
async function settle(backend: ReturnType<typeof migrationBackend>, runId: string, ms: number): Promise<RunView> {
  const until = Date.now() + ms;
  for (;;) {
    const run = (await backend.status(runId)).run!;
    if (run.status !== 'running' || Date.now() > until) return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function seed(backend: ReturnType<typeof migrationBackend>, parts: number, perPart: number): Promise<void> {
  for (let part = 0; part < parts; part++) {
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < perPart; i++) await ctx.db.insert('todos', { title: `t${part}-${i}`, done: false });
    });
  }
}

describe("a batch within Convex's read limit (convex-test enforcing the limits)", () => {
  it('a batch size over what Convex writes in one transaction is rejected by `run`, naming the limit', async () => {
    const backend = migrationBackend(markDone(), orm, internalMutation, true);
    await expect(backend.start({ direction: 'up', batchSize: 17_000 })).rejects.toThrow(
      'batchSize (--batch-size) is 17000, over 16000: Convex writes at most 16000 documents in one transaction (its documentsWritten limit)',
    );
    await expect(backend.start({ direction: 'up', defaultBatchSize: 0 })).rejects.toThrow(
      'defaultBatchSize must be an integer from 1 to 16000, got 0.',
    );
  });

  it('16,000 documents at --batch-size 16000: each page leaves its patches room (the reads of page and patches fit), the run completes', async () => {
    const backend = migrationBackend(markDone(), orm, internalMutation, true);
    await seed(backend, 16, 1000);
    const started = (await backend.start({ direction: 'up', batchSize: 16_000 })) as { runId: string };
    const run = await settle(backend, started.runId, 60_000);
    expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
    // A page of 16,000 with 16,000 patches would read 32,000 documents: the first page stopped short.
    expect(run.chunks).toBeGreaterThanOrEqual(2);
    expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
  }, 180_000);

  it.each(['safe_bypass', 'normal'] as const)(
    '%s: a deployment reading at most 100 documents per transaction, 90 documents at --batch-size 150: the pages shrink and the run completes',
    async (writeMode) => {
      const backend = migrationBackend(markDone(writeMode), orm, internalMutation, { documentsRead: 100 });
      await seed(backend, 3, 30);
      const started = (await backend.start({ direction: 'up', batchSize: 150 })) as { runId: string };
      const run = await settle(backend, started.runId, 20_000);
      expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
      expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
    },
    60_000,
  );
});

describe('a batch that takes the whole transaction (migrateOne reads past the limit) fails, recorded', () => {
  const readsEverything = defineMigrationSet([
    defineMigration<DataModel>({
      id: '20260101_000000_count_all',
      up: {
        table: 'todos',
        // Every todo on each document: past the limit at the first document, so no smaller batch fits.
        migrateOne: async (ctx) => ({ title: `of ${(await ctx.db.query('todos').collect()).length}` }),
      },
    }),
  ]);

  // The app's mutations without `ctx.meta`'s metrics, like a Convex version before them.
  const noMetrics = ((definition: { args: object; handler: (ctx: object, args: object) => unknown }) =>
    internalMutation({
      args: definition.args,
      handler: (ctx: object, args: object) => definition.handler({ ...ctx, meta: {} }, args),
    } as never)) as unknown as typeof internalMutation;

  // With the transaction's metrics the batch's meter knows the deployment's limit and stops the raw
  // reads typed; without them it knows only the ORM's budget, and Convex's own limit stops them.
  it.each([
    [
      'the chunk keeps room back from its batch (nested transaction limits) and records the error',
      internalMutation,
      /Reading "todos" would take the transaction past 84 documents read/,
    ],
    [
      'without transaction metrics (no nested limits), a chunk of its own records the error',
      noMetrics,
      /Scanned too many documents/,
    ],
  ])('%s', async (_name, mutation, error) => {
    const backend = migrationBackend(readsEverything, orm, mutation, { documentsRead: 100 });
    await seed(backend, 1, 120);
    const started = (await backend.start({ direction: 'up', batchSize: 10 })) as { runId: string };
    const run = await settle(backend, started.runId, 10_000);
    expect(run.status).toBe('failed');
    expect(run.lastError).toMatch(error);
    expect(run.progress[0]).toMatchObject({ status: 'failed', processed: 0 });
  });
});
