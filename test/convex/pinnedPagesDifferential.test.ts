// Seeded differential check of pinned pages (endCursor): for random rows (ties on rank, absent and
// null ranks) and random queries (in lists, OR, ne / notIn, residual filters, asc / desc):
// - the unpinned pages, concatenated, are findMany's rows;
// - each page re-read pinned to its own continueCursor holds the same rows;
// - a span pinned from page i's cursor to page j's continueCursor holds pages i..j;
// - after writes at the pages' end keys (ties inserted, end rows deleted), the pinned pages and an
//   unpinned tail, concatenated, are findMany's rows again (adjacent, no row missed or repeated).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { boolean, convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';
import { orm as orm2, schema as schema2 } from './pagesFixture';

// A three-field index too (status, rank, q): a key splits into up to 3 ranges at each end.
const items3 = convexTable(
  'items',
  { status: text().notNull(), rank: integer(), q: integer(), flag: boolean().notNull() },
  (t) => [index('by_status_rank_q').on(t.status, t.rank, t.q)],
);
const tables3 = { items: items3 };
const schema3 = defineSchema(tables3);
const orm3 = createOrm({ relations: defineRelations(tables3, () => ({})) });

import { seededRandom } from '../seededRandom';
import { pagedItems, pagesFrom, rerunPages, writeAtPageEnds } from './pagedItems';

const STATUSES = ['a', 'b', 'c'];
const WHERES: object[] = [
  { status: 'a' },
  { status: { in: ['a', 'b'] } },
  { status: { in: ['a', 'c'] }, rank: { gt: 0 } },
  { status: 'b', rank: { ne: 1 } },
  { status: 'a', rank: { notIn: [0, 2] } },
  { OR: [{ status: 'a' }, { status: 'c', rank: { gte: 1 } }] },
  {
    OR: [
      { status: 'b', rank: 2 },
      { status: 'a', rank: { lt: 2 } },
    ],
  },
  { status: { in: ['a', 'b', 'c'] }, flag: true },
  { status: { in: ['b', 'c'] }, rank: { isNull: true } },
  { status: 'a', rank: { in: [0, 1, 3] } },
  { status: { in: ['a', 'b'] }, rank: { in: [1, 2] } },
];

function randomRow(random: () => number) {
  const r = random();
  const rank = r < 0.1 ? {} : r < 0.2 ? { rank: null } : { rank: Math.floor(random() * 4) };
  const q = random() < 0.2 ? {} : { q: Math.floor(random() * 3) };
  return { status: STATUSES[Math.floor(random() * 3)]!, flag: random() < 0.6, ...rank, ...q };
}

describe.each([
  ['by_status_rank', orm2, schema2, false],
  ['by_status_rank_q', orm3 as unknown as typeof orm2, schema3, true],
] as const)('pinned pages agree with unpinned pages and findMany (seeded, %s)', (_, orm, schema, deep) => {
  for (let seed = 1; seed <= 100; seed++) {
    it(`seed ${seed}`, async () => {
      const random = seededRandom(seed);
      const t = convexTest({ schema, modules, transactionLimits: true });
      await t.run(async (ctx) => {
        const n = 10 + Math.floor(random() * 20);
        for (let i = 0; i < n; i++) {
          const row = randomRow(random) as Record<string, unknown>;
          if (!deep) delete row.q;
          await ctx.db.insert('items', row as never);
        }
      });
      const where = WHERES[Math.floor(random() * WHERES.length)]!;
      const order = random() < 0.5 ? 'asc' : 'desc';
      const twoKeys = deep && random() < 0.7;
      const orderBy = random() < 0.15 ? undefined : twoKeys ? { rank: order, q: order } : { rank: order };
      const config = orderBy ? { where, orderBy } : { where };
      const numItems = 1 + Math.floor(random() * 4);
      const label = JSON.stringify({ config, numItems });

      const { page, all } = pagedItems(t, orm, config);

      // A where and order no index gives (an OR over statuses ordered by rank) cannot be paged: skipped.
      const pageable = await page({ numItems, cursor: null }).then(
        () => true,
        (error: { message?: string }) => !String(error.message).includes('needs an index that gives the order'),
      );
      if (!pageable) {
        return;
      }
      const { pages, cursors } = await pagesFrom(page, numItems, null);
      expect(
        pages.flatMap((p) => p.ids),
        label,
      ).toEqual(await all());

      for (let i = 0; i < pages.length; i++) {
        const pinned = await page({ numItems, cursor: cursors[i]!, endCursor: cursors[i + 1]! });
        expect(pinned.ids, `${label} page ${i} pinned`).toEqual(pages[i]!.ids);
        const j = i + Math.floor(random() * (pages.length - i));
        const span = await page({ numItems, cursor: cursors[i]!, endCursor: cursors[j + 1]! });
        expect(span.ids, `${label} pages ${i}..${j} pinned`).toEqual(pages.slice(i, j + 1).flatMap((p) => p.ids));
      }

      // Writes at the end keys: rows tied with an end row inserted, some end rows deleted.
      await writeAtPageEnds(t, pages, random, () => {
        const row = randomRow(random) as Record<string, unknown>;
        if (!deep) delete row.q;
        return row;
      });
      // usePaginatedQuery's re-run: every page but the last pinned, the last from its cursor on.
      const rerun = await rerunPages(page, numItems, cursors, pages.length);
      expect(rerun, `${label} after writes`).toEqual(await all());
    });
  }
});
