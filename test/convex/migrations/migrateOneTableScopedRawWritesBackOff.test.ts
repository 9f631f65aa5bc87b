import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { countOf, migrationBackend, todos } from './harness';

// As migrateOneRawWritesBackOff, but the raw writes go through Convex's table-scoped writer
// (ctx.db.table('groups').insert(value), Convex >= 1.3x), the other argument form the docs
// call "ctx.db writes". The metered raw view reserves db.insert/patch/replace/delete but
// wraps db.table only with countedRawWrite, so these writes are never reserved.
// migrateOne's ctx.db is typed GenericDatabaseWriter, without Convex's GenericDatabaseWriterWithTable's
// table(); at run time it has it, and meteredDb.ts's raw view passes it through on purpose.
type WithTable = { table(name: string): { insert(value: Record<string, unknown>): Promise<unknown> } };

describe('migrateOne raw writes through ctx.db.table(name) that fill the batch part-way through a document', () => {
  it('the batch is retried smaller and the run completes, not failed with Convex’s own limit error', async () => {
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_fan_out_audit_table_api',
          up: {
            table: 'todos',
            migrateOne: async (ctx, doc) => {
              for (let k = 0; k < 30; k++)
                await (ctx.db as unknown as WithTable).table('groups').insert({ name: `audit ${doc.title} ${k}` });
              return { done: true };
            },
          },
        }),
      ]),
      orm,
      internalMutation,
      { documentsWritten: 50 },
    );
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 10; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
    });
    const run = await backend.run({ direction: 'up', batchSize: 10 });
    // Observed: failed, "... failed on document <second todo> of table "todos": Wrote too many
    // documents in a single function execution (limit: 42). This is a Convex limit: ...".
    expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
    expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
    expect(await countOf(backend.t, 'groups')).toBe(300);
  });
});
