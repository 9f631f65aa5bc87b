import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { evalWhere, pick, randomBranch, randomWhere, relations, seededItems, sortedBy } from './fixture';

// Seeded differential: a read rule whose own filter is an OR across fields (often read as the union),
// with random query filters (often an OR too), orders and limits: findMany, count and every page
// (sealed cursors) against a brute-force SQL three-valued evaluation of rule AND where.
const orOf = (r: () => number) => ({
  OR: Array.from({ length: 2 + Math.floor(r() * 2) }, () =>
    randomBranch(r, ['a', 'b', 'c', 'd', 'n'], { isNull: 0.15, eq: 0.5, and: 0.85 }),
  ),
});
const ORDERS: any[] = [
  undefined,
  { d: 'desc', a: 'desc' },
  { a: 'desc' },
  { _creationTime: 'asc' },
  { a: 'asc' },
  { b: 'desc' },
  { _creationTime: 'desc' },
  { c: 'asc', d: 'asc' },
  { n: 'asc' },
];

const SEEDS = process.env.FUZZ_SEEDS ? process.env.FUZZ_SEEDS.split(',').map(Number) : [1, 2, 3];
describe('a rule OR across fields (union) with random query filters: seeded differential', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const { r, t } = await seededItems(seed, 50);
      const all: any[] = await t.run((ctx: any) => ctx.db.query('items').collect());
      const raw = new Map(all.map((x) => [x._id, x]));
      const problems: any[] = [];
      let unions = 0;
      for (let q = 0; q < 30; q++) {
        const rule = orOf(r);
        const where: any = r() < 0.5 ? { ...(r() < 0.4 ? randomWhere(r, 2) : {}), ...orOf(r) } : randomWhere(r, 1);
        const orderBy = pick(r, ORDERS);
        const limit = r() < 0.4 ? 1 + Math.floor(r() * 5) : undefined;
        const config: any = { where, ...(orderBy ? { orderBy } : {}), ...(limit ? { limit } : {}) };
        const orm = createOrm({
          relations,
          cursorSecret: 's'.repeat(40),
          rules: defineRules(relations, () => ({ items: { read: rule as any } })),
        });
        const out = await t.run(async (ctx: any) => {
          const db = orm.db(ctx);
          const rows = await db.query.items.findMany(config);
          const count = await db.query.items.count({ where } as any);
          const explain = db.query.items.findMany(config).explain();
          const pages: any[] = [];
          let cursor: string | null = null;
          let pageErr: any = null;
          try {
            for (let i = 0; i < 60; i++) {
              const page: any = await db.query.items.paginate(
                { numItems: 3, cursor },
                { where, ...(orderBy ? { orderBy } : {}) },
              );
              pages.push(...page.page);
              cursor = page.continueCursor;
              if (page.isDone) break;
            }
          } catch (e: any) {
            pageErr = e.code ?? String(e);
          }
          const pageExplain = (() => {
            try {
              return db.query.items
                .paginate({ numItems: 3, cursor: null }, { where, ...(orderBy ? { orderBy } : {}) })
                .explain().read;
            } catch (e: any) {
              return e.code;
            }
          })();
          return { rows, count, explain, pages, pageErr, pageExplain };
        });
        if (out.explain.read === 'union') unions++;
        const expected = all.filter((row) => evalWhere(rule, row) === true && evalWhere(where, row) === true);
        const want = new Set(expected.map((x) => x._id));
        const ids = out.rows.map((x: any) => x._id);
        const tag = { rule: JSON.stringify(rule), config: JSON.stringify(config), read: out.explain.read };
        if (out.count !== expected.length)
          problems.push({ ...tag, issue: 'count', got: out.count, want: expected.length });
        if (new Set(ids).size !== ids.length) problems.push({ ...tag, issue: 'dup' });
        if (ids.some((id: string) => !want.has(id))) problems.push({ ...tag, issue: 'hidden row shown' });
        if (limit === undefined ? ids.length !== want.size : ids.length !== Math.min(limit, want.size))
          problems.push({ ...tag, issue: 'size', got: ids.length, want: want.size });
        if (
          orderBy &&
          !sortedBy(
            out.rows.map((x: any) => raw.get(x._id)),
            orderBy,
          )
        )
          problems.push({ ...tag, issue: 'unsorted' });
        if (out.pageErr && out.pageErr !== 'INVALID_QUERY')
          problems.push({ ...tag, issue: 'page error', err: out.pageErr });
        if (!out.pageErr) {
          const pids = out.pages.map((x: any) => x._id);
          if (
            pids.length !== want.size ||
            pids.some((id: string) => !want.has(id)) ||
            new Set(pids).size !== pids.length
          )
            problems.push({ ...tag, issue: 'pages', pageRead: out.pageExplain, got: pids.length, want: want.size });
          if (
            orderBy
              ? !sortedBy(
                  out.pages.map((x: any) => raw.get(x._id)),
                  orderBy,
                )
              : limit === undefined && JSON.stringify(out.pages.map((x: any) => x._id)) !== JSON.stringify(ids)
          )
            problems.push({ ...tag, issue: 'pages unsorted', pageRead: out.pageExplain });
        }
      }
      expect(unions).toBeGreaterThan(5);
      expect(problems).toEqual([]);
    });
  }
});
