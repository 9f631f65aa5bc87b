import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../../src/index';

// A union whose branches each pin an orderBy field to their own value, under an orderBy of mixed
// directions: the merge compares every field of the order in one direction (the read's), so a
// union merges only an order of one direction (src/planner/union.ts); with mixed directions the
// branches are read in turn and sorted in memory, in orderBy order (Drizzle on Postgres: ORDER BY
// a ASC, d DESC, n ASC), and a page of it is refused, as a single index read's would be.
const items = convexTable('items', { a: text(), d: integer(), n: integer(), tag: text() }, (t) => [
  index('by_a_d_n').on(t.a, t.d, t.n),
  index('by_d_a').on(t.d, t.a),
]);
const tables = { items };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const schema = defineSchema(tables);

async function seeded() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx: any) => {
    for (const a of ['x', 'y']) {
      for (const d of [0, 1]) {
        for (const n of [1, 2]) await ctx.db.insert('items', { a, d, n, tag: `${a}${d}${n}` });
      }
    }
  });
  return t;
}

const tags = (rows: any[]) => rows.map((row) => row.tag);

describe('a union merged on a field its branches pin, ordered against the read direction', () => {
  it('findMany returns orderBy order (a asc, d desc): d = 1 before d = 0 within each a', async () => {
    const t = await seeded();
    // Both branches read by_d_a (d pinned, a asc): a asc, then d compared ascending by the merge.
    const where = {
      OR: [
        { d: 0, n: 1 },
        { d: 1, n: 2 },
      ],
    };
    const rows = await t.run((ctx: any) =>
      orm.db(ctx).query.items.findMany({ where, orderBy: { a: 'asc', d: 'desc' } } as any),
    );
    expect(tags(rows)).toEqual(['x12', 'x01', 'y12', 'y01']);
  });

  it('findFirst takes the first row of that order', async () => {
    const t = await seeded();
    const where = {
      OR: [
        { d: 0, n: 1 },
        { d: 1, n: 2 },
      ],
    };
    const row = await t.run((ctx: any) =>
      orm.db(ctx).query.items.findFirst({ where, orderBy: { a: 'asc', d: 'desc' } } as any),
    );
    expect((row as any).tag).toBe('x12');
  });

  it('a page of mixed directions is refused, as one index could not give it either; findMany sorts it', async () => {
    const t = await seeded();
    const where = {
      OR: [
        { a: { in: ['x', 'y'] }, d: 0 },
        { a: { in: ['x', 'y'] }, d: 1 },
      ],
    };
    const config = { where, orderBy: { a: 'asc', d: 'desc', n: 'asc' } } as any;
    const out = await t.run(async (ctx: any) => {
      const db = orm.db(ctx);
      const page = await db.query.items.paginate({ numItems: 3, cursor: null }, config).then(
        () => 'paged',
        (error: any) => error.code,
      );
      const all = db.query.items.findMany(config);
      return { page, all: tags(await all), order: all.explain().order };
    });
    expect(out.page).toBe('INVALID_QUERY');
    expect(out.all).toEqual(['x11', 'x12', 'x01', 'x02', 'y11', 'y12', 'y01', 'y02']);
    expect(out.order).toBe('memory');
  });
});
