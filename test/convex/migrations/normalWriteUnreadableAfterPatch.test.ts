import { createOrm, defineRules } from 'convex-orm';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { relations, todos as todosTable } from '../../../example/convex/schema';
import { eq } from '../../../src/index';
import { migrationBackend, seedTodos, todos } from './harness';

// A 'normal' migration write is "the ORM's update statement" under the rules (docs/migrations.md,
// docs/rules.md#migrations): rows the rules hide are not updated, the others are. writePatch
// (src/migrations/write.ts) adds `.returning({ _id })` to that update only to learn whether the row
// was matched; since 5f8f239 returning() makes the rules stage judge `read` on each row as written.
// A migration whose patch moves a row out of what `read` allows (closing open todos, archiving,
// retagging) now fails its batch with RULE_VIOLATION ("A row returning() would give back ..."),
// though the same update() without returning() — what the user's migration asked for — writes it.
const orm = createOrm({
  relations,
  // The system ctx (and everyone) reads open todos only; updates are not restricted.
  rules: defineRules(relations, () => ({ todos: { read: { done: false } } })),
});

const closeTodos = defineMigration<DataModel>({
  id: '20260103_000000_close_todos',
  up: { table: 'todos', writeMode: 'normal', migrateOne: async () => ({ done: true }) },
});

describe("a 'normal' migration whose patch leaves the row unreadable", () => {
  it('updates every row the rules let it match (it asked for no returning())', async () => {
    const backend = migrationBackend(defineMigrationSet([closeTodos]), orm);
    await seedTodos(backend.t, 3);
    // The same update() without returning(), what the migration asks for, writes such a row.
    const direct = await backend.t.run(async (ctx) => {
      const id = await ctx.db.insert('todos', { title: 'direct', done: false });
      await orm
        .db(ctx as never)
        .update(todosTable)
        .set({ done: true })
        .where(eq(todosTable._id, id));
      const done = (await ctx.db.get(id))!.done;
      await ctx.db.delete(id);
      return done;
    });
    expect(direct).toBe(true);
    const run = await backend.run({ direction: 'up' });
    // Observed: status 'failed', lastError "... failed on document ... of table \"todos\": A row returning() would give back violates the \"read\" rule of \"todos\" ... Drop returning() or change the rule."
    expect({ status: run.status, error: run.lastError ?? null }).toEqual({ status: 'completed', error: null });
    expect((await todos(backend.t)).map((todo) => todo.done)).toEqual([true, true, true]);
  });
});
