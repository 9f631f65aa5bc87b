/**
 * Batches too large for the budget are retried smaller and a failed batch persists nothing
 * (docs/migrations.md): a `migrateOne` that reads and writes one counter through `ctx.db` per
 * document, beside raw writes that fill the batch (inserts; replaces of a parent with a larger
 * value), leaves every document migrated once and the counter equal to the number of documents,
 * through batches rolled back at BATCH_TOO_LARGE and retried smaller.
 */
import type { GenericId } from 'convex/values';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { countOf, migrationBackend, todos } from './harness';

const KiB = 1024;
const N = 12;

describe('counter through ctx.db under lowered limits: exactly once', () => {
  it.each([
    ['documentsWritten', { documentsWritten: 50 }, 'insert'],
    ['bytesWritten', { bytesWritten: 1024 * KiB }, 'replace'],
  ] as const)('%s', async (_, limits, kind) => {
    let counter: GenericId<'groups'> | undefined;
    let parent: GenericId<'groups'> | undefined;
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_count_todos',
          up: {
            table: 'todos',
            migrateOne: async (ctx, doc) => {
              const c = (await ctx.db.get(counter!))!;
              await ctx.db.patch(counter!, { name: String(Number(c.name) + 1) });
              if (kind === 'insert') {
                for (let k = 0; k < 8; k++) await ctx.db.insert('groups', { name: `audit ${doc.title} ${k}` });
              } else {
                await ctx.db.replace(parent!, { name: `${doc.title} `.repeat(30 * KiB) });
              }
              return { done: true };
            },
          },
        }),
      ]),
      orm,
      internalMutation,
      limits,
    );
    await backend.t.run(async (ctx) => {
      counter = await ctx.db.insert('groups', { name: '0' });
      parent = await ctx.db.insert('groups', { name: 'p' });
      for (let i = 0; i < N; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
    });
    const run = await backend.run({ direction: 'up', batchSize: N });
    expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
    expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
    const count = await backend.t.run(async (ctx) => (await ctx.db.get(counter!))!.name);
    expect(count).toBe(String(N));
    if (kind === 'insert') expect(await countOf(backend.t, 'groups')).toBe(2 + 8 * N);
  });
});
