// Seeded differential check of pages read as a union (an OR across fields, each branch through its
// own index, src/planner/union.ts): for random rows and random ORs across `status` and `owner`
// (each indexed with `rank` after it), ordered by rank or by nothing:
// - the unpinned pages, concatenated, are findMany's rows, each row once (a row both branches
//   reach included), every page full but the last;
// - each page re-read pinned to its own continueCursor holds the same rows;
// - after writes at the pages' end keys (ties inserted, end rows deleted) and rows moved from one
//   branch to another (a random row, end rows), the pinned pages and an unpinned tail,
//   concatenated, are findMany's rows again.
import { convexTest, type TestConvex } from 'convex-test';
import { afterAll, describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { boolean, convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';
import { seededRandom } from '../seededRandom';
import { type PageIds, pagedItems, pagesFrom, rerunPages, writeAtPageEnds } from './pagedItems';

const items = convexTable(
  'items',
  { status: text().notNull(), owner: text().notNull(), rank: integer(), flag: boolean().notNull() },
  (t) => [index('by_status_rank').on(t.status, t.rank), index('by_owner_rank').on(t.owner, t.rank)],
);
const tables = { items };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });

const STATUSES = ['a', 'b', 'c'];
const OWNERS = ['x', 'y', 'z'];
const WHERES: object[] = [
  { OR: [{ status: 'a' }, { owner: 'x' }] },
  { OR: [{ status: { in: ['a', 'b'] } }, { owner: 'y' }] },
  { flag: true, OR: [{ status: 'c' }, { owner: 'x' }] },
  { OR: [{ status: 'a', rank: { gt: 0 } }, { owner: 'z' }] },
  { OR: [{ status: 'b' }, { owner: 'x' }, { owner: 'y', flag: false }] },
  {
    OR: [
      { status: 'a', rank: { ne: 1 } },
      { owner: { in: ['x', 'z'] }, rank: { lt: 3 } },
    ],
  },
  { rank: { gte: 1 }, OR: [{ status: 'c' }, { owner: 'y' }] },
];

function randomRow(random: () => number) {
  const r = random();
  const rank = r < 0.1 ? {} : r < 0.2 ? { rank: null } : { rank: Math.floor(random() * 4) };
  const pick = (values: string[]) => values[Math.floor(random() * values.length)]!;
  return { status: pick(STATUSES), owner: pick(OWNERS), flag: random() < 0.6, ...rank };
}

/** Patches rows into other branches (another status / owner): a random row, and some pages' end rows. */
async function moveBetweenBranches(
  t: { run: TestConvex<any>['run'] },
  pages: readonly PageIds[],
  random: () => number,
) {
  const pick = (values: string[]) => values[Math.floor(random() * values.length)]!;
  await t.run(async (ctx) => {
    const rows = await ctx.db.query('items').collect();
    const victim = rows[Math.floor(random() * rows.length)];
    if (victim) await ctx.db.patch(victim._id, { status: pick(STATUSES), owner: pick(OWNERS), flag: random() < 0.5 });
    for (const p of pages) {
      const endId = p.ids.at(-1);
      if (endId && random() < 0.3 && (await ctx.db.get(endId as never))) {
        await ctx.db.patch(endId as never, { status: pick(STATUSES), owner: pick(OWNERS) } as never);
      }
    }
  });
}

let unionSeeds = 0;
afterAll(() => {
  // The check is of union pages: most seeds must have read one.
  expect(unionSeeds).toBeGreaterThan(40);
});

describe('pages read as a union agree with findMany, pinned and after writes (seeded)', () => {
  for (let seed = 1; seed <= 80; seed++) {
    it(`seed ${seed}`, async () => {
      const random = seededRandom(seed);
      const t = convexTest({ schema, modules, transactionLimits: true });
      await t.run(async (ctx) => {
        const n = 10 + Math.floor(random() * 25);
        for (let i = 0; i < n; i++) await ctx.db.insert('items', randomRow(random) as never);
      });
      const where = WHERES[Math.floor(random() * WHERES.length)]!;
      const order = random() < 0.5 ? 'asc' : 'desc';
      const config = random() < 0.25 ? { where } : { where, orderBy: { rank: order } };
      const numItems = 1 + Math.floor(random() * 4);
      const label = JSON.stringify({ config, numItems });

      const { page, all } = pagedItems(t, orm, config);
      const read = await t.run(
        async (ctx) =>
          orm
            .db(ctx)
            .query.items.paginate({ numItems, cursor: null }, config as never)
            .explain().read,
      );
      if (read === 'union') unionSeeds++;

      const { pages, cursors } = await pagesFrom(page, numItems, null);
      const rows = pages.flatMap((p) => p.ids);
      expect(rows, label).toEqual(await all());
      expect(new Set(rows).size, label).toBe(rows.length);
      for (const p of pages.slice(0, -1)) expect(p.ids, label).toHaveLength(numItems);

      for (let i = 0; i < pages.length; i++) {
        const pinned = await page({ numItems, cursor: cursors[i]!, endCursor: cursors[i + 1]! });
        expect(pinned.ids, `${label} page ${i} pinned`).toEqual(pages[i]!.ids);
      }

      await writeAtPageEnds(t, pages, random, () => randomRow(random));
      await moveBetweenBranches(t, pages, random);
      const rerun = await rerunPages(page, numItems, cursors, pages.length);
      expect(rerun, `${label} after writes`).toEqual(await all());
    });
  }
});
