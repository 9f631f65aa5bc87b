import type { GenericDatabaseWriter } from 'convex/server';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { countOf, migrationBackend, todos } from './harness';

// docs/migrations.md: migrateOne's ctx.db writes are reserved before they are made, "so a batch
// they fill is retried smaller". Here one document's raw writes (30 rows, and its patch) fit a
// batch of their own on a deployment that writes 50 documents per transaction; the second
// document's raw writes are what fill the batch, part-way through that document's migrateOne.
// Both argument forms: `ctx.db.insert(table, value)` and Convex's table-scoped writer
// `ctx.db.table(table).insert(value)` (typed GenericDatabaseWriterWithTable; migrateOne's ctx.db
// is typed without it, and has it at run time).
type WithTable = { table(name: string): { insert(value: Record<string, unknown>): Promise<unknown> } };
const writers: [string, (db: GenericDatabaseWriter<DataModel>, name: string) => Promise<unknown>][] = [
  ['ctx.db.insert', (db, name) => db.insert('groups', { name })],
  ['ctx.db.table(name).insert', (db, name) => (db as unknown as WithTable).table('groups').insert({ name })],
];

describe("migrateOne's raw ctx.db writes that fill the batch part-way through a document", () => {
  it.each(writers)(
    '%s: the batch is retried smaller and the run completes, not failed with Convex’s own limit error',
    async (_, write) => {
      const backend = migrationBackend(
        defineMigrationSet([
          defineMigration<DataModel>({
            id: '20260101_000000_fan_out_audit',
            up: {
              table: 'todos',
              migrateOne: async (ctx, doc) => {
                for (let k = 0; k < 30; k++) await write(ctx.db, `audit ${doc.title} ${k}`);
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
      // Observed before: failed, "... failed on document <second todo> of table "todos": Wrote too many
      // documents in a single function execution (limit: 42). This is a Convex limit: ...".
      expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
      expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
      expect(await countOf(backend.t, 'groups')).toBe(300);
    },
  );
});
