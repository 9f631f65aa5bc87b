import type { GenericMutationCtx } from 'convex/server';
import { convexTest } from 'convex-test';
import { expect } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  type AnyColumn,
  aggregateIndex,
  check,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  gte,
  id,
  index,
  integer,
  number,
  type OrmWriter,
  text,
  textEnum,
  timestamp,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';

/**
 * A schema of the review's own: one aggregated table (`items`) with a soft deletion column, a
 * unique code, a check constraint, a `set null` reference (orgs) and a cascading one (groups,
 * soft-deletable, so a soft delete of a group soft-deletes its items), and three aggregate
 * indexes: a one-key `.shards(1)` index with sum/avg/min/max, a two-key prefix index with two
 * sums (3 shards), and a hot `.all()` index of 8 shards.
 */
export const orgs = convexTable('orgs', { name: text().notNull() });
export const groups = convexTable('groups', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);
export const CATS = ['a', 'b', 'c'] as const;
export const items = convexTable(
  'items',
  {
    code: text().notNull().unique(),
    orgId: id('orgs').references((): AnyColumn => orgs._id, { onDelete: 'set null' }),
    groupId: id('groups')
      .notNull()
      .references((): AnyColumn => groups._id, { onDelete: 'cascade' }),
    cat: textEnum(CATS).notNull(),
    score: number(),
    qty: integer(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_org').on(t.orgId),
    index('by_group').on(t.groupId, t.deletedAt),
    deletion('soft', { column: t.deletedAt }),
    check('qty_not_negative', gte(t.qty, 0)),
    aggregateIndex('items_by_org').on(t.orgId).count().sum(t.qty).avg(t.qty).min(t.score).max(t.score).shards(1),
    aggregateIndex('items_by_cat_org').on(t.cat, t.orgId).count().sum(t.score).sum(t.qty).shards(3),
    aggregateIndex('items_all').all().count().sum(t.qty).shards(8),
  ],
);

const all = { orgs, groups, items };
export const schema = defineSchema(all);
export const relations = defineRelations(all, (r) => ({
  orgs: { items: r.many.items() },
  groups: { items: r.many.items() },
  items: {
    org: r.one.orgs({ from: r.items.orgId, to: r.orgs._id }),
    group: r.one.groups({ from: r.items.groupId, to: r.groups._id }),
  },
}));

/**
 * Triggers that write to the aggregated table:
 * - `beforeInsert` vetoes a code starting with "veto", and moves a row of qty 7 (qty 70, no org);
 * - `beforeUpdate` vetoes a score of -99, and moves a row of score 5 to cat "b" (qty 0);
 * - `afterInsert` of a "c" item inserts its twin ("a", qty 1);
 * - `afterDelete` of a "b" item with an org bumps the qty of that org's "a" items (set(fn)).
 */
export const triggers = defineTriggers(relations, {
  items: {
    beforeInsert: (row) => {
      if (row.code.startsWith('veto')) throw new Error(`veto ${row.code}`);
      // A replacement that moves the row to another key and changes its sums.
      if (row.qty === 7) return { ...row, qty: 70, orgId: null, score: 2.5 };
      return undefined;
    },
    beforeUpdate: ({ new: next }) => {
      if (next.score === -99) throw new Error('veto score -99');
      // A replacement (also on cascaded rows: set null, soft cascade) that moves the row's key.
      if (next.score === 5 && next.cat !== 'b') return { ...next, cat: 'b' as const, qty: 0 };
      return undefined;
    },
    afterInsert: async ({ new: row }, ctx) => {
      if (row.cat !== 'c' || row.code.endsWith('-twin')) return;
      await ctx.db.insert(items).values({
        code: `${row.code}-twin`,
        cat: 'a',
        orgId: row.orgId,
        groupId: row.groupId,
        qty: 1,
        score: 0.5,
      });
    },
    afterDelete: async ({ old }, ctx) => {
      if (old.cat !== 'b' || old.orgId === null) return;
      await ctx.db
        .update(items)
        .set((row) => ({ qty: (row.qty ?? 0) + 1 }))
        .where({ orgId: old.orgId, cat: 'a' });
    },
  },
});

/** Rules for the failing-statement checks: no "c" item may be inserted. */
export const rules = defineRules(relations, () => ({
  orgs: { read: {}, insert: {}, update: { using: {}, check: {} }, delete: {} },
  groups: { read: {}, insert: {}, update: { using: {}, check: {} }, delete: {} },
  items: { read: {}, insert: { cat: { ne: 'c' } }, update: { using: {}, check: {} }, delete: {} },
}));

export const orm = createOrm({ relations, triggers });
export const ruledOrm = createOrm({ relations, triggers, rules });
export const tables = [orgs, groups, items].map(getTableConfig);

export type Db = OrmWriter<typeof relations>;
export type Ctx = GenericMutationCtx<any>;

export function backend(limits = false) {
  const t = convexTest({ schema, modules, transactionLimits: limits });
  const run = <R>(fn: (db: Db, ctx: Ctx) => Promise<R>) => t.run((ctx) => fn(orm.db(ctx as never), ctx as never));
  return { t, run };
}

/** Runs the backfill of every aggregate index to the end (the indexes start `pending`). */
export async function backfillAll(t: ReturnType<typeof convexTest>) {
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, 100));
    if (step.batch === null) return;
  }
}

type Row = Record<string, any>;

interface Figures {
  count: number;
  qty: number | null;
  qtyN: number;
  score: number | null;
  minScore: number | null;
  maxScore: number | null;
}

function figures(rows: Row[]): Figures {
  const qtys = rows.map((r) => r.qty).filter((v): v is number => typeof v === 'number');
  const scores = rows.map((r) => r.score).filter((v): v is number => typeof v === 'number');
  return {
    count: rows.length,
    qty: qtys.length ? qtys.reduce((a, b) => a + b, 0) : null,
    qtyN: qtys.length,
    score: scores.length ? scores.reduce((a, b) => a + b, 0) : null,
    minScore: scores.length ? Math.min(...scores) : null,
    maxScore: scores.length ? Math.max(...scores) : null,
  };
}

function groupRows(rows: Row[], by: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = by(row);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}

const sortBy = <T>(list: T[], key: (t: T) => string) =>
  [...list].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));

/**
 * The aggregate reads (count / aggregate / groupBy / `_count`), each asserted served by its
 * aggregate index through `explain()`, against the same figures from a brute-force raw read of
 * every row (live rows only). Scores are multiples of 1/4 and quantities small integers, so
 * plain left-to-right sums are exact.
 */
export async function compareWithBruteForce(db: Db, ctx: Ctx, label: string): Promise<void> {
  const raw: Row[] = await ctx.db.query('items').collect();
  const live = raw.filter((r) => r.deletedAt == null);
  const orgIds: string[] = (await ctx.db.query('orgs').collect()).map((o: Row) => o._id);
  const served = async (q: { explain(): Promise<{ aggregate?: unknown }> }, what: string) => {
    const { aggregate } = await q.explain();
    expect(String(aggregate), `${label}: ${what} is served by an aggregate index`).toMatch(/^aggregate index /);
  };

  // items_all
  const countQuery = db.query.items.count();
  await served(countQuery as never, 'count()');
  expect(await countQuery, `${label}: count()`).toBe(live.length);
  const total = figures(live);
  const allQuery = db.query.items.aggregate({ _count: true, _sum: { qty: true } });
  await served(allQuery, 'aggregate() of every row');
  expect(await allQuery, `${label}: aggregate() of every row`).toEqual({
    _count: total.count,
    _sum: { qty: total.qty },
  });

  // items_by_org, a whole-key aggregate per org (and per null org)
  const byOrg = groupRows(live, (r) => String(r.orgId ?? null));
  for (const orgId of orgIds) {
    const f = figures(byOrg.get(orgId) ?? []);
    const q = db.query.items.aggregate({
      where: { orgId: orgId as never },
      _count: true,
      _sum: { qty: true },
      _avg: { qty: true },
      _min: { score: true },
      _max: { score: true },
    });
    await served(q, `aggregate by org ${orgId}`);
    expect(await q, `${label}: aggregate by org ${orgId}`).toEqual({
      _count: f.count,
      _sum: { qty: f.qty },
      _avg: { qty: f.qty === null ? null : f.qty / f.qtyN },
      _min: { score: f.minScore },
      _max: { score: f.maxScore },
    });
  }
  const nullOrg = figures(byOrg.get('null') ?? []);
  const nullQuery = db.query.items.count({ where: { orgId: { isNull: true } } });
  await served(nullQuery as never, 'count of the null org');
  expect(await nullQuery, `${label}: count of the null org`).toBe(nullOrg.count);

  // groupBy the whole key of items_by_org, with min/max
  const orgGroups = db.query.items.groupBy({
    by: ['orgId'],
    _count: true,
    _sum: { qty: true },
    _min: { score: true },
    _max: { score: true },
  });
  await served(orgGroups, 'groupBy orgId');
  const expectedOrgGroups = [...byOrg.entries()].map(([k, rows]) => {
    const f = figures(rows);
    return {
      orgId: k === 'null' ? null : k,
      _count: f.count,
      _sum: { qty: f.qty },
      _min: { score: f.minScore },
      _max: { score: f.maxScore },
    };
  });
  expect(
    sortBy(await orgGroups, (g) => String(g.orgId)),
    `${label}: groupBy orgId`,
  ).toEqual(sortBy(expectedOrgGroups, (g) => String(g.orgId)));

  // items_by_cat_org: a prefix groupBy, a whole-key groupBy, a prefix count
  const byCat = groupRows(live, (r) => r.cat);
  const catGroups = db.query.items.groupBy({ by: ['cat'], _count: true, _sum: { score: true, qty: true } });
  await served(catGroups, 'groupBy cat');
  expect(
    sortBy(await catGroups, (g) => g.cat),
    `${label}: groupBy cat`,
  ).toEqual(
    sortBy(
      [...byCat.entries()].map(([cat, rows]) => {
        const f = figures(rows);
        return { cat, _count: f.count, _sum: { score: f.score, qty: f.qty } };
      }),
      (g) => g.cat,
    ),
  );
  const catOrgKey = (r: Row) => `${r.cat}/${r.orgId ?? null}`;
  const catOrgGroups = db.query.items.groupBy({ by: ['cat', 'orgId'], _count: true, _sum: { score: true, qty: true } });
  await served(catOrgGroups, 'groupBy cat, orgId');
  expect(sortBy(await catOrgGroups, catOrgKey), `${label}: groupBy cat, orgId`).toEqual(
    sortBy(
      [...groupRows(live, catOrgKey).values()].map((rows) => {
        const f = figures(rows);
        return {
          cat: rows[0]!.cat,
          orgId: rows[0]!.orgId ?? null,
          _count: f.count,
          _sum: { score: f.score, qty: f.qty },
        };
      }),
      catOrgKey,
    ),
  );
  for (const cat of CATS) {
    const q = db.query.items.count({ where: { cat } });
    await served(q as never, `count of cat ${cat}`);
    expect(await q, `${label}: count of cat ${cat}`).toBe(byCat.get(cat)?.length ?? 0);
  }

  // _count of a relation, served by items_by_org
  const withCounts = db.query.orgs.findMany({ columns: { _id: true }, _count: { items: true } });
  const explained = JSON.stringify(withCounts.explain()._count ?? null);
  expect(explained, `${label}: _count of orgs.items names an aggregate index`).toMatch(/items_by_org/);
  const counted = await withCounts;
  expect(
    sortBy(
      counted.map((o) => ({ _id: o._id, n: o._count.items })),
      (o) => o._id,
    ),
    `${label}: orgs' _count.items`,
  ).toEqual(
    sortBy(
      orgIds.map((o) => ({ _id: o, n: byOrg.get(o)?.length ?? 0 })),
      (o) => o._id,
    ),
  );
}

/** Everything stored, to compare before and after a failing statement. */
export async function snapshot(ctx: Ctx) {
  const out: Record<string, unknown[]> = {};
  for (const name of ['orgs', 'groups', 'items', 'aggregate_bucket', 'aggregate_state']) {
    out[name] = await ctx.db.query(name).collect();
  }
  return out;
}

export { eq };
