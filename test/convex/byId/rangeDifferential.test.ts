// Seeded differential: `_id` ranges of every shape (bounds that are ids of the table, strings
// between them, prefixes of ids, another table's ids, '' and 'a'), alone, beside other conditions,
// in OR and NOT, read by findMany (orderBy _id / n / none, limits), count and paginate, against a
// brute-force evaluation of the same filter over the table.
import { describe, expect, it } from 'vitest';
import { backend, orm, pick, rng } from '../unionRead/fixture';

type Row = { _id: string; a?: string; n: number };

function bounds(ids: string[], r: () => number): string {
  const id = pick(r, ids);
  const k = r();
  if (k < 0.45) return id;
  if (k < 0.6) return `${id}~`;
  if (k < 0.7) return id.slice(0, id.length - 6);
  if (k < 0.8) return id.replace(/items$/, 'other');
  if (k < 0.9) return pick(r, ['', 'a', 'zzzz', '0']);
  return id.replace(/items$/, 'itemr');
}

function idCond(ids: string[], r: () => number): Record<string, unknown> {
  const k = r();
  const op = () => pick(r, ['gt', 'gte', 'lt', 'lte'] as const);
  if (k < 0.5) return { _id: { [op()]: bounds(ids, r) } };
  if (k < 0.8) return { _id: { gt: bounds(ids, r), lt: bounds(ids, r) } };
  if (k < 0.9) return { _id: { [op()]: bounds(ids, r) }, AND: [{ _id: { [op()]: bounds(ids, r) } }] };
  return { _id: { like: `${pick(r, ids).slice(0, 28)}%` } };
}

function randomWhere(ids: string[], r: () => number): Record<string, unknown> {
  const k = r();
  const id = idCond(ids, r);
  if (k < 0.4) return id;
  if (k < 0.6) return { ...id, a: pick(r, ['x', 'y']) };
  if (k < 0.7) return { ...id, n: { in: [1, 2] } };
  if (k < 0.8) return { OR: [id, { a: 'x' }] };
  if (k < 0.9) return { NOT: id };
  return { AND: [id, { OR: [{ a: 'y' }, { n: 3 }] }] };
}

type Tri = boolean | null;
function holds(where: Record<string, any>, row: Row): Tri {
  const parts: Tri[] = [];
  for (const [key, cond] of Object.entries(where)) {
    if (key === 'OR') {
      const xs = cond.map((w: any) => holds(w, row));
      parts.push(xs.includes(true) ? true : xs.includes(null) ? null : false);
    } else if (key === 'AND') parts.push(and(cond.map((w: any) => holds(w, row))));
    else if (key === 'NOT') {
      const x = holds(cond, row);
      parts.push(x === null ? null : !x);
    } else {
      const v = (row as any)[key];
      const c = typeof cond === 'object' && cond !== null ? cond : { eq: cond };
      for (const [op, operand] of Object.entries(c) as [string, any][]) {
        if (v === undefined || v === null) {
          parts.push(null);
          continue;
        }
        switch (op) {
          case 'eq':
            parts.push(v === operand);
            break;
          case 'in':
            parts.push(operand.includes(v));
            break;
          case 'gt':
            parts.push(v > operand);
            break;
          case 'gte':
            parts.push(v >= operand);
            break;
          case 'lt':
            parts.push(v < operand);
            break;
          case 'lte':
            parts.push(v <= operand);
            break;
          case 'like':
            parts.push(v.startsWith(operand.slice(0, -1)));
            break;
          default:
            throw new Error(op);
        }
      }
    }
  }
  return and(parts);
}
function and(xs: Tri[]): Tri {
  return xs.includes(false) ? false : xs.includes(null) ? null : true;
}

const orders = [{ _id: 'asc' }, { _id: 'desc' }, { n: 'asc', _id: 'desc' }, undefined] as const;

function sortRows(rows: Row[], orderBy: any): Row[] {
  const specs: [string, string][] = Object.entries(orderBy ?? { _creationTime: 'asc' });
  return [...rows].sort((x: any, y: any) => {
    for (const [f, d] of specs) {
      const c = x[f] < y[f] ? -1 : x[f] > y[f] ? 1 : 0;
      if (c) return d === 'asc' ? c : -c;
    }
    return 0;
  });
}

describe('_id ranges against brute force', () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`seed ${seed}`, async () => {
      const r = rng(seed * 7919);
      const t = backend();
      await t.run(async (ctx: any) => {
        for (let i = 0; i < 40; i++) {
          const row: any = { n: Math.floor(r() * 4) };
          if (r() < 0.8) row.a = pick(r, ['x', 'y']);
          await ctx.db.insert('items', row);
        }
      });
      const failures: string[] = [];
      await t.run(async (raw: any) => {
        const all: Row[] = await raw.db.query('items').collect();
        const ids = all.map((row) => row._id);
        const db = orm.db(raw);
        for (let q = 0; q < 25; q++) {
          const where = randomWhere(ids, r);
          const orderBy = pick(r, orders);
          const limit = r() < 0.5 ? 1 + Math.floor(r() * 6) : undefined;
          const want = sortRows(
            all.filter((row) => holds(where, row) === true),
            orderBy,
          );
          const config: any = { where, ...(orderBy ? { orderBy } : {}), ...(limit ? { limit } : {}) };
          const label = JSON.stringify(config);
          try {
            const got = await (db.query.items.findMany as any)(config);
            const wantIds = want.slice(0, limit ?? want.length).map((x) => x._id);
            const gotIds = got.map((x: any) => x._id);
            if (orderBy && JSON.stringify(orderBy) !== JSON.stringify({ n: 'asc', _id: 'desc' })) {
              if (JSON.stringify(gotIds) !== JSON.stringify(wantIds))
                failures.push(`findMany ${label}: ${gotIds.length} vs ${wantIds.length}`);
            } else if (!limit && JSON.stringify([...gotIds].sort()) !== JSON.stringify([...wantIds].sort()))
              failures.push(`findMany ${label}: ${gotIds.length} vs ${wantIds.length}`);
            const count = await (db.query.items.count as any)({ where });
            if (count !== want.length) failures.push(`count ${label}: ${count} vs ${want.length}`);
            if (orderBy && !('n' in orderBy)) {
              const pageIds: string[] = [];
              let cursor: string | null = null;
              for (let p = 0; p < 50; p++) {
                const page: any = await (db.query.items.paginate as any)({ numItems: 4, cursor }, { where, orderBy });
                pageIds.push(...page.page.map((x: any) => x._id));
                if (page.isDone) break;
                cursor = page.continueCursor;
              }
              const wantAll = want.map((x) => x._id);
              if (JSON.stringify(pageIds) !== JSON.stringify(wantAll))
                failures.push(`paginate ${label}: ${pageIds.length} vs ${wantAll.length}`);
            }
          } catch (error: any) {
            failures.push(`${label}: threw ${error.code ?? ''} ${error.message}`);
          }
        }
      });
      expect(failures).toEqual([]);
    });
  }
});
