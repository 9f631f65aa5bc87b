import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../../src/index';
import { pick, randomBranch, randomWhere, seededItems } from './fixture';

const items = convexTable('items', { a: text(), b: integer(), c: text(), d: integer(), n: integer() }, (t) => [
  index('by_a_n').on(t.a, t.n),
  index('by_b_n').on(t.b, t.n),
  index('by_c_n').on(t.c, t.n),
  index('by_d').on(t.d),
  index('by_a').on(t.a),
  index('by_n').on(t.n),
]);
const tables = { items };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const schema = defineSchema(tables);
const backend = () => convexTest({ schema, modules, transactionLimits: true });

const FIELDS = ['a', 'b', 'c'];
const ORDERS: any[] = [
  undefined,
  undefined,
  { n: 'asc' },
  { n: 'desc' },
  { n: 'asc' },
  { n: 'desc' },
  { _creationTime: 'asc' },
  { _creationTime: 'desc' },
  { a: 'asc' },
  { b: 'desc' },
  { d: 'asc' },
  { d: 'desc' },
  { n: 'asc' },
  { a: 'asc', d: 'desc' },
  { c: 'asc', d: 'asc' },
  { d: 'desc', a: 'desc' },
  { d: 'asc', _id: 'desc' },
  { _id: 'asc' },
];
const SEEDS = process.env.FUZZ_SEEDS ? process.env.FUZZ_SEEDS.split(',').map(Number) : [1, 2, 4, 5, 7, 8];
// Seeded: union pages (OR across a, b, c, each indexed with n after it) walked with random numItems and
// maximumRowsRead: concatenated they are findMany's rows, every page full but the last or a split, each
// page re-read pinned to its own end holds the same rows, and a split page's halves (start..splitCursor,
// splitCursor..continueCursor, as usePaginatedQuery re-reads them) hold exactly its rows.
describe('union pages: split halves and pinned pages (seeded)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const { r, t } = await seededItems(seed, 40, backend);
      const problems: any[] = [];
      let unions = 0;
      let splits = 0;
      const skips: any = {};
      for (let q = 0; q < 40; q++) {
        const or = {
          OR: Array.from({ length: 2 + Math.floor(r() * 2) }, () => randomBranch(r, FIELDS, { eq: 0.55, and: 0.9 })),
        };
        const extra = r() < 0.3 ? randomWhere(r, 2) : {};
        const orderBy = pick(r, ORDERS);
        const config: any = { where: { ...extra, ...or }, ...(orderBy ? { orderBy } : {}) };
        const numItems = 1 + Math.floor(r() * 5);
        const maxRows = r() < 0.4 ? 1 + Math.floor(r() * 6) : undefined;
        const out = await t.run(async (ctx: any) => {
          const db = orm.db(ctx);
          let explain: any;
          try {
            explain = db.query.items.paginate({ numItems, cursor: null }, config).explain();
          } catch (e: any) {
            return { skip: e.code };
          }
          if (explain.read !== 'union') return { skip: explain.read };
          const all = (await db.query.items.findMany(config)).map((x: any) => x._id);
          const pages: any[] = [];
          let cursor: string | null = null;
          for (let i = 0; i < 200; i++) {
            const p: any = await db.query.items.paginate(
              { numItems, cursor, ...(maxRows ? { maximumRowsRead: maxRows } : {}) },
              config,
            );
            pages.push({
              ids: p.page.map((x: any) => x._id),
              status: p.pageStatus,
              split: p.splitCursor,
              start: cursor,
              end: p.continueCursor,
              isDone: p.isDone,
            });
            cursor = p.continueCursor;
            if (p.isDone) break;
          }
          const pinned: any[] = [];
          for (const p of pages) {
            const q: any = await db.query.items.paginate({ numItems, cursor: p.start, endCursor: p.end }, config);
            pinned.push(q.page.map((x: any) => x._id));
            if (p.split) {
              const h1: any = await db.query.items.paginate({ numItems, cursor: p.start, endCursor: p.split }, config);
              const h2: any = await db.query.items.paginate({ numItems, cursor: p.split, endCursor: p.end }, config);
              p.halves = [...h1.page, ...h2.page].map((x: any) => x._id);
            }
          }
          return { all, pages, pinned };
        });
        if ('skip' in out) {
          skips[String(out.skip)] = (skips[String(out.skip)] ?? 0) + 1;
          continue;
        }
        unions++;
        const rows = out.pages.flatMap((p: any) => p.ids);
        const label = JSON.stringify({ config, numItems, maxRows });
        if (JSON.stringify(rows) !== JSON.stringify(out.all))
          problems.push({ label, issue: 'concat', rows, all: out.all });
        out.pages.forEach((p: any, i: number) => {
          if (!p.isDone && !p.status && p.ids.length !== numItems) problems.push({ label, issue: 'short', i });
          if (JSON.stringify(out.pinned[i]) !== JSON.stringify(p.ids)) problems.push({ label, issue: 'pinned', i });
          if (p.halves) splits++;
          if (p.halves && JSON.stringify(p.halves) !== JSON.stringify(p.ids))
            problems.push({ label, issue: 'halves', i });
        });
      }
      if (process.env.FUZZ_DEBUG) console.log('unions', unions, 'splits', splits, JSON.stringify(skips));
      expect(unions).toBeGreaterThan(2);
      expect(problems).toEqual([]);
    });
  }
});
