// Seeded: findMany / count / paginate of random filters whose top-level OR crosses fields with
// range and equality branches, `_id` ranges in the where, and orders starting with `_id` (by_id),
// under a read rule that is itself an OR of a range and equalities, against a brute-force filter
// + sort. Orders by `_id` are total, so rows and pages match exactly; without orderBy the rows are
// the right set.
import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { backend, convexCompare, evalWhere, pick, randomRow, randomWhere, relations, rng, walkPages } from './fixture';

const RULE = { OR: [{ n: { gte: 2 } }, { a: 'x' }, { b: { lt: 2 } }] };
const orm = createOrm({
  relations,
  rules: defineRules(relations, () => ({ items: { read: RULE } })) as any,
  cursorSecret: 'x'.repeat(40),
});

const FIELDS = ['a', 'b', 'c', 'd', 'n'];
const VALUES: Record<string, unknown[]> = {
  a: ['x', 'y', 'z'],
  b: [1, 2, 3],
  c: ['p', 'q'],
  d: [0, 1, 2],
  n: [0, 1, 2, 3],
};
const ORDERS: any[] = [
  undefined,
  { _id: 'asc' },
  { _id: 'desc' },
  { _id: 'asc', a: 'desc' },
  { a: 'asc' },
  { _creationTime: 'desc' },
  { n: 'desc' },
];

function branch(r: () => number): any {
  const f = pick(r, FIELDS);
  const k = r();
  let leaf: any;
  if (k < 0.5) leaf = { [f]: { [pick(r, ['gt', 'gte', 'lt', 'lte'])]: pick(r, VALUES[f]!) } };
  else if (k < 0.8) leaf = { [f]: pick(r, VALUES[f]!) };
  else if (k < 0.9) leaf = { [f]: { gt: pick(r, VALUES[f]!), lt: pick(r, VALUES[f]!) } };
  else leaf = { [f]: { isNull: true } };
  return r() < 0.3 ? { AND: [leaf, randomWhere(r, 2)] } : leaf;
}

function sortRows(rows: any[], orderBy: any) {
  const specs: [string, string][] = Object.entries(orderBy ?? { _creationTime: 'asc' });
  if (!specs.some(([f]) => f === '_id')) specs.push(['_creationTime', specs[0]?.[1] ?? 'asc']);
  return [...rows].sort((x, y) => {
    for (const [f, dir] of specs) {
      const c = f === '_id' ? (x._id < y._id ? -1 : x._id > y._id ? 1 : 0) : convexCompare(x[f], y[f]);
      if (c !== 0) return dir === 'asc' ? c : -c;
    }
    return 0;
  });
}

const SEEDS = (process.env.SEEDS ?? '1,2,3,4').split(',').map(Number);
describe('fuzz', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const r = rng(seed * 7919 + 13);
      const t = backend();
      await t.run(async (ctx: any) => {
        for (let i = 0; i < 60; i++) await ctx.db.insert('items', randomRow(r));
      });
      const all: any[] = await t.run((ctx: any) => ctx.db.query('items').collect());
      const problems: any[] = [];
      let unions = 0;
      for (let q = 0; q < 40; q++) {
        const or = { OR: Array.from({ length: 2 + Math.floor(r() * 2) }, () => branch(r)) };
        const extra = r() < 0.3 ? randomWhere(r, 2) : {};
        let where: any = { ...extra, ...or };
        if (r() < 0.15) where = { ...where, _id: { [pick(r, ['gt', 'lt', 'gte', 'lte'])]: pick(r, all)._id } };
        const orderBy = pick(r, ORDERS);
        const limit = r() < 0.5 ? 1 + Math.floor(r() * 6) : undefined;
        const config: any = { where, ...(orderBy ? { orderBy } : {}), ...(limit ? { limit } : {}) };
        const expected = sortRows(
          all.filter((x) => evalWhere(where, x) === true && evalWhere(RULE, x) === true),
          orderBy,
        );
        const out = await t.run(async (ctx: any) => {
          const db = orm.db(ctx);
          const rows = await db.query.items.findMany(config).catch((e: any) => `${e.code}: ${e.message}`);
          const count = await db.query.items.count({ where } as any).catch((e: any) => e.code);
          const explain = db.query.items.findMany(config).explain();
          return { rows, count, explain };
        });
        if (out.explain.read === 'union') unions++;
        const tag = { config: JSON.stringify(config), read: out.explain.read };
        if (typeof out.rows === 'string') {
          problems.push({ ...tag, err: out.rows });
          continue;
        }
        const want = limit ? expected.slice(0, limit) : expected;
        const total = orderBy && Object.keys(orderBy)[0] === '_id';
        const key = (rows: any[]) =>
          JSON.stringify(rows.map((x) => (total || !orderBy ? x._id : Object.keys(orderBy).map((f) => x[f] ?? null))));
        if (orderBy) {
          if (key(out.rows) !== key(want))
            problems.push({ ...tag, issue: 'rows', got: out.rows.length, want: want.length });
        } else {
          const ids = new Set(expected.map((x) => x._id));
          if (
            out.rows.length !== want.length ||
            out.rows.some((x: any) => !ids.has(x._id)) ||
            new Set(out.rows.map((x: any) => x._id)).size !== out.rows.length
          )
            problems.push({ ...tag, issue: 'rows(set)', got: out.rows.length, want: want.length });
        }
        if (out.count !== expected.length)
          problems.push({ ...tag, issue: 'count', got: out.count, want: expected.length });
        if (!limit && orderBy) {
          const walked = await walkPages(t, orm, config, 3);
          if (walked && key(walked) !== key(want))
            problems.push({ ...tag, issue: 'pages', got: walked.length, want: want.length });
          if (!walked && total && Object.keys(orderBy).length === 1) problems.push({ ...tag, issue: 'page refused' });
        }
      }
      expect(unions).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });
  }
});
