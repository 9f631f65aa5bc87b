import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  aggregateIndex,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import {
  backfillAll,
  insertTwoUsers,
  rawSnapshot,
  seededPick,
  seedsFromEnv,
  stepsFromEnv,
  tasksTable,
} from './crossFeatureWorld';

// Cross-feature oracle, seeded (8 seeds x 20 steps per variant in CI; the reviewer ran seeds 1-200 x 20
// and 300-340 x 50: run more with SEEDS=200 STEPS=50 SEED0=first). One schema using soft delete, aggregate indexes
// (count + sum), rules on read/insert/update/delete, triggers writing other tables (an audit log
// through ctx.db, a counter through ctx.raw), foreign keys with cascade / set null, unique keys.
// Random statements run through the ORM (transactionLimits: true), each caught INSIDE its mutation
// so that a half-written failed statement would stay visible. After every step, invariants are
// checked against the raw tables (no model):
// - served aggregate count/sum (system and per user under a key-equality read rule) = recount of
//   the live rows (aggregates.md "Same results either way", "Soft-deleted rows are not in the buckets");
// - what each user reads = raw rows filtered by the rule (rules.md);
// - the audit log's last entry per task = the task's stored state (triggers.md: every ORM write,
//   cascades included, fires its after-hook); project.taskCount = its live tasks;
// - FK integrity (mutations.md: cascade / set null), unique keys;
// - a statement that failed changed nothing (triggers.md "a veto or a failed check writes nothing");
// - a user's task statement changed only rows its rules let it touch (rules.md RLS table).

const users = convexTable('users', { name: text().notNull() });
const projects = convexTable(
  'projects',
  {
    ownerId: id('users').notNull(),
    name: text().notNull().unique(),
    public: boolean().notNull(),
    taskCount: integer().notNull().default(0),
    deletedAt: timestamp(),
  },
  (t) => [index('by_owner').on(t.ownerId, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
const tasks = tasksTable(() => projects._id, { locked: boolean().notNull().default(false) });
const notes = convexTable(
  'notes',
  {
    taskId: id('tasks').references(() => tasks._id, { onDelete: 'set null' }),
    taskCode: text().references(() => tasks.code, { onUpdate: 'cascade', onDelete: 'set null' }),
    body: text().notNull(),
  },
  (t) => [index('by_task').on(t.taskId), index('by_code').on(t.taskCode)],
);
const audit = convexTable(
  'audit',
  {
    taskId: text().notNull(),
    op: text().notNull(),
    deleted: boolean().notNull(),
    points: integer().notNull(),
    projectId: text().notNull(),
  },
  () => [aggregateIndex('audit_all').all().count()],
);
const schema = defineSchema({ users, projects, tasks, notes, audit });
const relations = defineRelations({ users, projects, tasks, notes, audit }, (r) => ({
  projects: { tasks: r.many.tasks() },
  tasks: { project: r.one.projects({ from: r.tasks.projectId, to: r.projects._id }), notes: r.many.notes() },
  notes: { task: r.one.tasks({ from: r.notes.taskId, to: r.tasks._id }) },
}));
const tableConfigs = [users, projects, tasks, notes, audit].map(getTableConfig);

const bumpRaw = async (raw: any, projectId: string, by: number) => {
  const p = await raw.get(projectId);
  if (p) await raw.patch(projectId, { taskCount: p.taskCount + by });
};
const log = (ctx: any, op: string, row: any) =>
  ctx.db.insert(audit).values({
    taskId: row._id,
    op,
    deleted: row.deletedAt != null,
    points: row.points,
    projectId: row.projectId,
  });
const triggers = defineTriggers(relations, {
  tasks: {
    beforeInsert: (row) => {
      if (row.points < 0) throw new Error('veto');
      return row.points > 100 ? { ...row, points: 100 } : undefined;
    },
    beforeUpdate: ({ old, new: next }) => {
      if (next.points < 0) throw new Error('veto');
      const out: Record<string, unknown> = {};
      if (next.points > 100) out.points = 100;
      // "archive instead of delete": a locked task stays live, and gains a point
      if (old.deletedAt == null && next.deletedAt != null && next.locked)
        return { deletedAt: null, points: Math.min(100, next.points + 1) };
      // frees a unique code of a row being soft-deleted (rows worth 5 points only)
      if (old.deletedAt == null && next.deletedAt != null && next.points === 5 && !next.code.includes('~'))
        out.code = `${next.code}~${next.deletedAt}`;
      return Object.keys(out).length ? out : undefined;
    },
    afterInsert: async ({ new: row }, ctx) => {
      if (row.deletedAt == null) await bumpRaw(ctx.raw, row.projectId, 1);
      await log(ctx, 'insert', row);
    },
    afterUpdate: async ({ old, new: row }, ctx) => {
      if (old.deletedAt == null) await bumpRaw(ctx.raw, old.projectId, -1);
      if (row.deletedAt == null) await bumpRaw(ctx.raw, row.projectId, 1);
      await log(ctx, 'update', row);
    },
    afterDelete: async ({ old }, ctx) => {
      if (old.deletedAt == null) await bumpRaw(ctx.raw, old.projectId, -1);
      await log(ctx, 'delete', old);
    },
  },
});
const open = { read: {}, insert: {}, update: {}, delete: {} };
const makeRules = (variant: 'simple' | 'relation') =>
  defineRules(relations, (ctx: any) => {
    const v = ctx.viewer as string;
    const mine = { ownerId: v as never };
    const readable = { OR: [{ public: true }, mine] };
    // relation variant: the owner of a (live) project reads every task of it
    const taskRead = variant === 'simple' ? mine : { OR: [mine, { project: { ownerId: v as never } }] };
    return {
      users: open,
      notes: open,
      audit: open,
      projects: { read: readable, insert: mine, update: { using: readable, check: readable }, delete: mine },
      tasks: {
        read: taskRead,
        insert: mine,
        update: { using: mine, check: mine },
        delete: { ...mine, locked: false },
      },
    };
  });
const orms = {
  simple: createOrm({ relations, triggers, rules: makeRules('simple'), cursorSecret: 'x'.repeat(40) }),
  relation: createOrm({ relations, triggers, rules: makeRules('relation'), cursorSecret: 'x'.repeat(40) }),
};

function codeOf(error: unknown): string {
  const e = error as { data?: { code?: string }; code?: string };
  return e?.data?.code ?? e?.code ?? String(error);
}
const strip = (r: any) => {
  const { _creationTime, ...rest } = r;
  return rest;
};

async function runSeed(seed: number, steps: number, verbose = false, variant: 'simple' | 'relation' = 'simple') {
  const orm = orms[variant];
  const { rand, pick } = seededPick(seed);
  const t = convexTest({ schema, modules, transactionLimits: true });
  const userIds = await insertTwoUsers(t);
  await t.run(async (ctx: any) => {
    const db = orm.db(ctx, { rules: false }) as any;
    const ps = await db
      .insert(projects)
      .values([
        { ownerId: userIds[0], name: 'i0', public: true },
        { ownerId: userIds[0], name: 'i1', public: false },
        { ownerId: userIds[1], name: 'i2', public: true },
        { ownerId: userIds[1], name: 'i3', public: false },
      ])
      .returning({ _id: projects._id });
    await db
      .insert(tasks)
      .values(
        ps.map((p: any, k: number) => ({ projectId: p._id, ownerId: userIds[k % 2], code: `i${k}`, points: k * 3 })),
      );
  });
  await backfillAll(t, tableConfigs);
  const snapshot = rawSnapshot(t, [
    'users',
    'projects',
    'tasks',
    'notes',
    'audit',
    'aggregate_bucket',
    'aggregate_state',
  ]);
  const history: string[] = [];
  const now = () => 1_700_000_000_000 + history.length;

  for (let i = 0; i < steps; i++) {
    const before = await snapshot();
    const actorIdx = rand() < 0.1 ? -1 : Math.floor(rand() * 2);
    const u = actorIdx < 0 ? null : userIds[actorIdx]!;
    const other = userIds[actorIdx === 0 ? 1 : 0]!;
    const owner = () => (u === null ? pick(userIds) : rand() < 0.85 ? u : other);
    const projIds = before.projects!.map((p) => p._id);
    const taskIds = before.tasks!.map((p) => p._id);
    const codes = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];
    const points = () => pick([-3, 0, 5, 20, 150]);
    const op = pick([
      'insProject',
      'insTasks',
      'insTasks',
      'upsert',
      'upsert',
      'updTask',
      'updTask',
      'delTask',
      'delProject',
      'updProject',
      'insNote',
    ] as const);
    let desc = '';
    let build: ((db: any) => any) | null = null;
    let taskOnly = false;
    let projectOnly = false;
    if (op === 'insProject') {
      const row = { ownerId: owner(), name: pick(['p0', 'p1', 'p2']), public: rand() < 0.5 };
      desc = `insert projects ${JSON.stringify(row)}`;
      build = (db) => db.insert(projects).values(row);
      projectOnly = true;
    } else if (op === 'insTasks' || op === 'upsert') {
      if (!projIds.length) continue;
      const n = rand() < 0.3 ? 2 : 1;
      const rows = Array.from({ length: n }, () => ({
        projectId: pick(projIds),
        ownerId: owner(),
        code: pick(codes),
        points: points(),
        locked: rand() < 0.25,
        ...(rand() < 0.15 ? { deletedAt: now() } : {}),
        ...(taskIds.length && rand() < 0.4 ? { parentId: pick(taskIds) } : {}),
      }));
      if (op === 'insTasks') {
        desc = `insert tasks ${JSON.stringify(rows)}`;
        build = (db) => db.insert(tasks).values(rows);
      } else {
        const set = pick([{ points: points() }, { deletedAt: null }, { deletedAt: now() }, { locked: false }, null]);
        desc = `upsert tasks ${JSON.stringify(rows)} ${set ? `doUpdate ${JSON.stringify(set)}` : 'doNothing'}`;
        build = (db) =>
          set
            ? db.insert(tasks).values(rows).onConflictDoUpdate({ target: tasks.code, set })
            : db.insert(tasks).values(rows).onConflictDoNothing();
      }
      taskOnly = true;
    } else if (op === 'updTask' || op === 'delTask') {
      if (!taskIds.length) continue;
      const whereKind = pick(['id', 'code', 'project'] as const);
      const where =
        whereKind === 'id'
          ? { _id: pick(taskIds) }
          : whereKind === 'code'
            ? { code: pick(codes) }
            : { projectId: pick(projIds) };
      if (op === 'updTask') {
        const setKind = pick(['points', 'fn', 'move', 'soft', 'restore', 'lock', 'owner', 'code', 'parent'] as const);
        const set =
          setKind === 'points'
            ? { points: points() }
            : setKind === 'fn'
              ? null
              : setKind === 'move'
                ? { projectId: pick(projIds) }
                : setKind === 'soft'
                  ? { deletedAt: now() }
                  : setKind === 'restore'
                    ? { deletedAt: null }
                    : setKind === 'lock'
                      ? { locked: rand() < 0.5 }
                      : setKind === 'code'
                        ? { code: pick(codes) }
                        : setKind === 'parent'
                          ? { parentId: rand() < 0.8 ? pick(taskIds) : null }
                          : { ownerId: other };
        desc = `update tasks set ${set ? JSON.stringify(set) : 'points+30'} where ${JSON.stringify(where)}`;
        build = (db) =>
          db
            .update(tasks)
            .set(set ?? ((r: any) => ({ points: r.points + 30 })))
            .where(where);
      } else {
        const hard = rand() < 0.4;
        desc = `delete${hard ? ' hard' : ''} tasks where ${JSON.stringify(where)}`;
        build = (db) => (hard ? db.delete(tasks).hard() : db.delete(tasks)).where(where);
      }
      taskOnly = true;
    } else if (op === 'delProject' || op === 'updProject') {
      if (!projIds.length) continue;
      const pid = pick(projIds);
      if (op === 'delProject') {
        const hard = rand() < 0.35;
        desc = `delete${hard ? ' hard' : ''} project ${pid}`;
        build = (db) => (hard ? db.delete(projects).hard() : db.delete(projects)).where(eq(projects._id, pid));
      } else {
        const set = pick([
          { public: rand() < 0.5 },
          { deletedAt: null },
          { deletedAt: now() },
          { name: pick(['p0', 'p1', 'p2']) },
        ]);
        desc = `update project ${pid} set ${JSON.stringify(set)}`;
        build = (db) => db.update(projects).set(set).where(eq(projects._id, pid));
      }
      projectOnly = true;
    } else if (op === 'insNote') {
      const taskId = taskIds.length && rand() < 0.8 ? pick(taskIds) : null;
      const taskCode = rand() < 0.7 ? pick([...before.tasks!.map((r) => r.code), 'c0']) : null;
      desc = `insert note ${taskId} ${taskCode}`;
      build = (db) => db.insert(notes).values({ taskId, taskCode, body: 'n' });
    }
    if (!build) continue;
    const who = u === null ? 'system' : u === userIds[0] ? 'A' : 'B';
    const withReturning = (taskOnly || projectOnly) && rand() < 0.5;
    let returned: any[] | null = null;
    const outcome: string = await t.run(async (ctx: any) => {
      const db = u === null ? orm.db(ctx, { rules: false }) : orm.db({ ...ctx, viewer: u } as never);
      try {
        const q = build!(db);
        if (withReturning) returned = await q.returning();
        else await q;
        return 'ok';
      } catch (error) {
        return codeOf(error);
      }
    });
    if (withReturning) desc += ' .returning()';
    history.push(`${who}: ${desc} -> ${outcome}`);
    const where = `seed ${seed} step ${i}\n${history.join('\n')}`;
    if (verbose) console.log(history.at(-1));
    const after = await snapshot();

    // G. a failed statement writes nothing
    if (outcome !== 'ok') {
      expect(after, `${where}\nfailed statement left writes`).toEqual(before);
    }
    // H. a user's own-table statement touches only rows its rules let it touch
    if (u !== null && (taskOnly || projectOnly)) {
      const tbl = taskOnly ? 'tasks' : 'projects';
      const pre = new Map(before[tbl]!.map((r) => [r._id, r]));
      const post = new Map(after[tbl]!.map((r) => [r._id, r]));
      const cmp = (r: any) => (r ? JSON.stringify({ ...strip(r), taskCount: 0 }) : '');
      for (const k of new Set([...pre.keys(), ...post.keys()])) {
        const a = pre.get(k);
        const b = post.get(k);
        if (cmp(a) === cmp(b)) continue;
        // a set-null action (not subject to rules) on a task whose parent the statement removed
        if (
          a &&
          b &&
          taskOnly &&
          b.parentId == null &&
          !post.has(a.parentId) &&
          cmp({ ...a, parentId: null }) === cmp({ ...b, parentId: null })
        )
          continue;
        const ok = (r: any) => (taskOnly ? r.ownerId === u : r.ownerId === u || r.public === true);
        if (a) expect(ok(a), `${where}\n${tbl} ${k} changed but not matchable by ${who}`).toBe(true);
        if (b) expect(ok(b), `${where}\n${tbl} ${k} written but fails check for ${who}`).toBe(true);
        const deletes = a && (!b || (a.deletedAt == null && b.deletedAt != null));
        if (deletes && taskOnly) expect(a.ownerId === u && a.locked === false, `${where}\ndelete rule ${k}`).toBe(true);
        if (deletes && projectOnly) expect(a.ownerId === u, `${where}\ndelete rule ${k}`).toBe(true);
      }
    }
    // J. returning(): only rows the actor may read; as stored after (insert/update), as matched (delete)
    if (returned) {
      const tbl = taskOnly ? 'tasks' : 'projects';
      const pre = new Map(before[tbl]!.map((r) => [r._id, r]));
      const post = new Map(after[tbl]!.map((r) => [r._id, r]));
      const isDelete = desc.startsWith('delete');
      for (const r of returned as any[]) {
        if (u !== null)
          expect(
            taskOnly ? taskVisible(after, u, r) || taskVisible(before, u, r) : r.ownerId === u || r.public === true,
            `${where}\nreturning() gave back a row ${who} cannot read: ${JSON.stringify(r)}`,
          ).toBe(true);
        const ref = isDelete ? pre.get(r._id) : post.get(r._id);
        const norm = (x: any) =>
          x &&
          JSON.stringify(
            Object.entries({ ...x, taskCount: 0, deletedAt: x.deletedAt ?? null, parentId: x.parentId ?? null })
              .filter(([k]) => k !== '_creationTime')
              .sort(),
          );
        expect(norm(r), `${where}\nreturning() row ${r._id}`).toEqual(norm(ref));
      }
    }
    // I. cascade outcome
    const pidDel = desc.split(' ').at(-1)!;
    if (
      outcome === 'ok' &&
      op === 'delProject' &&
      before.projects!.some((p) => p._id === pidDel && p.deletedAt == null)
    ) {
      const pid = pidDel;
      const live = after.tasks!.filter((r) => r.projectId === pid && r.deletedAt == null && !r.locked);
      expect(live, `${where}\nlive tasks under a deleted project`).toEqual(
        after.projects!.some((p) => p._id === pid && p.deletedAt == null) ? live : [],
      );
    }
    await check(after, where);
  }

  function taskVisible(raw: Record<string, any[]>, u: string, r: any) {
    if (r.ownerId === u) return true;
    if (variant === 'simple') return false;
    const p = raw.projects!.find((x) => x._id === r.projectId);
    return !!p && p.deletedAt == null && p.ownerId === u;
  }
  async function check(raw: Record<string, any[]>, where: string) {
    const liveTasks = raw.tasks!.filter((r) => r.deletedAt == null);
    // E. FK integrity, F. unique keys
    const projIds = new Set(raw.projects!.map((p) => p._id));
    const taskIds = new Set(raw.tasks!.map((p) => p._id));
    for (const r of raw.tasks!) expect(projIds.has(r.projectId), `${where}\ntask ${r._id} dangling`).toBe(true);
    const taskCodes = new Set(raw.tasks!.map((p) => p.code));
    for (const r of raw.notes!) {
      expect(r.taskId == null || taskIds.has(r.taskId), `${where}\nnote ${r._id} dangling`).toBe(true);
      expect(r.taskCode == null || taskCodes.has(r.taskCode), `${where}\nnote ${r._id} dangling code`).toBe(true);
    }
    for (const r of raw.tasks!)
      expect(r.parentId == null || taskIds.has(r.parentId), `${where}\ntask ${r._id} dangling parent`).toBe(true);
    expect(new Set(raw.tasks!.map((r) => r.code)).size, `${where}\nunique code`).toBe(raw.tasks!.length);
    expect(new Set(raw.projects!.map((r) => r.name)).size, `${where}\nunique name`).toBe(raw.projects!.length);
    for (const r of raw.tasks!) expect(r.points >= 0 && r.points <= 100, `${where}\npoints clamp ${r._id}`).toBe(true);
    // B. counters kept by the raw trigger
    for (const p of raw.projects!)
      expect(p.taskCount, `${where}\ntaskCount of ${p._id}`).toBe(
        liveTasks.filter((r) => r.projectId === p._id).length,
      );
    // C. audit: last entry per task = its state
    const last = new Map<string, any>();
    for (const a of raw.audit!) last.set(a.taskId, a);
    for (const r of raw.tasks!) {
      const a = last.get(r._id);
      expect(
        a && {
          op: a.op === 'delete' ? 'delete' : 'live',
          deleted: a.deleted,
          points: a.points,
          projectId: a.projectId,
        },
        `${where}\naudit of ${r._id}`,
      ).toEqual({ op: 'live', deleted: r.deletedAt != null, points: r.points, projectId: r.projectId });
    }
    for (const [k, a] of last) if (!taskIds.has(k)) expect(a.op, `${where}\naudit of removed ${k}`).toBe('delete');
    // A. served aggregates (system) and D. per user reads
    const sys = await t.run(async (ctx: any) => {
      const db = orm.db(ctx, { rules: false });
      const per: any[] = [];
      for (const p of raw.projects!) {
        const q = db.query.tasks.aggregate({ where: { projectId: p._id }, _count: true, _sum: { points: true } });
        per.push({ id: p._id, r: await q, explain: JSON.stringify(await q.explain()) });
      }
      const auditCount = await db.query.audit.count();
      return { per, auditCount };
    });
    expect(sys.auditCount, `${where}\naudit count`).toBe(raw.audit!.length);
    for (const { id, r, explain } of sys.per) {
      const rows = liveTasks.filter((x) => x.projectId === id);
      expect(explain, `${where}\nserved`).toContain('tasks_by_project');
      expect(r, `${where}\naggregate of ${id}`).toEqual({
        _count: rows.length,
        _sum: { points: rows.length ? rows.reduce((s, x) => s + x.points, 0) : null },
      });
    }
    for (const u of userIds) {
      const got = await t.run(async (ctx: any) => {
        const db = orm.db({ ...ctx, viewer: u } as never) as any;
        const per: any[] = [];
        for (const p of raw.projects!) {
          const q = db.query.tasks.aggregate({ where: { projectId: p._id }, _count: true, _sum: { points: true } });
          per.push({ id: p._id, r: await q, explain: JSON.stringify(await q.explain()) });
        }
        return {
          per,
          tasks: (await db.query.tasks.findMany({ columns: { _id: true } })).map((r: any) => r._id).sort(),
          tasksAll: (await db.query.tasks.findMany({ withDeleted: true, columns: { _id: true } }))
            .map((r: any) => r._id)
            .sort(),
          projects: (await db.query.projects.findMany({ columns: { _id: true } })).map((r: any) => r._id).sort(),
          withTasks: (
            await db.query.projects.findMany({
              columns: { _id: true },
              with: { tasks: { columns: { _id: true } } },
              _count: { tasks: true },
            })
          )
            .map((p: any) => ({ id: p._id, tasks: p.tasks.map((x: any) => x._id).sort(), n: p._count.tasks }))
            .sort((a: any, b: any) => (a.id < b.id ? -1 : 1)),
        };
      });
      const mineAll = raw.tasks!.filter((r) => taskVisible(raw, u, r));
      const mine = mineAll.filter((r) => r.deletedAt == null);
      expect(got.tasks, `${where}\ntasks for ${u}`).toEqual(mine.map((r) => r._id).sort());
      expect(got.tasksAll, `${where}\ntasks withDeleted for ${u}`).toEqual(mineAll.map((r) => r._id).sort());
      const visProjects = raw.projects!.filter((p) => p.deletedAt == null && (p.public || p.ownerId === u));
      expect(got.projects, `${where}\nprojects for ${u}`).toEqual(visProjects.map((p) => p._id).sort());
      expect(got.withTasks, `${where}\nwith tasks for ${u}`).toEqual(
        visProjects
          .map((p) => {
            const ids = mine
              .filter((r) => r.projectId === p._id)
              .map((r) => r._id)
              .sort();
            return { id: p._id, tasks: ids, n: ids.length };
          })
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      for (const { id, r, explain } of got.per) {
        const rows = mine.filter((x) => x.projectId === id);
        if (variant === 'simple') expect(explain, `${where}\nserved under rules`).toContain('tasks_by_owner');
        expect(r, `${where}\naggregate of ${id} for ${u}`).toEqual({
          _count: rows.length,
          _sum: { points: rows.length ? rows.reduce((s, x) => s + x.points, 0) : null },
        });
      }
    }
  }
  return history;
}

describe('cross-feature oracle: soft delete + aggregates + rules + triggers + FK + unique', () => {
  for (const variant of ['simple', 'relation'] as const)
    for (const seed of seedsFromEnv(8)) {
      it(`${variant} seed ${seed}`, async () => {
        await runSeed(seed, stepsFromEnv(), !!process.env.VERBOSE, variant);
      }, 30_000);
    }
});
