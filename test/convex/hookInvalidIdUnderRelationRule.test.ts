import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  type AnyColumn,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  eq,
  id,
  isOrmError,
  text,
} from '../../src/index';

// A rule with a relation filter (`tasks.project.owner`) is judged on the row a before-hook returned before the hook's
// values are validated (docs/rules.md: RULE_VIOLATION, then VALIDATION of the hook's values; 23dab51 made the upsert's
// update branch do the same). The relation filter reads the project the row names through `selectStoredId`
// (src/query/relatedRows.ts), which skips `normalizeId` because "a value of an id(table) column was validated by
// Convex when the row was written": not so for a row not written yet. A hook's malformed or foreign id reaches
// `db.get(table, id)` and the statement fails with Convex's own error (which echoes the hook's value) instead of a
// typed OrmError. Before 23dab51 the same upsert failed VALIDATION.
const projects = convexTable('projects', { owner: text().notNull() });
const tasks = convexTable('tasks', {
  key: text().notNull().unique(),
  title: text().notNull(),
  projectId: id('projects')
    .notNull()
    .references((): AnyColumn => projects._id),
});
const schema = defineSchema({ projects, tasks });
const relations = defineRelations({ projects, tasks }, (r) => ({
  tasks: { project: r.one.projects({ from: r.tasks.projectId, to: r.projects._id }) },
  projects: { tasks: r.many.tasks() },
}));
const mine = { project: { owner: 'me' } };
const rules = defineRules(relations, async () => ({
  projects: { read: {}, insert: {}, update: {}, delete: {} },
  tasks: { read: {}, insert: mine, update: { using: {}, check: mine }, delete: {} },
}));

type Bad = 'garbage' | 'taskId';

function ormWith(bad: Bad) {
  const badValue = (taskId: string) => (bad === 'garbage' ? 'garbage' : taskId);
  let taskId = '';
  const triggers = defineTriggers(relations, {
    // A hook with a bug: it sets the project to a value that is not an id of "projects".
    tasks: {
      // (Only on the row `insert()` below adds: an upsert's proposed row keeps its own project.)
      beforeInsert: async (row) => (row.key === 'b' ? { ...row, projectId: badValue(taskId) as never } : row),
      beforeUpdate: async ({ new: next }) => ({ ...next, projectId: badValue(taskId) as never }),
    },
  });
  return { orm: createOrm({ relations, rules, triggers }), setTaskId: (value: string) => (taskId = value) };
}

async function attempt(bad: Bad, statement: (db: any, projectId: string) => PromiseLike<unknown>) {
  const { orm, setTaskId } = ormWith(bad);
  const t = convexTest({ schema, modules });
  const { projectId, taskId } = await t.run(async (ctx) => {
    const projectId = await ctx.db.insert('projects', { owner: 'me' });
    const taskId = await ctx.db.insert('tasks', { key: 'a', title: 't', projectId });
    return { projectId, taskId };
  });
  setTaskId(taskId);
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    try {
      await statement(db, projectId);
      return 'NONE';
    } catch (error) {
      return isOrmError(error) ? error.code : `NOT_AN_ORM_ERROR: ${String(error).slice(0, 100)}`;
    }
  });
}

const TYPED = /^(VALIDATION|RULE_VIOLATION)$/;

describe("a before-hook's invalid id under a rule with a relation filter on it", () => {
  for (const bad of ['garbage', 'taskId'] as const) {
    it(`onConflictDoUpdate's update branch fails with a typed OrmError (${bad})`, async () => {
      // Observed: NOT_AN_ORM_ERROR: Error: Invalid argument `id`, expected ID value but got 'garbage' (VALIDATION before 23dab51).
      const code = await attempt(bad, (db, projectId) =>
        db
          .insert(tasks)
          .values({ key: 'a', title: 'x', projectId })
          .onConflictDoUpdate({ target: tasks.key, set: { title: 'u' } }),
      );
      expect(code).toMatch(TYPED);
    });

    it(`update() fails with a typed OrmError (${bad})`, async () => {
      const code = await attempt(bad, (db) => db.update(tasks).set({ title: 'u' }).where(eq(tasks.key, 'a')));
      expect(code).toMatch(TYPED);
    });

    it(`insert() fails with a typed OrmError (${bad})`, async () => {
      const code = await attempt(bad, (db, projectId) => db.insert(tasks).values({ key: 'b', title: 'x', projectId }));
      expect(code).toMatch(TYPED);
    });
  }
});
