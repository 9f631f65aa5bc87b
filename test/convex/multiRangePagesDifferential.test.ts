// Seeded pages over multi-interval ranges (same-field OR of ranges and
// equalities, NOT of a comparison / of an AND, under an `in` prefix too), asc / desc, with and
// without maximumRowsRead: pages concatenated equal findMany; a split page's two halves hold its
// rows; each page re-read pinned to its cursors holds the same rows; countReads equals Convex's own
// metrics (documents, ranges) per page; and without a residual filter a page reads at most
// n + k - 1 documents, k ranges on a first page and k * d on a later one, and with maximumRowsRead
// at most max(maximumRowsRead + k - 1, k) documents (docs/queries.md, pages table and
// maximumRowsRead paragraph).

import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { boolean, convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';
import { seededRandom } from '../seededRandom';

const items = convexTable(
  'items',
  { status: text().notNull(), rank: integer(), q: integer(), flag: boolean().notNull() },
  (t) => [index('by_status_rank_q').on(t.status, t.rank, t.q)],
);
const tables = { items };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });

const STATUSES = ['a', 'b', 'c'];
const WHERES: object[] = [
  { status: 'a', rank: { OR: [{ lt: 1 }, { gt: 2 }] } },
  { status: { in: ['a', 'b'] }, rank: { OR: [{ lt: 1 }, { gt: 2 }, { eq: 1 }] } },
  { status: 'b', NOT: { rank: { gte: 1, lte: 2 } } },
  { status: { in: ['a', 'c'] }, NOT: { rank: { lt: 2 } } },
  { status: 'a', OR: [{ rank: { lt: 1 } }, { rank: { isNull: true } }, { rank: { gte: 3 } }] },
  { status: { in: ['a', 'b'] }, rank: { OR: [{ lte: 0 }, { gte: 3 }] }, flag: true },
  { status: 'c', rank: { OR: [{ gt: 0, lt: 2 }, { gt: 2 }] } },
  { status: 'a', rank: { OR: [{ lt: 1 }, { gt: 2 }] }, q: { OR: [{ lt: 1 }, { gt: 1 }] } },
];

function randomRow(random: () => number) {
  const r = random();
  const rank = r < 0.1 ? {} : r < 0.2 ? { rank: null } : { rank: Math.floor(random() * 4) };
  const q = random() < 0.2 ? {} : { q: Math.floor(random() * 3) };
  return { status: STATUSES[Math.floor(random() * 3)]!, flag: random() < 0.6, ...rank, ...q };
}
const idsOf = (rows: readonly any[]) => rows.map((row) => row._id as string);

describe('pages over multi-interval ranges agree with findMany', () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`seed ${seed}`, async () => {
      const random = seededRandom(seed);
      const t = convexTest({ schema, modules, transactionLimits: true });
      await t.run(async (ctx) => {
        const n = 10 + Math.floor(random() * 25);
        for (let i = 0; i < n; i++) await ctx.db.insert('items', randomRow(random) as never);
      });
      const where = WHERES[Math.floor(random() * WHERES.length)]!;
      const order = random() < 0.5 ? 'asc' : 'desc';
      const orderBy = random() < 0.5 ? { rank: order, q: order } : { rank: order };
      const config = { where, orderBy };
      const numItems = 1 + Math.floor(random() * 4);
      const maximumRowsRead = random() < 0.5 ? 1 + Math.floor(random() * 4) : undefined;
      const label = JSON.stringify({ config, numItems, maximumRowsRead });
      const all = await t.run(async (ctx) => idsOf(await orm.db(ctx).query.items.findMany(config as never)));
      const got: string[] = [];
      let cursor: string | null = null;
      const cursors: (string | null)[] = [null];
      const pages: string[][] = [];
      for (let guard = 0; guard < 80; guard++) {
        const p: any = await t.run(async (raw) => {
          const r = countReads(raw);
          const m0 = await (raw as any).meta.getTransactionMetrics();
          const res: any = await orm
            .db(r.ctx)
            .query.items.paginate(
              { numItems, cursor, ...(maximumRowsRead ? { maximumRowsRead } : {}) } as never,
              config as never,
            );
          const m1 = await (raw as any).meta.getTransactionMetrics();
          return {
            ids: idsOf(res.page),
            cont: res.continueCursor,
            done: res.isDone,
            status: res.pageStatus ?? null,
            split: res.splitCursor ?? null,
            reads: { ...r.reads },
            convex: {
              documents: m1.documentsRead.used - m0.documentsRead.used,
              ranges: m1.databaseQueries.used - m0.databaseQueries.used,
            },
          };
        });
        expect(p.reads, label).toEqual(p.convex);
        if (!maximumRowsRead && !JSON.stringify(where).includes('flag') && !JSON.stringify(where).includes('"q"')) {
          const k = (
            await t.run(
              async (ctx) =>
                (await orm
                  .db(ctx)
                  .query.items.findMany(config as never)
                  .explain()) as any,
            )
          ).ranges.length;
          const d = 3;
          expect(p.reads.documents, `${label} docs k=${k} page ${pages.length}`).toBeLessThanOrEqual(
            numItems + k - 1 + (p.done ? 0 : 0),
          );
          expect(p.reads.ranges, `${label} ranges k=${k} page ${pages.length}`).toBeLessThanOrEqual(
            pages.length === 0 ? k : k * d,
          );
        }
        if (maximumRowsRead && !JSON.stringify(where).includes('flag') && !JSON.stringify(where).includes('"q"')) {
          const k = (
            await t.run(
              async (ctx) =>
                (await orm
                  .db(ctx)
                  .query.items.findMany(config as never)
                  .explain()) as any,
            )
          ).ranges.length;
          expect(p.reads.documents, `${label} maxRows k=${k} page ${pages.length}`).toBeLessThanOrEqual(
            Math.max(maximumRowsRead + k - 1, k),
          );
        }
        if (p.split) {
          // the two halves hold the page's rows
          const h1: any = await t.run(async (ctx) =>
            orm.db(ctx).query.items.paginate({ numItems, cursor, endCursor: p.split } as never, config as never),
          );
          const h2: any = await t.run(async (ctx) =>
            orm
              .db(ctx)
              .query.items.paginate({ numItems, cursor: p.split, endCursor: p.cont } as never, config as never),
          );
          expect([...idsOf(h1.page), ...idsOf(h2.page)], `${label} split`).toEqual(p.ids);
        }
        pages.push(p.ids);
        got.push(...p.ids);
        cursor = p.cont;
        cursors.push(cursor);
        if (p.done) break;
      }
      expect(got, label).toEqual(all);
      for (let i = 0; i < pages.length; i++) {
        const pinned: any = await t.run(async (ctx) =>
          orm
            .db(ctx)
            .query.items.paginate(
              { numItems, cursor: cursors[i]!, endCursor: cursors[i + 1]! } as never,
              config as never,
            ),
        );
        expect(idsOf(pinned.page), `${label} page ${i} pinned`).toEqual(pages[i]);
      }
    });
  }
});
