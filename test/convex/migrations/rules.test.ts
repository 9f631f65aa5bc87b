import { createOrm, defineRules } from 'convex-orm';
import { defineMigration, defineMigrationSet, type MigrationRuleContext, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { relations } from '../../../example/convex/schema';
import { migrationBackend, seedTodos, todos } from './harness';

/** Users see only done todos; a migration (its ctx names it) may see and update every one when `trusted`. */
const rulesOrm = (trusted: boolean) =>
  createOrm({
    relations,
    rules: defineRules(relations, (ctx: Partial<MigrationRuleContext>) => ({
      todos: trusted && ctx.migration?.id === '20260101_000000_flag_todos' ? {} : { read: { done: true } },
    })),
  });

const seenByMigrateOne: number[] = [];
const flagTodos = (writeMode: WriteMode) =>
  defineMigration<DataModel, ReturnType<ReturnType<typeof rulesOrm>['db']>>({
    id: '20260101_000000_flag_todos',
    up: {
      table: 'todos',
      writeMode,
      migrateOne: async (ctx) => {
        seenByMigrateOne.push((await ctx.orm.query.todos.findMany()).length);
        return { priority: 'low' };
      },
    },
  });

async function migrate(writeMode: WriteMode, trusted: boolean, dryRun = false) {
  seenByMigrateOne.length = 0;
  const backend = migrationBackend(defineMigrationSet([flagTodos(writeMode)]), rulesOrm(trusted));
  await seedTodos(backend.t, 3);
  const run = await backend.run({ direction: 'up', dryRun });
  const priorities = (await todos(backend.t)).map((todo) => todo.priority);
  return { status: run.status, changed: run.progress[0]!.changed, priorities };
}

describe('migrations and rules', () => {
  it("'safe_bypass' bypasses the rules: every row is read and written", async () => {
    expect(await migrate('safe_bypass', false)).toEqual({
      status: 'completed',
      changed: 3,
      priorities: ['low', 'low', 'low'],
    });
    expect(seenByMigrateOne).toEqual([3, 3, 3]);
  });

  it("'normal' runs the rules for a system ctx: rows they hide are not updated, nor counted as changed", async () => {
    expect(await migrate('normal', false)).toEqual({
      status: 'completed',
      changed: 0,
      priorities: [undefined, 'high', undefined],
    });
    expect(seenByMigrateOne).toEqual([0, 0, 0]);
  });

  it("a dry run counts what the run would change: under 'normal', not the rows the rules hide", async () => {
    const seeded = (await migrate('normal', false)).priorities;
    expect(await migrate('normal', false, true)).toEqual({ status: 'dry_run', changed: 0, priorities: seeded });
    expect(await migrate('normal', true, true)).toEqual({ status: 'dry_run', changed: 3, priorities: seeded });
    expect(await migrate('safe_bypass', false, true)).toEqual({ status: 'dry_run', changed: 3, priorities: seeded });
  });

  it("'normal' with rules that recognise the migration's ctx updates every row", async () => {
    expect(await migrate('normal', true)).toEqual({
      status: 'completed',
      changed: 3,
      priorities: ['low', 'low', 'low'],
    });
    expect(seenByMigrateOne).toEqual([3, 3, 3]);
  });
});

/** A 'normal' migration that soft-deletes every project; the rules let it update projects, and delete them when `mayDelete`. */
async function archiveProjects(mayDelete: boolean, dryRun = false) {
  const archive = defineMigration<DataModel>({
    id: '20260102_000000_archive_projects',
    up: { table: 'projects', writeMode: 'normal', migrateOne: async () => ({ deletedAt: 1 }) },
  });
  const orm = createOrm({
    relations,
    rules: defineRules(relations, () => ({ projects: mayDelete ? {} : { delete: { _id: { in: [] } } } })),
  });
  const backend = migrationBackend(defineMigrationSet([archive]), orm);
  await backend.t.run((ctx) => ctx.db.insert('projects', { name: 'p', taskCount: 0, deletedAt: null }));
  const run = await backend.run({ direction: 'up', dryRun });
  const deletedAt = await backend.t.run(async (ctx) =>
    (await ctx.db.query('projects').collect()).map((p) => p.deletedAt),
  );
  return { status: run.status, error: run.lastError ?? null, deletedAt };
}

describe("'normal' migrations that set the deletion column", () => {
  it('are judged by the delete rule, as any update that soft-deletes: without it the batch fails with RULE_VIOLATION', async () => {
    const denied = await archiveProjects(false);
    expect(denied).toMatchObject({ status: 'failed', deletedAt: [null] });
    expect(denied.error).toContain('"delete" rule of "projects"');
    expect(await archiveProjects(true)).toEqual({ status: 'completed', error: null, deletedAt: [1] });
  });

  it('fail a dry run the same way, writing nothing', async () => {
    const denied = await archiveProjects(false, true);
    expect(denied).toMatchObject({ status: 'failed', deletedAt: [null] });
    expect(denied.error).toContain('"delete" rule of "projects"');
    expect(await archiveProjects(true, true)).toEqual({ status: 'dry_run', error: null, deletedAt: [null] });
  });
});
