// docs/aggregates.md#maintenance: "Every ORM write keeps the buckets exact, in the same transaction:
// inserts, updates (moving a row between keys or changing a summed value), deletes, foreign-key
// cascades and set-null, upserts, soft deletes and restores, transactions, and migrations in both
// writeModes". This seeded differential drives, on a schema of its own, the paths the brute-force
// fixture of test/convex/aggregates does not: `set default` and `onUpdate: 'cascade'` onto an
// aggregated text key, a self-referencing cascade onto a keyed column, bigint() and number() sums
// (moved to / from null by set(fn), upserts, before-hooks and safe_bypass / normal migration
// patches), boolean and string-mode timestamp keys, `orm.db(ctx, { triggers: false })`, a caught
// statement error inside `transaction`, and a repair / one backfill batch between the writes.
// After each write every served groupBy (and count) equals a recount of the live rows.
// (-0 scores sum to 0 here, as math.fsum does; Postgres's sum(float8) would say -0: not asserted.)
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import { startRepair } from '../../../src/aggregate/repair';
import {
  type AnyColumn,
  aggregateIndex,
  bigint,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  index,
  number,
  text,
  timestamp,
} from '../../../src/index';
import { writePatch } from '../../../src/migrations/write';
import { getTableConfig } from '../../../src/schema/table';
import { seededRandom } from '../../seededRandom';

const teams = convexTable('teams', { code: text().notNull().unique(), name: text() });
const tasks = convexTable(
  'tasks',
  {
    title: text().notNull().unique(),
    teamCode: text()
      .default('none')
      .references((): AnyColumn => teams.code, { onDelete: 'set default', onUpdate: 'cascade' }),
    ownerId: id('teams').references((): AnyColumn => teams._id, { onDelete: 'set null' }),
    parentId: id('tasks').references((): AnyColumn => tasks._id, { onDelete: 'cascade' }),
    done: boolean(),
    due: timestamp({ mode: 'string' }),
    big: bigint(),
    score: number(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_team').on(t.teamCode),
    index('by_owner').on(t.ownerId),
    index('by_parent').on(t.parentId),
    deletion('soft', { column: t.deletedAt }),
    aggregateIndex('a_team').on(t.teamCode).count().sum(t.big).sum(t.score).shards(2),
    aggregateIndex('a_done_owner').on(t.done, t.ownerId).count().sum(t.score).shards(1),
    aggregateIndex('a_parent').on(t.parentId).count().shards(3),
    aggregateIndex('a_due').on(t.due).count().sum(t.big),
    aggregateIndex('a_all').all().count().sum(t.big),
  ],
);
const all = { teams, tasks };
const schema = defineSchema(all);
const relations = defineRelations(all);
const tables = [teams, tasks].map(getTableConfig);
const triggers = defineTriggers(relations, {
  tasks: {
    beforeUpdate: ({ new: next }) => {
      if (next.score === 13) return { ...next, done: !next.done, big: (next.big ?? 0n) + 1n };
      return undefined;
    },
    beforeInsert: (row) => (row.score === 7 ? { ...row, due: null, score: 70 } : undefined),
    afterUpdate: async ({ old, new: next }, ctx) => {
      if (old.teamCode !== next.teamCode && next.score !== null && next.score < 0)
        await ctx.db.update(tasks).set({ score: 1 }).where(eq(tasks._id, next._id));
    },
  },
});
const orm = createOrm({ relations, triggers });

type Row = Record<string, any>;
const keyStr = (v: unknown) => (typeof v === 'bigint' ? `${v}n` : JSON.stringify(v ?? null));

async function check(ctx: any, label: string) {
  const db = orm.db(ctx);
  const raw: Row[] = (await ctx.db.query('tasks').collect()).filter((r: Row) => r.deletedAt == null);
  const specs: [string, string[], string[], string[]][] = [
    ['a_team', ['teamCode'], ['big', 'score'], []],
    ['a_done_owner', ['done', 'ownerId'], ['score'], []],
    ['a_parent', ['parentId'], [], []],
    ['a_due', ['due'], ['big'], []],
  ];
  for (const [name, by, sums] of specs) {
    const q = db.query.tasks.groupBy({
      by: by as never,
      _count: true,
      ...(sums.length ? { _sum: Object.fromEntries(sums.map((s) => [s, true])) } : {}),
    } as never);
    const ex = await (q as any).explain();
    const got = (await q) as Row[];
    const exp = new Map<string, Row>();
    for (const r of raw) {
      const k = by.map((f) => keyStr(r[f])).join('|');
      const g = exp.get(k) ?? { _count: 0, ...Object.fromEntries(sums.map((s) => [s, null])) };
      g._count++;
      for (const s of sums)
        if (r[s] != null) g[s] = g[s] === null ? r[s] + (typeof r[s] === 'number' ? 0 : 0n) : g[s] + r[s];
      exp.set(k, g);
    }
    const gotMap = new Map(
      got.map((g) => [
        by.map((f) => keyStr(f === 'due' && g[f] != null ? Date.parse(g[f]) : g[f])).join('|'),
        { _count: g._count, ...(g._sum ?? {}) },
      ]),
    );
    const sort = (m: Map<string, Row>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    expect(sort(gotMap), `${label}: ${name} (${ex.aggregate})`).toEqual(sort(exp));
  }
  const c = await db.query.tasks.count();
  expect(c, `${label}: count`).toBe(raw.length);
}

async function backfill(t: ReturnType<typeof convexTest>) {
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, 100));
    if (step.batch === null) return;
  }
}

describe('aggregate indexes after random writes of every path (claim check)', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}`, async () => {
      const next = seededRandom(seed);
      const int = (n: number) => Math.floor(next() * n);
      const pick = <T>(l: T[]): T | undefined => l[int(l.length)];
      const t = convexTest(schema, modules);
      await t.run(async (ctx) => {
        await orm
          .db(ctx as never)
          .insert(teams)
          .values([{ code: 'none' }, { code: 'A' }, { code: 'B' }]);
      });
      await backfill(t);
      const log: string[] = [];
      for (let n = 0; n < 50; n++) {
        const what = await t.run(async (ctx: any) => {
          const db = int(4) === 0 ? orm.db(ctx, { triggers: false }) : orm.db(ctx);
          const ts: Row[] = await ctx.db.query('teams').collect();
          const ks: Row[] = await ctx.db.query('tasks').collect();
          const task = pick(ks);
          const team = pick(ts);
          const newTask = (i: number) => ({
            title: `t${n}-${i}`,
            teamCode: pick([undefined, ...ts.map((x) => x.code)]),
            ownerId: pick([null, ...ts.map((x) => x._id)]),
            parentId: pick([null, null, ...ks.map((x) => x._id)]),
            done: pick([null, true, false]),
            due: pick([null, '2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z']),
            big: pick([null, 1n, 2n ** 40n, -3n]),
            score: pick([null, 0.25, -1.5, 7, 13, -0]),
            deletedAt: int(8) === 0 ? 5 : null,
          });
          let what = '';
          try {
            switch (int(12)) {
              case 0:
                what = 'insert';
                await db.insert(tasks).values(Array.from({ length: 1 + int(3) }, (_, i) => newTask(i)) as never);
                break;
              case 1:
                if (!task) break;
                what = 'update keys';
                await db
                  .update(tasks)
                  .set({ teamCode: pick(ts)!.code, done: pick([null, true]), score: pick([13, 2, -2, null]) } as never)
                  .where(eq(tasks._id, task._id));
                break;
              case 2:
                if (!task) break;
                what = 'hard delete (self cascade)';
                await db.delete(tasks).hard().where(eq(tasks._id, task._id));
                break;
              case 3:
                if (!task) break;
                what = 'soft delete';
                await db.delete(tasks).where(eq(tasks._id, task._id));
                break;
              case 4:
                if (!team || team.code === 'none') break;
                what = 'delete team (set default / set null)';
                await db.delete(teams).where(eq(teams._id, team._id));
                break;
              case 5:
                if (!team || team.code === 'none') break;
                what = 'rename team (onUpdate cascade)';
                await db
                  .update(teams)
                  .set({ code: `${team.code}x` })
                  .where(eq(teams._id, team._id));
                break;
              case 6:
                what = 'insert team';
                await db.insert(teams).values({ code: `T${n}` });
                break;
              case 7: {
                const d = pick(ks.filter((k) => k.deletedAt != null));
                if (!d) break;
                what = 'restore';
                await db.update(tasks).set({ deletedAt: null }).where(eq(tasks._id, d._id));
                break;
              }
              case 8: {
                what = 'upsert';
                const row = newTask(0);
                await db
                  .insert(tasks)
                  .values({ ...row, title: task && int(2) ? task.title : row.title } as never)
                  .onConflictDoUpdate({
                    target: tasks.title,
                    set: {
                      big: pick([5n, null]),
                      score: pick([13, 1, null]),
                      due: pick([null, '2024-01-03T00:00:00.000Z']),
                    } as never,
                  });
                break;
              }
              case 9:
                if (!task) break;
                what = 'migration patch';
                await writePatch(
                  ctx,
                  { schema: orm.schema, db: orm.db(ctx) as never },
                  {
                    table: 'tasks',
                    id: task._id,
                    old: task,
                    changes: {
                      big: pick([undefined, 9n]),
                      done: pick([true, undefined]),
                      due: pick([undefined, 1704067200000]),
                    },
                    writeMode: int(2) ? 'safe_bypass' : 'normal',
                  },
                );
                break;
              case 10:
                what = 'update many set(fn)';
                await db
                  .update(tasks)
                  .set((r: any) => ({
                    big: r.big === null ? 1n : r.big * 2n,
                    score: r.score === null ? null : -r.score,
                  }))
                  .where({ done: true } as never);
                break;
              default:
                what = 'transaction w/ caught error';
                await db.transaction(async (tx) => {
                  await tx.insert(tasks).values(newTask(9) as never);
                  try {
                    await tx.insert(tasks).values([newTask(10), { ...newTask(11), title: `t${n}-10` }] as never);
                  } catch {}
                });
                break;
            }
          } catch (e) {
            what += ` [failed: ${(e as any)?.data?.code ?? e}]`;
          }
          return what;
        });
        log.push(what);
        if (int(6) === 0) await t.run((ctx) => startRepair(ctx.db as never, tables, { table: 'tasks' }));
        await t.run((ctx) => backfillNext(ctx.db as never, tables, 2));
        await t.run((ctx) => check(ctx, `seed ${seed} step ${n}: ${log.slice(-3).join(' / ')}`));
      }
      await backfill(t);
      await t.run((ctx) => check(ctx, `seed ${seed} end`));
    }, 30_000);
  }
});
