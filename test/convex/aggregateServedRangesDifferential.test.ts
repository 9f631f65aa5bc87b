// Served aggregate reads equal a recount of the rows, whatever wrote them (docs/aggregates.md,
// Maintenance: "Every ORM write keeps the buckets exact, in the same transaction"; Read: equality on
// a key prefix plus one range, inclusive or exclusive bounds, "same results either way"). Seeded
// writes through inserts, key moves, set(fn) updates, deletes, both upsert branches, set null,
// scheduled soft deletes whose jobs hard-delete with cascades, restores, hard cascades, a
// transaction whose nested part is rolled back and caught, a failing multi-row insert, and
// migration patches in both write modes, with the backfill running between writes; after each,
// served count / aggregate / groupBy (ranges, desc order, null keys, bigint and float sums,
// min/max) and relation _counts equal a recount of the raw rows (float sums and averages equal the
// scanned read's), and no bucket holds a count <= 0.
import { internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  type AnyColumn,
  aggregateIndex,
  bigint,
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  integer,
  number,
  text,
  timestamp,
} from '../../src/index';
import { writePatch } from '../../src/migrations/write';
import { getTableConfig } from '../../src/schema/table';
import { seededRandom } from '../seededRandom';

const users = convexTable('users', { name: text().notNull() });
const projects = convexTable('projects', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const tasks = convexTable(
  'tasks',
  {
    code: text().notNull().unique(),
    projectId: id('projects')
      .notNull()
      .references((): AnyColumn => projects._id, { onDelete: 'cascade' }),
    ownerId: id('users').references((): AnyColumn => users._id, { onDelete: 'set null' }),
    prio: integer(),
    label: text(),
    est: number(),
    big: bigint(),
    due: timestamp(),
  },
  (t) => [
    index('by_project').on(t.projectId),
    index('by_owner').on(t.ownerId),
    aggregateIndex('t_by_prio')
      .on(t.prio)
      .count()
      .sum(t.est)
      .sum(t.big)
      .avg(t.est)
      .avg(t.big)
      .min(t.due)
      .max(t.due)
      .min(t.est)
      .max(t.est),
    aggregateIndex('t_by_label_prio').on(t.label, t.prio).count().sum(t.big).shards(2),
    aggregateIndex('t_by_owner').on(t.ownerId).count().sum(t.est),
    aggregateIndex('t_by_project').on(t.projectId).count().shards(1),
    aggregateIndex('t_all').all().count().sum(t.big).sum(t.est),
  ],
);
const all = { users, projects, tasks };
const schema = defineSchema(all);
const relations = defineRelations(all, (r) => ({
  users: { tasks: r.many.tasks() },
  projects: { tasks: r.many.tasks() },
  tasks: {
    owner: r.one.users({ from: r.tasks.ownerId, to: r.users._id }),
    project: r.one.projects({ from: r.tasks.projectId, to: r.projects._id }),
  },
}));
const orm = createOrm({ relations, scheduledDelete: 'deletions:scheduledDelete' as never });
const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
const tableConfigs = [users, projects, tasks].map(getTableConfig);

const LABELS = ['a', 'b', 'c', null] as const;
const ESTS = [0.1, 0.2, 0.3, 1e16, -1e16, 2.5, -0.75, 1 / 3, 0, null];
const BIGS = [1n, -3n, 2n ** 56n, -(2n ** 56n), 2n ** 53n + 1n, 0n, null];

type Row = Record<string, any>;

describe('served aggregate reads over ranges equal a recount after seeded writes', () => {
  const seeds = Array.from({ length: 3 }, (_, i) => 900 + i);
  it.each(seeds)(
    'seed %i',
    async (seed) => {
      const next = seededRandom(seed);
      const int = (n: number) => Math.floor(next() * n);
      const pick = <T>(list: readonly T[]) => list[int(list.length)]!;
      const t = convexTest({ schema, modules });
      const jobs: unknown[] = [];
      const scheduler = {
        runAfter: async (_ms: number, _fn: unknown, args: unknown) => {
          jobs.push(args);
          return 'job' as never;
        },
      };
      const run = <R>(fn: (db: any, ctx: any) => Promise<R>) =>
        t.run((ctx) => fn(orm.db({ ...ctx, scheduler } as never), { ...ctx, scheduler }));
      const backfill = async () => {
        for (;;) {
          const step = await t.run((ctx) => backfillNext(ctx.db as never, tableConfigs, 3));
          if (step.batch === null) return;
        }
      };
      // Some rows before the indexes are built: the backfill counts them.
      await run(async (db) => {
        const [u] = await db.insert(users).values({ name: 'u0' }).returning();
        const [p] = await db.insert(projects).values({ name: 'p0' }).returning();
        for (let i = 0; i < 5; i++)
          await db
            .insert(tasks)
            .values({ code: `pre${i}`, projectId: p._id, ownerId: u._id, prio: i % 3, label: 'a', est: 0.1, big: 5n });
      });
      // Backfill interleaved with writes.
      let backfilling = true;
      for (let n = 0; n < 30; n++) {
        const what = await run(async (db, ctx) => {
          const us: Row[] = await ctx.db.query('users').collect();
          const ps: Row[] = await ctx.db.query('projects').collect();
          const ts: Row[] = await ctx.db.query('tasks').collect();
          if (us.length < 2) {
            await db.insert(users).values({ name: `u${n}` });
            return 'insert user';
          }
          if (ps.filter((p) => p.deletedAt == null).length < 2) {
            await db.insert(projects).values({ name: `p${n}` });
            return 'insert project';
          }
          const live = ps.filter((p) => p.deletedAt == null);
          const task = ts.length ? pick(ts) : undefined;
          const newTask = (i: number) => ({
            code: `t${n}-${i}`,
            projectId: pick(live)._id,
            ownerId: next() < 0.2 ? null : pick(us)._id,
            prio: next() < 0.2 ? null : int(5) - 1,
            label: pick(LABELS),
            est: pick(ESTS),
            big: pick(BIGS),
            due: next() < 0.2 ? null : 1000 + int(50),
          });
          switch (int(13)) {
            case 0:
              await db.insert(tasks).values(Array.from({ length: 1 + int(4) }, (_, i) => newTask(i)));
              return 'insert';
            case 1:
              if (!task) return 'none';
              await db
                .update(tasks)
                .set({ prio: newTask(0).prio, label: newTask(0).label, ownerId: newTask(0).ownerId })
                .where(eq(tasks._id, task._id));
              return 'move';
            case 2: {
              const p = pick([0, 1, 2, 3]);
              await db
                .update(tasks)
                .set({ est: pick(ESTS), big: pick(BIGS), due: newTask(0).due })
                .where({ prio: p });
              return 'update sums';
            }
            case 3:
              if (!task) return 'none';
              await db.delete(tasks).where(eq(tasks._id, task._id));
              return 'delete';
            case 4: {
              const code = task && next() < 0.6 ? task.code : `u${n}`;
              await db
                .insert(tasks)
                .values({ ...newTask(0), code })
                .onConflictDoUpdate({
                  target: tasks.code,
                  set: { prio: newTask(0).prio, big: pick(BIGS), est: pick(ESTS) },
                });
              return 'upsert';
            }
            case 5: {
              const u = pick(us);
              await db.delete(users).where(eq(users._id, u._id));
              return 'delete user (set null)';
            }
            case 6: {
              const p = pick(live);
              await db.delete(projects).where(eq(projects._id, p._id));
              return 'soft delete project (scheduled)';
            }
            case 7: {
              const fn = (scheduledDelete as any)._handler;
              const mine = jobs.splice(0);
              for (const args of mine) await fn(ctx, args);
              return `ran ${mine.length} jobs`;
            }
            case 8: {
              const deleted = ps.filter((p) => p.deletedAt != null);
              if (!deleted.length) return 'none';
              await db
                .update(projects)
                .set({ deletedAt: null })
                .where(eq(projects._id, pick(deleted)._id));
              return 'restore project';
            }
            case 9: {
              const p = pick(ps);
              await db.delete(projects).hard().where(eq(projects._id, p._id));
              return 'hard delete project';
            }
            case 10: {
              await db.transaction(async (tx: any) => {
                await tx.insert(tasks).values(newTask(0));
                try {
                  await tx.transaction(async (tx2: any) => {
                    await tx2.insert(tasks).values(newTask(1));
                    if (task) await tx2.update(tasks).set({ prio: 3 }).where(eq(tasks._id, task._id));
                    tx2.rollback();
                  });
                } catch {}
                // A failing statement: duplicate code.
                try {
                  await tx.insert(tasks).values([newTask(2), { ...newTask(3), code: `t${n}-2` }]);
                } catch {}
              });
              return 'transaction';
            }
            case 11: {
              if (!task) return 'none';
              await writePatch(ctx, { schema: orm.schema, db }, {
                table: 'tasks',
                id: task._id,
                old: task,
                changes: { prio: newTask(0).prio, big: pick(BIGS), est: pick(ESTS), label: newTask(0).label },
                writeMode: next() < 0.5 ? 'safe_bypass' : 'normal',
              } as never);
              return 'migration patch';
            }
            default: {
              const f = await db
                .update(tasks)
                .set((r: Row) => ({ big: r.big == null ? 1n : r.big + 1n }))
                .where({ label: pick(LABELS) ?? 'a' });
              return `set fn ${f}`;
            }
          }
        });
        if (backfilling) {
          const step = await t.run((ctx) => backfillNext(ctx.db as never, tableConfigs, 2));
          if (step.batch === null) backfilling = false;
        }
        await run(async (db, ctx) => {
          const rows: Row[] = await ctx.db.query('tasks').collect();
          const label = `seed ${seed} step ${n} (${what})`;
          await compare(db, ctx, rows, label, !backfilling);
        });
      }
      await backfill();
      await run(async (db, ctx) => compare(db, ctx, await ctx.db.query('tasks').collect(), `seed ${seed} end`, true));
    },
    60_000,
  );
});

const key = (v: unknown) => (v === undefined ? 'null' : typeof v === 'bigint' ? `${v}n` : JSON.stringify(v));
function recount(rows: Row[]) {
  const est = rows.map((r) => r.est).filter((v) => typeof v === 'number');
  const big = rows.map((r) => r.big).filter((v) => typeof v === 'bigint');
  const dues = rows.map((r) => r.due).filter((v) => typeof v === 'number');
  return {
    _count: rows.length,
    bigSum: big.length ? big.reduce((a, b) => a + b, 0n) : null,
    dueMin: dues.length ? Math.min(...dues) : null,
    dueMax: dues.length ? Math.max(...dues) : null,
    estMin: est.length ? Math.min(...est) : null,
    estMax: est.length ? Math.max(...est) : null,
    estN: est.length,
  };
}
const inRange = (v: unknown, lo: number | undefined, loInc: boolean, hi: number | undefined, hiInc: boolean) =>
  typeof v === 'number' &&
  (lo === undefined || (loInc ? v >= lo : v > lo)) &&
  (hi === undefined || (hiInc ? v <= hi : v < hi));

async function compare(db: any, ctx: any, rows: Row[], label: string, ready: boolean) {
  const servedCheck = async (q: any, what: string) => {
    const ex = String((await q.explain()).aggregate);
    if (ready) expect(ex, `${label}: ${what} served`).toMatch(/^aggregate index/);
  };
  // unfiltered
  const all = recount(rows);
  const qa = db.query.tasks.aggregate({ _count: true, _sum: { big: true } });
  await servedCheck(qa, 'all');
  const bigAll = all.bigSum;
  const fits = bigAll === null || (bigAll <= 2n ** 63n - 1n && bigAll >= -(2n ** 63n));
  if (fits) expect(await qa, `${label}: all`).toEqual({ _count: all._count, _sum: { big: bigAll } });
  // prio eq, each value and null
  for (const p of [-1, 0, 1, 2, 3, null]) {
    const sel = rows.filter((r) => (r.prio ?? null) === p);
    const f = recount(sel);
    const where = p === null ? { prio: { isNull: true } } : { prio: p };
    const q = db.query.tasks.aggregate({
      where,
      _count: true,
      _min: { due: true, est: true },
      _max: { due: true, est: true },
    });
    if (p !== null) await servedCheck(q, `prio ${p}`);
    expect(await q, `${label}: prio ${p}`).toEqual({
      _count: f._count,
      _min: { due: f.dueMin, est: f.estMin },
      _max: { due: f.dueMax, est: f.estMax },
    });
    // the served sum vs the scanned one (a residual true filter forces the scan)
    const s1 = await db.query.tasks.aggregate({ where, _sum: { est: true }, _avg: { est: true, big: true } });
    const s2 = await db.query.tasks.aggregate({
      where: { AND: [where, { OR: [{ code: { ne: 'zz' } }, { code: 'zz' }] }] },
      _sum: { est: true },
      _avg: { est: true, big: true },
    });
    expect(s1, `${label}: prio ${p} served sum = scanned sum`).toEqual(s2);
  }
  // prio ranges
  for (const [lo, loInc, hi, hiInc] of [
    [0, true, 2, false],
    [0, false, 2, true],
    [undefined, false, 1, true],
    [1, true, undefined, false],
    [-1, false, undefined, false],
    [undefined, false, 0, false],
  ] as const) {
    const where: Row = { prio: {} };
    if (lo !== undefined) where.prio[loInc ? 'gte' : 'gt'] = lo;
    if (hi !== undefined) where.prio[hiInc ? 'lte' : 'lt'] = hi;
    const sel = rows.filter((r) => inRange(r.prio, lo, loInc, hi, hiInc));
    const q = db.query.tasks.count({ where });
    await servedCheck(q, `prio range ${JSON.stringify(where)}`);
    expect(await q, `${label}: count ${JSON.stringify(where)}`).toBe(sel.length);
    // groupBy prio within the range, desc
    const g = db.query.tasks.groupBy({
      by: ['prio'],
      where,
      _count: true,
      _max: { due: true },
      orderBy: { prio: 'desc' },
    });
    await servedCheck(g, `groupBy prio range ${JSON.stringify(where)}`);
    const groups = new Map<string, Row[]>();
    for (const r of sel) groups.set(key(r.prio), [...(groups.get(key(r.prio)) ?? []), r]);
    const expected = [...groups.values()]
      .map((rs) => ({ prio: rs[0]!.prio ?? null, _count: rs.length, _max: { due: recount(rs).dueMax } }))
      .sort((a, b) => (b.prio ?? -Infinity) - (a.prio ?? -Infinity));
    expect(await g, `${label}: groupBy ${JSON.stringify(where)}`).toEqual(expected);
    // label eq + prio range
    for (const l of ['a', 'b']) {
      const w = { label: l, ...where };
      const q2 = db.query.tasks.aggregate({ where: w, _count: true, _sum: { big: true } });
      await servedCheck(q2, `label+range`);
      const s = rows.filter((r) => r.label === l && inRange(r.prio, lo, loInc, hi, hiInc));
      const f = recount(s);
      expect(await q2, `${label}: ${JSON.stringify(w)}`).toEqual({ _count: f._count, _sum: { big: f.bigSum } });
    }
  }
  // groupBy label (prefix of t_by_label_prio), with null labels
  const g2 = db.query.tasks.groupBy({
    by: ['label'],
    _count: true,
    _sum: { big: true },
    orderBy: { _count: 'desc', label: 'asc' },
  });
  await servedCheck(g2, 'groupBy label');
  const byLabel = new Map<string, Row[]>();
  for (const r of rows) byLabel.set(key(r.label ?? null), [...(byLabel.get(key(r.label ?? null)) ?? []), r]);
  const exp2 = [...byLabel.values()]
    .map((rs) => ({ label: rs[0]!.label ?? null, _count: rs.length, _sum: { big: recount(rs).bigSum } }))
    .sort((a, b) => b._count - a._count || (a.label === null ? -1 : b.label === null ? 1 : a.label < b.label ? -1 : 1));
  const got2 = await g2;
  expect(got2, `${label}: groupBy label`).toEqual(exp2);
  // _count relations
  const us = await db.query.users.findMany({ columns: { _id: true }, _count: { tasks: true } });
  for (const u of us)
    expect(u._count.tasks, `${label}: user _count`).toBe(rows.filter((r) => r.ownerId === u._id).length);
  const ps = await db.query.projects.findMany({ withDeleted: true, columns: { _id: true }, _count: { tasks: true } });
  for (const p of ps)
    expect(p._count.tasks, `${label}: project _count`).toBe(rows.filter((r) => r.projectId === p._id).length);
  // buckets never negative
  const buckets: Row[] = await ctx.db.query('aggregate_bucket').collect();
  for (const b of buckets) expect(b.count, `${label}: bucket count`).toBeGreaterThan(0);
}
