// Claim check (from a review that found no bug; it ran SEEDS=200 STEPS=25 with 0 divergences), a cross-feature oracle: what the first oracle
// (test/convex/crossFeatureOracle.test.ts) did not try: a deletion('scheduled') parent whose text
// key (slug) is referenced with onUpdate: 'cascade' / onDelete: 'cascade' by a soft-delete child
// whose aggregate index is KEYED on that slug (count/sum/avg/min/max) and on a nullable FK
// (category, onDelete 'set null', onUpdate 'cascade'), a composite unique, the scheduled hard delete
// run later (with restores in between), triggers writing an aggregate-indexed log through ctx.db,
// rules with a key-equality read rule (served under rules), groupBy served.
// After every step, against the raw tables: served aggregates = recount of live rows (aggregates.md
// "Same results either way"), per-user reads = rule-filtered raw rows (rules.md), log = item state
// (triggers.md), FK integrity and soft cascade (mutations.md), failed statement wrote nothing.

import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  index,
  number,
  text,
  timestamp,
  unique,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import {
  expectFailedStepWroteNothing,
  ormWithScheduledDelete,
  pickActor,
  rawSnapshot,
  seedsFromEnv,
  startWorld,
  stepsFromEnv,
} from './crossFeatureWorld';

const users = convexTable('users', { name: text().notNull() });
const teams = convexTable(
  'teams',
  { slug: text().notNull().unique(), ownerId: id('users').notNull(), deletedAt: timestamp() },
  (t) => [deletion('scheduled', { column: t.deletedAt, delayMs: 1000 })],
);
const cats = convexTable('cats', { name: text().notNull().unique() });
const items = convexTable(
  'items',
  {
    teamSlug: text()
      .notNull()
      .references(() => teams.slug, { onUpdate: 'cascade', onDelete: 'cascade' }),
    cat: text().references(() => cats.name, { onUpdate: 'cascade', onDelete: 'set null' }),
    ownerId: id('users').notNull(),
    sku: text().notNull(),
    variant: text(),
    score: number(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_team').on(t.teamSlug),
    index('by_cat').on(t.cat),
    index('by_owner').on(t.ownerId, t.teamSlug),
    unique('sku_variant').on(t.sku, t.variant).nullsNotDistinct(),
    deletion('soft', { column: t.deletedAt }),
    aggregateIndex('items_by_team').on(t.teamSlug).count().sum(t.score).avg(t.score).min(t.score).max(t.score),
    aggregateIndex('items_by_owner').on(t.ownerId, t.teamSlug).count().sum(t.score).shards(2),
    aggregateIndex('items_by_cat').on(t.cat).count().sum(t.score).shards(3),
  ],
);
const logs = convexTable('logs', { itemId: text().notNull(), op: text().notNull(), state: text().notNull() }, (t) => [
  aggregateIndex('logs_by_op').on(t.op).count(),
]);
const all = { users, teams, cats, items, logs };
const schema = defineSchema(all);
const relations = defineRelations(all, (r) => ({
  teams: { items: r.many.items({ from: r.teams.slug, to: r.items.teamSlug }) },
  items: { team: r.one.teams({ from: r.items.teamSlug, to: r.teams.slug }) },
}));
const stateOf = (r: any) =>
  JSON.stringify([
    r.teamSlug,
    r.cat ?? null,
    r.ownerId,
    r.sku,
    r.variant ?? null,
    r.score ?? null,
    r.deletedAt ?? null,
  ]);
const triggers = defineTriggers(relations, {
  items: {
    beforeInsert: (row) => (row.score != null && row.score > 50 ? { ...row, score: 50 } : undefined),
    afterChange: async (c: any, ctx) => {
      await ctx.db.insert(logs).values({ itemId: c.id, op: c.operation, state: c.new ? stateOf(c.new) : 'gone' });
    },
  },
});
const rules = defineRules(relations, (ctx: any) => {
  const mine = { ownerId: ctx.viewer as never };
  return {
    users: {},
    cats: {},
    logs: {},
    teams: { read: {}, insert: mine, update: mine, delete: mine },
    items: { read: mine, insert: mine, update: { using: mine, check: mine }, delete: mine },
  };
});
const { orm, runJobs } = ormWithScheduledDelete({ relations, triggers, rules });
const tableConfigs = Object.values(all).map(getTableConfig);
const codeOf = (e: any) => e?.data?.code ?? e?.code ?? String(e);

async function runSeed(seed: number, steps: number) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const { rand, pick, jobs, scheduler, U } = await startWorld(seed, t, tableConfigs);
  await t.run(async (ctx: any) => {
    const db = orm.db({ ...ctx, scheduler }, { rules: false }) as any;
    await db.insert(cats).values([{ name: 'x' }, { name: 'y' }]);
    await db.insert(teams).values([
      { slug: 'a', ownerId: U[0] },
      { slug: 'b', ownerId: U[1] },
    ]);
  });
  const snapshot = rawSnapshot(t, ['teams', 'cats', 'items', 'logs', 'aggregate_bucket']);
  const history: string[] = [];
  let clock = 0;
  for (let i = 0; i < steps; i++) {
    const before = await snapshot();
    const jobsBefore = jobs.length;
    const { u, who, owner } = pickActor(rand, pick, U, 0.2);
    const slugs = [...before.teams!.map((r) => r.slug), ...before.teams!.map((r) => r.slug), 'zz'];
    const itemIds = before.items!.map((r) => r._id);
    const score = () => pick([null, 0, 1.5, -2, 7, 80]);
    const catv = () =>
      pick([null, rand() < 0.1 ? 'z' : null, ...before.cats!.map((c) => c.name), ...before.cats!.map((c) => c.name)]);
    const newItem = () => ({
      teamSlug: pick(slugs),
      cat: catv(),
      ownerId: owner(),
      sku: pick(['s0', 's1', 's2']),
      ...(rand() < 0.5 ? { variant: pick(['v', null]) } : {}),
      score: score(),
      ...(rand() < 0.1 ? { deletedAt: ++clock } : {}),
    });
    const op = pick([
      'ins',
      'ins',
      'ins',
      'upsert',
      'upsert',
      'upd',
      'upd',
      'upd',
      'del',
      'del',
      'renameTeam',
      'delTeam',
      'restoreTeam',
      'insTeam',
      'renameCat',
      'delCat',
      'insCat',
      'insCat',
      'jobs',
    ] as const);
    let desc = op as string;
    let fn: ((db: any, ctx: any) => Promise<unknown>) | null = null;
    if (op === 'ins') {
      const rows = Array.from({ length: rand() < 0.3 ? 2 : 1 }, newItem);
      desc = `insert items ${JSON.stringify(rows)}`;
      fn = (db) => db.insert(items).values(rows);
    } else if (op === 'upsert') {
      const rows = [newItem()];
      const set = pick([
        { score: score() },
        { teamSlug: pick(slugs) },
        { deletedAt: null },
        { deletedAt: ++clock },
        { cat: catv() },
      ]);
      desc = `upsert ${JSON.stringify(rows)} set ${JSON.stringify(set)}`;
      fn = (db) =>
        db
          .insert(items)
          .values(rows)
          .onConflictDoUpdate({ target: [items.sku, items.variant], set });
    } else if (op === 'upd' || op === 'del') {
      if (!itemIds.length) continue;
      const where = pick([
        { _id: pick(itemIds) },
        { teamSlug: pick(slugs) },
        { cat: catv() ?? 'x' },
        { sku: pick(['s0', 's1']) },
      ]);
      if (op === 'upd') {
        const set = pick<any>([
          { score: score() },
          { teamSlug: pick(slugs) },
          { cat: catv() },
          { deletedAt: null },
          { deletedAt: ++clock },
          { variant: pick(['v', 'w', null]) },
          { ownerId: pick(U) },
          'fn',
        ]);
        desc = `update items set ${JSON.stringify(set)} where ${JSON.stringify(where)}`;
        fn = (db) =>
          db
            .update(items)
            .set(set === 'fn' ? (r: any) => ({ score: (r.score ?? 0) + 1 }) : set)
            .where(where);
      } else {
        const hard = rand() < 0.4;
        desc = `delete${hard ? ' hard' : ''} items where ${JSON.stringify(where)}`;
        fn = (db) => (hard ? db.delete(items).hard() : db.delete(items)).where(where);
      }
    } else if (op === 'renameTeam' || op === 'delTeam' || op === 'restoreTeam') {
      if (!before.teams!.length) continue;
      const tm = pick(before.teams!);
      if (op === 'renameTeam') {
        const to = pick(['a', 'b', 'c', 'd']);
        desc = `rename team ${tm.slug} -> ${to}`;
        fn = (db) => db.update(teams).set({ slug: to }).where(eq(teams._id, tm._id));
      } else if (op === 'delTeam') {
        const hard = rand() < 0.3;
        desc = `delete${hard ? ' hard' : ''} team ${tm.slug}`;
        fn = (db) => (hard ? db.delete(teams).hard() : db.delete(teams)).where(eq(teams._id, tm._id));
      } else {
        desc = `restore team ${tm.slug}`;
        fn = (db) => db.update(teams).set({ deletedAt: null }).where(eq(teams._id, tm._id));
      }
    } else if (op === 'insTeam') {
      const row = { slug: pick(['a', 'b', 'c', 'd']), ownerId: owner() };
      desc = `insert team ${JSON.stringify(row)}`;
      fn = (db) => db.insert(teams).values(row);
    } else if (op === 'renameCat' || op === 'delCat') {
      if (!before.cats!.length) continue;
      const c = pick(before.cats!);
      if (op === 'renameCat') {
        const to = pick(['x', 'y', 'z']);
        desc = `rename cat ${c.name} -> ${to}`;
        fn = (db) => db.update(cats).set({ name: to }).where(eq(cats._id, c._id));
      } else {
        desc = `delete cat ${c.name}`;
        fn = (db) => db.delete(cats).where(eq(cats._id, c._id));
      }
    } else if (op === 'insCat') {
      const name = pick(['x', 'y', 'z']);
      desc = `insert cat ${name}`;
      fn = (db) => db.insert(cats).values({ name });
    } else if (op === 'jobs') {
      desc = `run ${jobs.length} jobs`;
      fn = (_db, ctx) => runJobs(ctx, jobs);
    }
    if (!fn) continue;
    const outcome = await t.run(async (ctx: any) => {
      const c = { ...ctx, scheduler, viewer: u };
      const db = u === null ? orm.db(c, { rules: false }) : orm.db(c as never);
      try {
        await fn!(db, c);
        return 'ok';
      } catch (e) {
        return codeOf(e);
      }
    });
    history.push(`${who}: ${desc} -> ${outcome}`);
    if (process.env.VERBOSE) console.log(history.at(-1));
    const where = `seed ${seed} step ${i}\n${history.join('\n')}`;
    const after = await snapshot();
    if (outcome !== 'ok' && op !== 'jobs') expectFailedStepWroteNothing(where, before, after, jobs.length, jobsBefore);
    if (op === 'jobs' && outcome !== 'ok') throw new Error(`${where}\njob failed`);
    await check(after, where);
  }

  async function check(raw: Record<string, any[]>, where: string) {
    const slugOf = new Map(raw.teams!.map((r) => [r.slug, r]));
    const catNames = new Set(raw.cats!.map((r) => r.name));
    for (const r of raw.items!) {
      expect(slugOf.has(r.teamSlug), `${where}\nitem ${r._id} dangling team ${r.teamSlug}`).toBe(true);
      expect(r.cat == null || catNames.has(r.cat), `${where}\nitem ${r._id} dangling cat`).toBe(true);
    }
    const keys = raw.items!.map((r) => JSON.stringify([r.sku, r.variant ?? null]));
    expect(new Set(keys).size, `${where}\nunique sku_variant`).toBe(keys.length);
    const lastLog = new Map<string, any>();
    for (const l of raw.logs!) lastLog.set(l.itemId, l);
    for (const r of raw.items!) expect(lastLog.get(r._id)?.state, `${where}\nlog of ${r._id}`).toBe(stateOf(r));
    const live = raw.items!.filter((r) => r.deletedAt == null);
    const agg = (rows: any[]) => {
      const vals = rows.map((r) => r.score).filter((s) => s != null) as number[];
      return {
        _count: rows.length,
        _sum: { score: vals.length ? vals.reduce((a, b) => a + b, 0) : null },
        _avg: { score: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null },
        _min: { score: vals.length ? Math.min(...vals) : null },
        _max: { score: vals.length ? Math.max(...vals) : null },
      };
    };
    const teamKeys = [...new Set([...raw.teams!.map((r) => r.slug), 'a', 'b', 'c', 'd'])];
    const got = await t.run(async (ctx: any) => {
      const out: any = { sys: {}, user: {} };
      const db = orm.db(ctx, { rules: false }) as any;
      for (const s of teamKeys) {
        const q = db.query.items.aggregate({
          where: { teamSlug: s },
          _count: true,
          _sum: { score: true },
          _avg: { score: true },
          _min: { score: true },
          _max: { score: true },
        });
        out.sys[s] = { r: await q, ex: JSON.stringify(await q.explain()) };
      }
      const gq = db.query.items.groupBy({ by: ['cat'], _count: true, _sum: { score: true } });
      out.byCat = await gq;
      out.byCatEx = JSON.stringify(await gq.explain());
      out.logs = await db.query.logs.groupBy({ by: ['op'], _count: true });
      for (const u of U) {
        const udb = orm.db({ ...ctx, viewer: u } as never) as any;
        out.user[u] = {
          rows: (await udb.query.items.findMany({ columns: { _id: true } })).map((r: any) => r._id).sort(),
          byTeam: await udb.query.items.groupBy({ by: ['teamSlug'], _count: true, _sum: { score: true } }),
          count: await udb.query.items.count(),
          teams: (await udb.query.teams.findMany({ with: { items: { columns: { _id: true } } } })).map((t: any) => ({
            slug: t.slug,
            items: t.items.map((x: any) => x._id).sort(),
          })),
        };
      }
      return out;
    });
    for (const s of teamKeys) {
      expect(got.sys[s].ex, `${where}\nserved ${s}`).toContain('items_by_team');
      const want = agg(live.filter((r) => r.teamSlug === s));
      const g = got.sys[s].r;
      expect(
        { ...g, _avg: { score: g._avg.score == null ? null : +g._avg.score.toFixed(9) } },
        `${where}\nagg team ${s}`,
      ).toEqual({
        ...want,
        _avg: { score: want._avg.score == null ? null : +want._avg.score.toFixed(9) },
      });
    }
    const sortBy = (xs: any[], k: string) => [...xs].sort((a, b) => (String(a[k]) < String(b[k]) ? -1 : 1));
    const groups = (rows: any[], k: string) => {
      const m = new Map<any, any[]>();
      for (const r of rows) m.set(r[k] ?? null, [...(m.get(r[k] ?? null) ?? []), r]);
      return sortBy(
        [...m].map(([key, rs]) => {
          const a = agg(rs);
          return { [k]: key, _count: a._count, _sum: a._sum };
        }),
        k,
      );
    };
    expect(sortBy(got.byCat, 'cat'), `${where}\ngroupBy cat ${got.byCatEx}`).toEqual(groups(live, 'cat'));
    const opCounts = new Map<string, number>();
    for (const l of raw.logs!) opCounts.set(l.op, (opCounts.get(l.op) ?? 0) + 1);
    expect(sortBy(got.logs, 'op'), `${where}\nlogs groupBy`).toEqual(
      sortBy(
        [...opCounts].map(([op, n]) => ({ op, _count: n })),
        'op',
      ),
    );
    for (const u of U) {
      const mine = live.filter((r) => r.ownerId === u);
      const g = got.user[u];
      expect(g.rows, `${where}\nrows for ${u}`).toEqual(mine.map((r) => r._id).sort());
      expect(g.count, `${where}\ncount for ${u}`).toBe(mine.length);
      expect(sortBy(g.byTeam, 'teamSlug'), `${where}\ngroupBy team for ${u}`).toEqual(groups(mine, 'teamSlug'));
      const liveTeams = raw.teams!.filter((t) => t.deletedAt == null);
      expect(sortBy(g.teams, 'slug'), `${where}\nteams with items for ${u}`).toEqual(
        sortBy(
          liveTeams.map((t) => ({
            slug: t.slug,
            items: mine
              .filter((r) => r.teamSlug === t.slug)
              .map((r) => r._id)
              .sort(),
          })),
          'slug',
        ),
      );
    }
  }
}

describe('cross-feature oracle 2: scheduled parent, text key cascades into aggregate keys, rules, triggers', () => {
  for (const seed of seedsFromEnv(6))
    it(`seed ${seed}`, async () => {
      await runSeed(seed, stepsFromEnv());
    }, 60_000);
});
