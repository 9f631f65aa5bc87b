// Claim check (from a review that found no bug; the reviewer ran SEEDS=200 x 20 steps, MULTI=0.4 x 200, MULTI=0.3 SEED0=300 SEEDS=150
// STEPS=30, SEED0=1000 SEEDS=100 STEPS=30: 0 divergences). Oracle 3 (cross-feature). MULTI=p runs up to 3 statements
// in one mutation, each caught, with probability p (per-transaction caches, one commit timestamp). What the two earlier oracles did not try: a beforeInsert hook
// that returns a NEW row object (normalizing the unique key, leaving out a $defaultFn column and a
// $onUpdateFn column) through multi-row inserts and upserts (DoNothing / DoUpdate with setWhere),
// custom(v.commitTs()) columns stamped by hooks (ctx.raw.vars.commitTs) and by after-hooks' audit rows,
// a deletion('scheduled') parent with the jobs run between steps, rules, aggregates served.
// Invariants after every step against raw tables: served aggregates = recount (aggregates.md), per-user
// reads = rule filter (rules.md), audit last state (triggers.md), FK/unique, failed statement wrote nothing
// (mutations.md), a left-out $defaultFn column keeps the value the hook was shown when the ORM made it (triggers.md),
// every row a step wrote holds the step's one commit timestamp (schema.md commitTs).

import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  aggregateIndex,
  boolean,
  convexTable,
  custom,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  index,
  text,
  timestamp,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import {
  collectingScheduler,
  expectFailedStepWroteNothing,
  ormWithScheduledDelete,
  pickActor,
  rawSnapshot,
  seedsFromEnv,
  startWorld,
  stepsFromEnv,
  tasksTable,
} from './crossFeatureWorld';

let tok = 0;
const users = convexTable('users', { name: text().notNull() });
const projects = convexTable(
  'projects',
  {
    ownerId: id('users').notNull(),
    name: text().notNull().unique(),
    stamp: custom(v.commitTs()),
    deletedAt: timestamp(),
  },
  (t) => [index('by_owner').on(t.ownerId, t.deletedAt), deletion('scheduled', { column: t.deletedAt, delayMs: 1000 })],
);
const tasks = tasksTable(() => projects._id, {
  token: text()
    .notNull()
    .$defaultFn(() => `k${++tok}`),
  touched: boolean()
    .notNull()
    .default(false)
    .$onUpdateFn(() => true),
  stamp: custom(v.commitTs()),
});
const audit = convexTable(
  'audit',
  { taskId: text().notNull(), op: text().notNull(), state: text().notNull(), at: custom(v.commitTs()) },
  (t) => [aggregateIndex('audit_by_op').on(t.op).count()],
);
const all = { users, projects, tasks, audit };
const schema = defineSchema(all);
const relations = defineRelations(all, (r) => ({
  projects: { tasks: r.many.tasks() },
  tasks: { project: r.one.projects({ from: r.tasks.projectId, to: r.projects._id }) },
}));
const tableConfigs = Object.values(all).map(getTableConfig);
const stateOf = (r: any) =>
  JSON.stringify([r.projectId, r.ownerId, r.code, r.points, r.token, r.parentId ?? null, r.deletedAt ?? null]);
let shown: { code: string; token: string }[] = [];
const triggers = defineTriggers(relations, {
  tasks: {
    beforeInsert: (row, ctx) => {
      if (row.points < 0) throw new Error('veto');
      const code = row.code.trim().toLowerCase();
      shown.push({ code, token: row.token });
      const out: any = {
        projectId: row.projectId,
        ownerId: row.ownerId,
        code,
        points: Math.min(100, row.points),
        stamp: (ctx.raw as any).vars.commitTs,
      };
      if (row.parentId != null) out.parentId = row.parentId;
      if (row.deletedAt != null) out.deletedAt = row.deletedAt;
      return out;
    },
    beforeUpdate: ({ new: next }, ctx) => {
      if (next.points < 0) throw new Error('veto');
      return { ...(next.points > 100 ? { points: 100 } : {}), stamp: (ctx.raw as any).vars.commitTs };
    },
    afterChange: async (c: any, ctx) => {
      await ctx.db.insert(audit).values({
        taskId: c.id,
        op: c.operation,
        state: c.new ? stateOf(c.new) : 'gone',
        at: (ctx.raw as any).vars.commitTs,
      });
    },
  },
});
const rules = defineRules(relations, (ctx: any) => {
  const mine = { ownerId: ctx.viewer as never };
  return {
    users: {},
    audit: {},
    projects: { read: {}, insert: mine, update: mine, delete: mine },
    tasks: { read: mine, insert: mine, update: { using: mine, check: mine }, delete: mine },
  };
});
const { orm, runJobs } = ormWithScheduledDelete({ relations, triggers, rules });
const codeOf = (e: any) => e?.data?.code ?? e?.code ?? `${e?.constructor?.name}: ${e?.message}`;

async function runSeed(seed: number, steps: number) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const { rand, pick, jobs, scheduler, U } = await startWorld(seed, t, tableConfigs);
  await t.run(async (ctx: any) => {
    const db = orm.db({ ...ctx, scheduler }, { rules: false }) as any;
    await db.insert(projects).values([
      { name: 'p0', ownerId: U[0] },
      { name: 'p1', ownerId: U[1] },
    ]);
  });
  const snapshot = rawSnapshot(t, ['projects', 'tasks', 'audit', 'aggregate_bucket']);
  const history: string[] = [];
  let clock = 1_700_000_000_000;
  for (let i = 0; i < steps; i++) {
    const before = await snapshot();
    const jobsBefore = jobs.length;
    const { u, who, owner } = pickActor(rand, pick, U, 0.15);
    const projIds = before.projects!.map((p) => p._id);
    const taskIds = before.tasks!.map((p) => p._id);
    const codes = ['c0', ' C0', 'c1', 'C1 ', 'c2', 'c3'];
    const points = () => pick([-3, 0, 5, 20, 150]);
    const newTask = () => ({
      projectId: pick(projIds),
      ownerId: owner(),
      code: pick(codes),
      points: points(),
      ...(rand() < 0.15 ? { deletedAt: ++clock } : {}),
      ...(taskIds.length && rand() < 0.3 ? { parentId: pick(taskIds) } : {}),
      ...(rand() < 0.2 ? { token: 'given' } : {}),
    });
    const gen = (): {
      op: string;
      desc: string;
      fn: ((db: any, ctx: any) => Promise<unknown>) | null;
      returning: boolean;
    } => {
      const op = pick([
        'ins',
        'ins',
        'upsert',
        'upsert',
        'upsert',
        'upd',
        'upd',
        'del',
        'delProject',
        'restoreProject',
        'renameProject',
        'insProject',
        'jobs',
      ] as const);
      let desc = op as string;
      let fn: ((db: any, ctx: any) => Promise<unknown>) | null = null;
      let returning = false;
      if ((op === 'ins' || op === 'upsert') && projIds.length) {
        const rows = Array.from({ length: 1 + Math.floor(rand() * 3) }, newTask);
        returning = rand() < 0.4;
        if (op === 'ins') {
          desc = `insert tasks ${JSON.stringify(rows)}`;
          fn = (db) => db.insert(tasks).values(rows);
        } else {
          const kind = pick(['nothing', 'nothingCode', 'update', 'update'] as const);
          const set = pick<any>([
            { points: points() },
            { deletedAt: null },
            { deletedAt: ++clock },
            { projectId: pick(projIds) },
            { token: 'set' },
            { parentId: taskIds.length ? pick(taskIds) : null },
          ]);
          const setWhere = rand() < 0.3 ? { points: { lt: 50 } } : undefined;
          desc = `upsert tasks ${JSON.stringify(rows)} ${kind} ${kind === 'update' ? JSON.stringify({ set, setWhere }) : ''}`;
          fn = (db) => {
            const q = db.insert(tasks).values(rows);
            return kind === 'nothing'
              ? q.onConflictDoNothing()
              : kind === 'nothingCode'
                ? q.onConflictDoNothing({ target: tasks.code })
                : q.onConflictDoUpdate({ target: tasks.code, set, ...(setWhere ? { setWhere } : {}) });
          };
        }
      } else if ((op === 'upd' || op === 'del') && taskIds.length) {
        const where = pick<any>([
          { _id: pick(taskIds) },
          { code: pick(['c0', 'c1', 'c2']) },
          { projectId: pick(projIds) },
        ]);
        if (op === 'upd') {
          const set = pick<any>([
            { points: points() },
            { deletedAt: null },
            { deletedAt: ++clock },
            { projectId: pick(projIds) },
            { code: pick(['c0', 'c1', 'c5']) },
            { parentId: rand() < 0.8 ? pick(taskIds) : null },
            'spread',
          ]);
          returning = rand() < 0.4;
          desc = `update tasks set ${JSON.stringify(set)} where ${JSON.stringify(where)}`;
          fn = (db) =>
            db
              .update(tasks)
              .set(set === 'spread' ? (r: any) => ({ ...r, points: r.points + 7 }) : set)
              .where(where);
        } else {
          const hard = rand() < 0.4;
          desc = `delete${hard ? ' hard' : ''} tasks where ${JSON.stringify(where)}`;
          fn = (db) => (hard ? db.delete(tasks).hard() : db.delete(tasks)).where(where);
        }
      } else if ((op === 'delProject' || op === 'restoreProject' || op === 'renameProject') && projIds.length) {
        const p = pick(before.projects!);
        if (op === 'delProject') {
          const hard = rand() < 0.25;
          desc = `delete${hard ? ' hard' : ''} project ${p.name}`;
          fn = (db) => (hard ? db.delete(projects).hard() : db.delete(projects)).where(eq(projects._id, p._id));
        } else if (op === 'restoreProject') {
          desc = `restore project ${p.name}`;
          fn = (db, ctx) =>
            db.update(projects).set({ deletedAt: null, stamp: ctx.db.vars.commitTs }).where(eq(projects._id, p._id));
        } else {
          const to = pick(['p0', 'p1', 'p2']);
          desc = `rename project ${p.name} -> ${to}`;
          fn = (db, ctx) =>
            db.update(projects).set({ name: to, stamp: ctx.db.vars.commitTs }).where(eq(projects._id, p._id));
        }
      } else if (op === 'insProject') {
        const row = { name: pick(['p0', 'p1', 'p2', 'p3']), ownerId: owner() };
        desc = `insert project ${JSON.stringify(row)}`;
        fn = (db) => db.insert(projects).values(row);
      } else if (op === 'jobs') {
        desc = `run ${jobs.length} jobs`;
        fn = (_db, ctx) => runJobs(ctx, jobs);
      }
      return { op, desc, fn, returning };
    };
    let { op, desc, fn, returning } = gen();
    if (rand() < (process.env.MULTI ? +process.env.MULTI : 0)) {
      const parts = [gen(), gen(), gen()].filter((g) => g.fn && g.op !== 'jobs');
      op = 'multi';
      returning = false;
      desc = `multi [${parts.map((g) => g.desc).join(' ; ')}]`;
      fn = async (db, ctx) => {
        const outs: string[] = [];
        for (const g of parts)
          outs.push(
            await g.fn!(db, ctx).then(
              () => 'ok',
              (e) => codeOf(e),
            ),
          );
        desc += ` => ${outs.join(',')}`;
      };
    }
    if (!fn) continue;
    shown = [];
    let returned: any[] | null = null;
    const outcome = await t.run(async (ctx: any) => {
      const c = { ...ctx, scheduler, viewer: u };
      const db = u === null || op === 'jobs' ? orm.db(c, { rules: false }) : orm.db(c as never);
      try {
        const q = fn!(db, c) as any;
        if (returning) returned = await q.returning();
        else await q;
        return 'ok';
      } catch (e) {
        return codeOf(e);
      }
    });
    history.push(`${who}: ${desc}${returning ? ' .returning()' : ''} -> ${outcome}`);
    if (process.env.VERBOSE) console.log(history.at(-1));
    const where = `seed ${seed} step ${i}\n${history.join('\n')}`;
    const after = await snapshot();
    if (outcome !== 'ok' && op !== 'multi') expectFailedStepWroteNothing(where, before, after, jobs.length, jobsBefore);
    if (op === 'jobs' && outcome !== 'ok') throw new Error(`${where}\njob failed`);
    // $defaultFn left out by the hook's returned row: the stored token is the one the hook was shown
    // when the ORM made it; a token the caller gave ('given') is left out, so a new default is made.
    const pre = new Map(before.tasks!.map((r) => [r._id, r]));
    for (const r of after.tasks!)
      if (!pre.has(r._id))
        expect(
          r.token === 'set' ||
            shown.some((s) => s.token === r.token) ||
            (r.token.startsWith('k') && shown.some((s) => s.code === r.code && s.token === 'given')),
          `${where}\nnew task ${r.code} token ${r.token} neither shown to the hook nor made for a given one ${JSON.stringify(shown)}`,
        ).toBe(true);
    // commitTs: every task row the step wrote holds one bigint, and the audit rows it added too
    const stamps = new Set<string>();
    for (const r of after.tasks!) {
      const a = pre.get(r._id);
      if (!a || stateOf(a) !== stateOf(r)) {
        expect(typeof r.stamp, `${where}\nstamp of written ${r._id}`).toBe('bigint');
        if (!a || a.stamp !== r.stamp) stamps.add(String(r.stamp));
      }
    }
    const preAudit = new Set(before.audit!.map((r) => r._id));
    for (const a of after.audit!) if (!preAudit.has(a._id)) stamps.add(String(a.at));
    expect(stamps.size, `${where}\none commit timestamp per step ${[...stamps]}`).toBeLessThanOrEqual(1);
    if (returned) {
      for (const r of returned as any[]) {
        if (u !== null) expect(r.ownerId, `${where}\nreturning unreadable`).toBe(u);
      }
    }
    await check(after, where);
  }

  async function check(raw: Record<string, any[]>, where: string) {
    const projIds = new Set(raw.projects!.map((p) => p._id));
    const taskIds = new Set(raw.tasks!.map((p) => p._id));
    for (const r of raw.tasks!) {
      expect(projIds.has(r.projectId), `${where}\ntask ${r._id} dangling`).toBe(true);
      expect(r.parentId == null || taskIds.has(r.parentId), `${where}\nparent dangling`).toBe(true);
      expect(r.code, `${where}\nnormalized`).toBe(r.code.trim().toLowerCase());
      expect(r.points >= 0 && r.points <= 100, `${where}\nclamp`).toBe(true);
    }
    expect(new Set(raw.tasks!.map((r) => r.code)).size, `${where}\nunique code`).toBe(raw.tasks!.length);
    expect(new Set(raw.projects!.map((r) => r.name)).size, `${where}\nunique name`).toBe(raw.projects!.length);
    const last = new Map<string, any>();
    for (const a of raw.audit!) last.set(a.taskId, a);
    for (const r of raw.tasks!) expect(last.get(r._id)?.state, `${where}\naudit of ${r._id}`).toBe(stateOf(r));
    for (const [k, a] of last) if (!taskIds.has(k)) expect(a.state, `${where}\naudit of gone ${k}`).toBe('gone');
    const live = raw.tasks!.filter((r) => r.deletedAt == null);
    const agg = (rows: any[]) => ({
      _count: rows.length,
      _sum: { points: rows.length ? rows.reduce((s, x) => s + x.points, 0) : null },
    });
    const got = await t.run(async (ctx: any) => {
      const db = orm.db(ctx, { rules: false }) as any;
      const sys: any[] = [];
      for (const p of raw.projects!) {
        const q = db.query.tasks.aggregate({ where: { projectId: p._id }, _count: true, _sum: { points: true } });
        sys.push({ id: p._id, r: await q, ex: JSON.stringify(await q.explain()) });
      }
      const ops = await db.query.audit.groupBy({ by: ['op'], _count: true });
      const user: any = {};
      for (const u of U) {
        const udb = orm.db({ ...ctx, viewer: u } as never) as any;
        const per: any[] = [];
        for (const p of raw.projects!) {
          const q = udb.query.tasks.aggregate({ where: { projectId: p._id }, _count: true, _sum: { points: true } });
          per.push({ id: p._id, r: await q, ex: JSON.stringify(await q.explain()) });
        }
        user[u] = {
          per,
          rows: (await udb.query.tasks.findMany({ columns: { _id: true } })).map((r: any) => r._id).sort(),
          count: await udb.query.tasks.count(),
          projs: (await udb.query.projects.findMany({ columns: { _id: true }, _count: { tasks: true } }))
            .map((p: any) => `${p._id}:${p._count.tasks}`)
            .sort(),
        };
      }
      return { sys, ops, user };
    });
    for (const { id, r, ex } of got.sys) {
      expect(ex, `${where}\nserved`).toContain('tasks_by_project');
      expect(r, `${where}\nsys agg ${id}`).toEqual(agg(live.filter((x) => x.projectId === id)));
    }
    const opCounts = new Map<string, number>();
    for (const l of raw.audit!) opCounts.set(l.op, (opCounts.get(l.op) ?? 0) + 1);
    expect(
      [...got.ops].sort((a: any, b: any) => (a.op < b.op ? -1 : 1)),
      `${where}\naudit groupBy`,
    ).toEqual([...opCounts].sort().map(([op, n]) => ({ op, _count: n })));
    for (const u of U) {
      const mine = live.filter((r) => r.ownerId === u);
      const g = got.user[u];
      expect(g.rows, `${where}\nrows for ${u}`).toEqual(mine.map((r) => r._id).sort());
      expect(g.count, `${where}\ncount for ${u}`).toBe(mine.length);
      for (const { id, r, ex } of g.per) {
        expect(ex, `${where}\nserved under rules`).toContain('tasks_by_owner');
        expect(r, `${where}\nuser agg ${id}`).toEqual(agg(mine.filter((x) => x.projectId === id)));
      }
      const liveProjects = raw.projects!.filter((p) => p.deletedAt == null);
      expect(g.projs, `${where}\n_count tasks for ${u}`).toEqual(
        liveProjects.map((p) => `${p._id}:${mine.filter((x) => x.projectId === p._id).length}`).sort(),
      );
    }
  }
}

describe('probe: scheduled-table soft delete through an upsert / a beforeInsert-built row', () => {
  it('upsert onConflictDoUpdate set deletedAt on a scheduled table schedules the job and cascades', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const { jobs, scheduler } = collectingScheduler();
    const out = await t.run(async (ctx: any) => {
      const u = await ctx.db.insert('users', { name: 'A' });
      const c = { ...ctx, scheduler, viewer: u };
      const db = orm.db(c as never) as any;
      await db.insert(projects).values({ name: 'p', ownerId: u });
      const [p] = await db.query.projects.findMany({});
      await db.insert(tasks).values({ projectId: p._id, ownerId: u, code: 'a', points: 1 });
      const r = await db
        .insert(projects)
        .values({ name: 'p', ownerId: u })
        .onConflictDoUpdate({ target: projects.name, set: { deletedAt: 5 } })
        .returning();
      const raw = await ctx.db.query('tasks').collect();
      return { r: r.map((x: any) => x.deletedAt), tasks: raw.map((x: any) => x.deletedAt), pid: p._id };
    });
    expect(out.r).toEqual([5]);
    expect(out.tasks).toEqual([5]);
    expect(jobs.length).toBe(1);
    await t.run((ctx: any) => runJobs(ctx, jobs));
    const left = await t.run(async (ctx: any) => ({
      p: (await ctx.db.query('projects').collect()).length,
      t: (await ctx.db.query('tasks').collect()).length,
      b: (await ctx.db.query('aggregate_bucket').collect()).map((b: any) => b.count ?? b),
    }));
    expect({ p: left.p, t: left.t }).toEqual({ p: 0, t: 0 });
  });
});

describe('cross-feature oracle 3: hook-built rows, upserts, commitTs, scheduled parent, rules, aggregates', () => {
  for (const seed of seedsFromEnv(4))
    it(`seed ${seed}`, async () => {
      await runSeed(seed, stepsFromEnv());
    }, 60_000);
});
