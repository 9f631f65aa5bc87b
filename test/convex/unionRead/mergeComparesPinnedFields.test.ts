import { describe, expect, it } from 'vitest';
import { backend, orm } from './fixture';

// A union whose branches each pin an orderBy field to a different value (OR: [{ c: 'p' }, { c: 'q',
// a: 'x' }] under orderBy (c, d)) merges them comparing every field of its total order (orderBy,
// then _creationTime and _id; src/planner/union.ts), fields a branch pins to one value included:
// such a field orders nothing within the branch, but tells its rows from another branch's. The
// rows come in orderBy order, a limit keeps the first of them, and a field a branch pins that is
// not in the order (a = 'x' against 'y') is not compared.

async function seeded() {
  const t = backend();
  await t.run(async (ctx: any) => {
    for (const [c, d, a] of [
      ['p', 2, 'y'],
      ['q', 0, 'x'],
      ['p', 1, 'y'],
      ['q', 3, 'x'],
      ['p', 0, 'z'],
    ] as const) {
      await ctx.db.insert('items', { c, d, a });
    }
  });
  return t;
}

const cd = (rows: any[]) => rows.map((row) => `${row.c}/${row.d}`);
const across = { OR: [{ c: 'p' }, { c: 'q', a: 'x' }] };

describe('a union merged by the key past each branch equality', () => {
  it('returns the rows in orderBy order when the branches pin the leading orderBy field to different values', async () => {
    const t = await seeded();
    const rows = await t.run((ctx: any) =>
      orm.db(ctx).query.items.findMany({ where: across, orderBy: { c: 'asc', d: 'asc' } } as any),
    );
    expect(cd(rows)).toEqual(['p/0', 'p/1', 'p/2', 'q/0', 'q/3']);
  });

  it('keeps the first rows of that order under a limit (desc)', async () => {
    const t = await seeded();
    const rows = await t.run((ctx: any) =>
      orm.db(ctx).query.items.findMany({ where: across, orderBy: { c: 'desc', d: 'desc' }, limit: 3 } as any),
    );
    expect(cd(rows)).toEqual(['q/3', 'q/0', 'p/2']);
  });

  it('findFirst takes the first row of the order', async () => {
    const t = await seeded();
    const row = await t.run((ctx: any) =>
      orm.db(ctx).query.items.findFirst({ where: across, orderBy: { c: 'asc', d: 'asc' } } as any),
    );
    expect(cd([row])).toEqual(['p/0']);
  });

  it('without orderBy, returns the order of the single index read (by_c_d walked for c >= "a"), as paginate does', async () => {
    const t = await seeded();
    const where = { c: { gte: 'a' }, ...across };
    const out = await t.run(async (ctx: any) => {
      const db = orm.db(ctx);
      const union = await db.query.items.findMany({ where } as any);
      // The OR wrapped in NOT NOT stays residual: the single index read.
      const before = await db.query.items.findMany({ where: { c: { gte: 'a' }, NOT: { NOT: across } } } as any);
      const page = await db.query.items.paginate({ numItems: 10, cursor: null }, { where } as any);
      return { union: cd(union), before: cd(before), page: cd(page.page) };
    });
    expect(out.before).toEqual(['p/0', 'p/1', 'p/2', 'q/0', 'q/3']);
    expect(out.page).toEqual(out.before);
    expect(out.union).toEqual(out.before);
  });

  it('merges by orderBy, not by a field each branch pins to its own value (d in [0, 1] and a = x | a = y)', async () => {
    const t = backend();
    await t.run(async (ctx: any) => {
      await ctx.db.insert('items', { d: 0, a: 'y', b: 1, c: 'first' });
      await ctx.db.insert('items', { d: 0, a: 'x', c: 'second' });
      await ctx.db.insert('items', { d: 1, a: 'y', b: 1, c: 'third' });
      await ctx.db.insert('items', { d: 1, a: 'x', c: 'fourth' });
    });
    // Both branches read by_d_a (d, a) and "give" (d, _creationTime) with the sort key (d, a,
    // _creationTime, _id): a is pinned in each branch, to 'x' in one and 'y' in the other.
    const where = {
      OR: [
        { d: { in: [0, 1] }, a: 'x' },
        { d: { in: [0, 1] }, a: 'y', b: 1 },
      ],
    };
    const out = await t.run(async (ctx: any) => {
      const db = orm.db(ctx);
      const orderBy = { d: 'asc', _creationTime: 'asc' };
      const query = db.query.items.findMany({ where, orderBy } as any);
      return { explain: await query.explain(), rows: (await query).map((row: any) => row.c) };
    });
    expect(out.explain).toMatchObject({ read: 'union', order: 'index asc' });
    expect(out.rows).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('orders by n an OR whose branches each pin n (n = 2 and a = x | n = 1)', async () => {
    const t = backend();
    await t.run(async (ctx: any) => {
      await ctx.db.insert('items', { n: 2, a: 'x', c: 'two' });
      await ctx.db.insert('items', { n: 1, c: 'one' });
    });
    const rows = await t.run((ctx: any) =>
      orm.db(ctx).query.items.findMany({ where: { OR: [{ n: 2, a: 'x' }, { n: 1 }] }, orderBy: { n: 'asc' } } as any),
    );
    expect(rows.map((row: any) => row.c)).toEqual(['one', 'two']);
  });
});
