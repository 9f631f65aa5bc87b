import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { migrationBackend, todos } from './harness';

/** The app's internalMutation, counting the getTransactionMetrics() calls of batch mutations. */
function countingMutation() {
  const counts = { batches: 0, syncs: 0 };
  const mutation = ((definition: any) =>
    internalMutation({
      ...definition,
      handler: (ctx: any, args: any) => {
        if (!args.batch) return definition.handler(ctx, args);
        counts.batches++;
        const meta = new Proxy(ctx.meta, {
          get(target, name) {
            if (name !== 'getTransactionMetrics') return Reflect.get(target, name);
            return () => {
              counts.syncs++;
              return target.getTransactionMetrics();
            };
          },
        });
        return definition.handler({ ...ctx, meta }, args);
      },
    })) as typeof internalMutation;
  return { mutation, counts };
}

// docs/triggers.md / docs/migrations.md: a raw write of a document read in the transaction is
// reserved at its size, and the meter asks Convex for the transaction's metrics only "when these
// estimates would pass the budget" ("1,000 small patches of documents the hook read ask Convex
// nothing"); migrateOne's ctx.db is "metered like a hook's ctx.raw".
describe("migrateOne's raw patches of the documents of its batch", () => {
  it('a batch of 1,000 small todos, each patched through ctx.db: no getTransactionMetrics() per document', async () => {
    const { mutation, counts } = countingMutation();
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_touch_todos_raw',
          up: {
            table: 'todos',
            migrateOne: async (ctx, doc) => {
              await ctx.db.patch(doc._id, { title: `${doc.title}!` });
            },
          },
        }),
      ]),
      orm,
      mutation,
      true,
    );
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 1_000; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
    });
    const run = await backend.run({ direction: 'up', batchSize: 1_000 });
    expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
    expect((await todos(backend.t)).every((todo) => todo.title.endsWith('!'))).toBe(true);
    // Every patch is of a document the batch's page read (its size known, ~70 bytes): nothing near
    // the budget. Observed: 1,002 syncs for the one batch (syncInsideStatement after each
    // migrateOne that wrote raw, whatever its size), one getTransactionMetrics() per document.
    expect(counts.batches).toBe(1);
    expect(counts.syncs).toBeLessThanOrEqual(10);
  });
});
