import { createOrm, defineTriggers } from 'convex-orm';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { relations } from '../../../example/convex/schema';
import { countOf, migrationBackend, todos } from './harness';

/** An afterUpdate hook writing an audit row through `ctx.raw` (docs/triggers.md: a raw write makes the next one ask Convex). */
const auditOrm = createOrm({
  relations,
  triggers: defineTriggers(relations, {
    todos: {
      afterUpdate: async ({ new: row }, ctx) => {
        await ctx.raw.insert('groups', { name: `audit ${row.title}` });
      },
    },
  }),
});

const markDone = defineMigrationSet([
  defineMigration<DataModel>({
    id: '20260101_000000_mark_done',
    up: { table: 'todos', writeMode: 'normal', migrateOne: async () => ({ done: true }) },
  }),
]);

// The same hook writing through ctx.db (the ORM) completes: the batch of 40 is rolled back at the
// typed WRITE_BUDGET_EXCEEDED and retried smaller. Through ctx.raw, the last document's hook
// write takes the room the batch reserved for its cursor advance, whose patch then meets
// Convex's own limit: the run fails (no document named), where it should shrink and complete.
describe("'normal' migration whose trigger writes through ctx.raw, within Convex's documents written", () => {
  it('the batch is retried smaller and the run completes (documentsWritten 50, 40 todos)', async () => {
    const backend = migrationBackend(markDone, auditOrm as never, internalMutation, { documentsWritten: 50 });
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 40; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
    });
    const run = await backend.run({ direction: 'up', batchSize: 40 });
    expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
    expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
    expect(await countOf(backend.t, 'groups')).toBe(40);
  });
});
