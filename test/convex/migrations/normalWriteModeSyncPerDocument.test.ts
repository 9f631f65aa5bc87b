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

function touchTodos(rawPatch: boolean) {
  return defineMigrationSet([
    defineMigration<DataModel>({
      id: '20260101_000000_touch_todos_normal',
      up: {
        table: 'todos',
        writeMode: 'normal',
        migrateOne: async (ctx, doc) => {
          if (rawPatch) await ctx.db.patch(doc._id, { done: true });
          return { title: `${doc.title}!` };
        },
      },
    }),
  ]);
}

// docs/migrations.md: the batch asks Convex for the transaction's metrics "only when their
// estimates leave less than the document's own patch may take, so 1,000 documents each patched
// through ctx.db make no call per document" (291e5d8 for 'safe_bypass'). Every read and write of a
// batch goes through its one meter (the page, migrateOne's ctx.db and ctx.orm, the 'normal' patch's
// ORM update and its hooks, all on the same ctx.db), yet in 'normal' mode each document's update is
// an ORM statement started at top level (orm.db(ctx), not a hook level), which syncs as it starts.
describe("a 'normal' migration batch's getTransactionMetrics() calls", () => {
  for (const rawPatch of [false, true]) {
    it(`300 todos, each updated through the ORM${rawPatch ? ' after a raw patch of it' : ''}: not one call per document`, async () => {
      const { mutation, counts } = countingMutation();
      const backend = migrationBackend(touchTodos(rawPatch), orm, mutation, true);
      await backend.t.run(async (ctx) => {
        for (let i = 0; i < 300; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
      });
      const run = await backend.run({ direction: 'up', batchSize: 300 });
      expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
      expect((await todos(backend.t)).every((todo) => todo.title.endsWith('!'))).toBe(true);
      expect(counts.batches).toBe(1);
      // Observed: 302 (the batch's, one per document's update, the cursor advance's recheck); the same
      // batch in 'safe_bypass' mode makes 2: the batch's and the recheck's.
      expect(counts.syncs).toBe(2);
    });
  }
});
