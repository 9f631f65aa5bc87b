/**
 * `migrateOne` patching two small counters through `ctx.db` at once (`Promise.all`) near the end of
 * the transaction's bytes, both patched raw earlier (known only "at most 1 MiB"), completes: each
 * patch is sized by a read of its counter, and the read that resolves after the other counter's
 * patch was made keeps its size, as only a raw write of the same document since the read began
 * makes a read's size stale. (Any raw write since did: the second patch was reserved at 1 MiB and
 * the run failed with SCAN_BUDGET_EXCEEDED.)
 */
import type { GenericId } from 'convex/values';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { migrationBackend, todos } from './harness';

const KiB = 1024;

it('two counters patched at once through ctx.db near the end of the bytes: the run completes', async () => {
  const fillers: GenericId<'groups'>[] = [];
  let counters: [GenericId<'groups'>, GenericId<'groups'>] | undefined;
  const backend = migrationBackend(
    defineMigrationSet([
      defineMigration<DataModel>({
        id: '20260101_000000_parallel_counters',
        up: {
          table: 'todos',
          migrateOne: async (ctx, doc) => {
            const [a, b] = counters!;
            // Ample budget: reserved at Convex's largest (never read), left "at most 1 MiB".
            await ctx.db.patch(a, { name: `a ${doc.title}` });
            await ctx.db.patch(b, { name: `b ${doc.title}` });
            // Fill the bytes: ~3 MiB of large groups (4 MiB limit), read by id (not the counters).
            for (const id of fillers) await ctx.db.get(id);
            await Promise.all([
              ctx.db.patch(a, { name: `A ${doc.title}` }),
              ctx.db.patch(b, { name: `B ${doc.title}` }),
            ]);
            return { done: true };
          },
        },
      }),
    ]),
    orm,
    internalMutation,
    { bytesRead: 4 * 1024 * KiB },
  );
  await backend.t.run(async (ctx) => {
    counters = [await ctx.db.insert('groups', { name: 'a' }), await ctx.db.insert('groups', { name: 'b' })];
    for (let i = 0; i < 3; i++) fillers.push(await ctx.db.insert('groups', { name: 'g'.repeat(1000 * KiB) }));
    await ctx.db.insert('todos', { title: 't0', done: false });
  });
  const run = await backend.run({ direction: 'up', batchSize: 1 });
  expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
  expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
});
