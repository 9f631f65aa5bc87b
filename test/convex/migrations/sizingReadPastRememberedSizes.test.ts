/**
 * A raw patch through `migrateOne`'s `ctx.db` of a small document the batch never read, near the
 * end of the transaction's bytes, after the transaction read more documents than the meter keeps
 * sizes of (10,000), is reserved at the size its sizing read found: that size was looked up in the
 * meter's memory, full by then, so the patch was reserved at 1 MiB again and refused.
 */
import type { GenericId } from 'convex/values';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { migrationBackend } from './harness';

const KiB = 1024;

it('a sizing read past 10,000 documents read still sizes the raw patch', async () => {
  const fillers: GenericId<'groups'>[] = [];
  let counter: GenericId<'groups'> | undefined;
  const backend = migrationBackend(
    defineMigrationSet([
      defineMigration<DataModel>({
        id: '20260101_000000_sizing_past_memory',
        up: {
          table: 'todos',
          range: (q) => q.withIndex('by_done', (r) => r.eq('done', false)),
          migrateOne: async (ctx) => {
            // 10,001 small todos: the meter remembers no more sizes after this.
            await ctx.db.query('todos').collect();
            // ~2 MiB of large groups by id (the budget is 3 MiB of a 4 MiB limit): less than 1 MiB left.
            for (const id of fillers) await ctx.db.get(id);
            await ctx.db.patch(counter!, { name: 'counted' });
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
    counter = await ctx.db.insert('groups', { name: 'c' });
    for (let i = 0; i < 2; i++) fillers.push(await ctx.db.insert('groups', { name: 'g'.repeat(1000 * KiB) }));
    await ctx.db.insert('todos', { title: 'open', done: false });
    for (let i = 0; i < 10_000; i++) await ctx.db.insert('todos', { title: `t${i}`, done: true });
  });
  const run = await backend.run({ direction: 'up', batchSize: 1 });
  expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
  const name = await backend.t.run(async (ctx) => (await ctx.db.get(counter!))!.name);
  expect(name).toBe('counted');
});
