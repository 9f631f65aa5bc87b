import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend, seedTodos, todos } from './harness';

const ID = '20260101_000000_finish_todos';

describe('a failed migration edited to fix it, then run again', () => {
  it('unedited, it resumes from its committed cursor', async () => {
    let poison = true;
    const step = defineMigration<DataModel>({
      id: ID,
      up: {
        table: 'todos',
        migrateOne: async (_ctx, doc) => {
          if (poison && doc.title === 'todo 5') throw new Error('boom');
          return doc.done ? undefined : { done: true };
        },
      },
    });
    const backend = migrationBackend(defineMigrationSet([step]));
    await seedTodos(backend.t, 10);
    expect((await backend.run({ direction: 'up', batchSize: 4 })).status).toBe('failed');
    poison = false;
    const resumed = await backend.run({ direction: 'up', batchSize: 4 });
    // Batch 1 (todos 0-3) committed before: the resumed run walks the other 6.
    expect(resumed.progress).toEqual([{ migrationId: ID, status: 'completed', processed: 10, changed: 10 }]);
  });

  it('unedited, its state holding the checksum of the earlier source normalization: it resumes (as drift detection has it)', async () => {
    // A line break after `return` that ends the statement: the two normalizations differ on it.
    // (Built from text: a compiler would print the `;`.) It fails on "todo 5" until that is renamed.
    const migrateOne = new Function(
      '_ctx',
      'doc',
      'if (doc.title === "todo 5") throw new Error("boom")\nconst patch = { done: true }\nif (doc.done) return\npatch.done = true\nreturn patch',
    ) as never;
    const set = defineMigrationSet([defineMigration<DataModel>({ id: ID, up: { table: 'todos', migrateOne } })]);
    const backend = migrationBackend(set);
    await seedTodos(backend.t, 10);
    expect((await backend.run({ direction: 'up', batchSize: 4 })).status).toBe('failed');
    const { legacyChecksums, checksum } = set.get(ID)!;
    const legacyChecksum = legacyChecksums![2]!;
    expect(legacyChecksum).not.toBe(checksum);
    await backend.t.run(async (ctx) => {
      const state = (await ctx.db.query('migration_state').unique())!;
      await ctx.db.patch(state._id, { checksum: legacyChecksum });
      const poison = (await ctx.db.query('todos').collect()).find((todo) => todo.title === 'todo 5')!;
      await ctx.db.patch(poison._id, { title: 'todo 5 renamed' });
    });
    const resumed = await backend.run({ direction: 'up', batchSize: 4 });
    expect(resumed.progress).toEqual([{ migrationId: ID, status: 'completed', processed: 10, changed: 10 }]);
  });

  it('edited to walk an index range instead of the whole table: it starts over (the old cursor is no position in the range)', async () => {
    const wholeTable = defineMigration<DataModel>({
      id: ID,
      up: {
        table: 'todos',
        migrateOne: async (_ctx, doc) => {
          if (doc.title === 'todo 5') throw new Error('boom');
          return doc.done ? undefined : { done: true };
        },
      },
    });
    const backend = migrationBackend(defineMigrationSet([wholeTable]));
    await seedTodos(backend.t, 10);
    expect((await backend.run({ direction: 'up', batchSize: 4 })).status).toBe('failed');
    const ranged = defineMigration<DataModel>({
      id: ID,
      up: {
        table: 'todos',
        range: (q) => q.withIndex('by_done', (r) => r.eq('done', false)),
        migrateOne: async (_ctx, doc) => (doc.done ? undefined : { done: true }),
      },
    });
    backend.deploy(defineMigrationSet([ranged]));
    const resumed = await backend.run({ direction: 'up', batchSize: 4 });
    // The 6 todos the failed run left: walked from the range's start.
    expect(resumed.progress).toEqual([
      { migrationId: ID, status: 'completed', processed: 6, changed: 6, restarted: true },
    ]);
    expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
  });

  it('edited to the right table: it starts over from that table’s first document', async () => {
    const wrongTable = defineMigration<DataModel>({
      id: ID,
      up: {
        table: 'todos',
        migrateOne: async (_ctx, doc) => (doc.title === 'todo 5' ? { title: 7 as never } : undefined),
      },
    });
    const backend = migrationBackend(defineMigrationSet([wrongTable]));
    // The groups existed before the todos: the todos' cursor lies past every group.
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 3; i++) await ctx.db.insert('groups', { name: `g${i}` });
    });
    await seedTodos(backend.t, 10);
    expect((await backend.run({ direction: 'up', batchSize: 4 })).status).toBe('failed');
    backend.deploy(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: ID,
          up: { table: 'groups', migrateOne: async (_ctx, doc) => ({ name: doc.name.toUpperCase() }) },
        }),
      ]),
    );
    const resumed = await backend.run({ direction: 'up', batchSize: 4 });
    const names = await backend.t.run(async (ctx) => (await ctx.db.query('groups').collect()).map((g) => g.name));
    expect({ progress: resumed.progress, names }).toEqual({
      progress: [{ migrationId: ID, status: 'completed', processed: 3, changed: 3, restarted: true }],
      names: ['G0', 'G1', 'G2'],
    });
  });
});
