import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend, seedTodos, todos } from './harness';

const users = (backend: ReturnType<typeof migrationBackend>) => backend.t.run((ctx) => ctx.db.query('users').collect());

/** A migration making every user's age -1, which the users table's check `age >= 0` forbids. */
const negativeAge = (writeMode: WriteMode) =>
  defineMigration<DataModel>({
    id: '20260101_000000_negative_age',
    up: { table: 'users', writeMode, migrateOne: async () => ({ age: -1 }) },
  });

async function withUsers(writeMode: WriteMode) {
  const backend = migrationBackend(defineMigrationSet([negativeAge(writeMode)]));
  await backend.t.run(async (ctx) => {
    await ctx.db.insert('users', { name: 'Ada', email: 'ada@x', role: 'admin', verified: true });
  });
  return backend;
}

describe('writeMode', () => {
  it("'normal' writes through the ORM's update statement: checks apply and fail the batch", async () => {
    const backend = await withUsers('normal');
    const run = await backend.run({ direction: 'up' });
    expect(run.status).toBe('failed');
    expect(run.lastError).toContain('Row of "users" violates check constraint "age_not_negative"');
    expect(run.lastErrorDocumentId).toBe((await users(backend))[0]!._id);
    expect((await users(backend))[0]!.age).toBeUndefined();
  });

  it("'safe_bypass' (the default) validates columns but skips ORM rules such as checks", async () => {
    const backend = await withUsers('safe_bypass');
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');
    expect((await users(backend))[0]!.age).toBe(-1);
  });

  it.each<WriteMode>(['safe_bypass', 'normal'])(
    '%s rejects a value the column does not accept, writing nothing',
    async (writeMode) => {
      const backend = migrationBackend(
        defineMigrationSet([
          defineMigration<DataModel>({
            id: '20260101_000000_bad_enum',
            up: { table: 'todos', writeMode, migrateOne: async () => ({ priority: 'urgent' as never }) },
          }),
        ]),
      );
      await seedTodos(backend.t, 3);
      const run = await backend.run({ direction: 'up' });
      expect(run.status).toBe('failed');
      expect(run.lastError).toContain(
        'Invalid value for "todos.priority": expected one of "low", "medium", "high", got "urgent"',
      );
      expect((await todos(backend.t)).map((todo) => todo.priority)).toEqual([undefined, 'high', undefined]);
    },
  );

  it("removing a field: 'safe_bypass' deletes it, 'normal' writes the ORM's null; notNull columns cannot be removed", async () => {
    const clear = (writeMode: WriteMode) =>
      defineMigration<DataModel>({
        id: `20260101_000000_clear_${writeMode}`,
        up: { table: 'todos', writeMode, migrateOne: async () => ({ priority: undefined }) },
      });
    const bypass = migrationBackend(defineMigrationSet([clear('safe_bypass')]));
    await seedTodos(bypass.t, 2);
    await bypass.run({ direction: 'up' });
    expect((await todos(bypass.t)).map((todo) => 'priority' in todo)).toEqual([false, false]);

    const normal = migrationBackend(defineMigrationSet([clear('normal')]));
    await seedTodos(normal.t, 2);
    await normal.run({ direction: 'up' });
    expect((await todos(normal.t)).map((todo) => todo.priority)).toEqual([undefined, null]);

    const required = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_drop_title',
          up: { table: 'todos', migrateOne: async () => ({ title: undefined as never }) },
        }),
      ]),
    );
    await seedTodos(required.t, 1);
    expect((await required.run({ direction: 'up' })).lastError).toContain(
      'Column "todos.title" is notNull; a migration cannot remove it.',
    );
  });

  it("a 'safe_bypass' patch that removes a field and sets others: the set fields are validated, the removal is written", async () => {
    const retitle = (title: unknown) =>
      migrationBackend(
        defineMigrationSet([
          defineMigration<DataModel>({
            id: '20260101_000000_retitle',
            up: { table: 'todos', migrateOne: async () => ({ priority: undefined, title: title as string }) },
          }),
        ]),
      );
    const valid = retitle('renamed');
    await seedTodos(valid.t, 2);
    await valid.run({ direction: 'up' });
    expect((await todos(valid.t)).map(({ title, priority }) => ({ title, priority }))).toEqual([
      { title: 'renamed', priority: undefined },
      { title: 'renamed', priority: undefined },
    ]);

    const invalid = retitle(7);
    await seedTodos(invalid.t, 2);
    expect((await invalid.run({ direction: 'up' })).lastError).toContain('Invalid value for "todos.title"');
    expect((await todos(invalid.t)).map((todo) => todo.priority)).toEqual([undefined, 'high']);
  });
});
