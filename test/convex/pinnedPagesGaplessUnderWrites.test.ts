// Pages pinned by endCursor (each page re-run from its cursor to the next page's, as convex-helpers
// pins them), with sealed cursors, stay gapless and duplicate-free across rounds of inserts, deletes
// and updates that move rows across page boundaries: for in lists, same-field ORs, residual filters
// and range unions, the pinned pages together hold findMany's rows once each. Seeded.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { boolean, convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';
import { seededRandom } from '../seededRandom';
import { CURSOR_SECRET } from './cursorSecret';

const items = convexTable(
  'items',
  { status: text().notNull(), rank: integer(), flag: boolean().notNull(), n: integer().notNull() },
  (t) => [
    index('by_status_rank').on(t.status, t.rank),
    index('by_rank').on(t.rank),
    index('by_n_rank').on(t.n, t.rank),
  ],
);
const tables = { items };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations, cursorSecret: CURSOR_SECRET });

const configs: any[] = [
  { where: { status: { in: ['a', 'c'] } }, orderBy: { rank: 'asc' } },
  { where: { OR: [{ status: 'a' }, { status: 'b' }] }, orderBy: { rank: 'desc' } },
  { where: { status: 'a', flag: true }, orderBy: { rank: 'asc' } },
  { where: { status: 'a' }, orderBy: { rank: 'desc' } },
  { where: { OR: [{ rank: { lt: 5 } }, { rank: { gt: 20 } }], flag: false }, orderBy: { rank: 'desc' } },
  { orderBy: { rank: 'desc' } },
  {},
];

describe('pages re-run with endCursor (convex-helpers pinning) stay gapless after inserts, deletes and moves', () => {
  it("the pinned pages, re-run after each round of writes, hold findMany's rows once each", async () => {
    const t = convexTest(schema, modules);
    const rnd = seededRandom(5);
    const newRow = () => {
      const row: any = { status: ['a', 'b', 'c'][Math.floor(rnd() * 3)], flag: rnd() < 0.5, n: Math.floor(rnd() * 3) };
      if (rnd() < 0.9) row.rank = Math.floor(rnd() * 30);
      return row;
    };
    await t.run(async (ctx) => {
      for (let i = 0; i < 40; i++) await ctx.db.insert('items', newRow());
    });
    const problems: unknown[] = [];
    for (const [ci, base] of configs.entries()) {
      const config = { ...base, columns: { _id: true } };
      const cursors: (string | null)[] = [null];
      for (let guard = 0; guard < 100; guard++) {
        const opts: any = { numItems: 1 + Math.floor(rnd() * 6), cursor: cursors[cursors.length - 1] };
        const page: any = await t.run((ctx) => orm.db(ctx).query.items.paginate(opts, config));
        cursors.push(page.continueCursor);
        if (page.isDone) break;
      }
      for (let round = 0; round < 3; round++) {
        // writes: inserts, deletes, updates
        await t.run(async (ctx) => {
          const all = await ctx.db.query('items').collect();
          for (let k = 0; k < 5; k++) {
            const r = rnd();
            if (r < 0.4) await ctx.db.insert('items', newRow());
            else if (r < 0.7) {
              const d = all[Math.floor(rnd() * all.length)]!;
              if (await ctx.db.get(d._id)) await ctx.db.delete(d._id);
            } else {
              const d = all[Math.floor(rnd() * all.length)]!;
              if (await ctx.db.get(d._id))
                await ctx.db.patch(d._id, {
                  rank: Math.floor(rnd() * 30),
                  status: ['a', 'b', 'c'][Math.floor(rnd() * 3)],
                });
            }
          }
        });
        const got: string[] = [];
        for (let i = 0; i + 1 < cursors.length; i++) {
          const page: any = await t.run((ctx) =>
            orm.db(ctx).query.items.paginate({ numItems: 3, cursor: cursors[i]!, endCursor: cursors[i + 1]! }, config),
          );
          got.push(...page.page.map((r: any) => r._id));
        }
        const want = (await t.run((ctx) => orm.db(ctx).query.items.findMany(config))).map((r: any) => r._id);
        if (JSON.stringify([...got].sort()) !== JSON.stringify([...want].sort()) || new Set(got).size !== got.length)
          problems.push({ ci, round, got: got.length, want: want.length });
      }
    }
    expect(problems).toEqual([]);
  }, 120000);
});
