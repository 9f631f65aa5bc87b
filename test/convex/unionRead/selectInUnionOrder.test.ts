import { describe, expect, it } from 'vitest';
import { asc, eq, not, or } from '../../../src/index';
import { backend, items, orm } from './fixture';

// docs/queries.md ("An `OR` across different fields"): a union's order is total (orderBy, then the
// key of the index a page of the query walks; without orderBy, that key alone), so rows tied on
// orderBy come as its pages and findFirst give them. db.select takes the union like every read that
// plans a filter: a union it cannot merge comes sorted by that order (src/query/selectRows.ts
// inPlanOrder, in src/select/joinedRows.ts allJoinedRows) before the select's own orderBy, so its
// rows and ties come as findMany's and as the same select's without the union (the OR under NOT
// NOT: the single index read), and a limit keeps the same rows.
async function world() {
  const t = backend();
  await t.run(async (ctx: any) => {
    // Interleaved: a c = 'p' row (by_c_d), then an a = 'x' row (by_a); all tied on (n, d).
    for (let i = 0; i < 4; i++) {
      await ctx.db.insert('items', { c: 'p', d: 0, n: 0, b: i });
      await ctx.db.insert('items', { a: 'x', d: 0, n: 0, b: i });
    }
  });
  return t;
}

const across = or(eq(items.c, 'p'), eq(items.a, 'x'))!;
const whereObject = { OR: [{ c: 'p' }, { a: 'x' }] };
const names = (rows: any[]) => rows.map((row: any) => `${row.c ?? row.a}${row.b}`);

describe('db.select of a union the branches cannot merge: its order and ties', () => {
  it('without orderBy, rows come in the order of the single read and of findMany', async () => {
    const t = await world();
    const out = await t.run(async (ctx: any) => {
      const db = orm.db(ctx);
      const union = db.select().from(items).where(across);
      return {
        explain: union.explain(),
        union: names(await union),
        single: names(
          await db
            .select()
            .from(items)
            .where(not(not(across))),
        ),
        findMany: names(await db.query.items.findMany({ where: whereObject })),
      };
    });
    expect(out.explain).toMatchObject({ read: 'union', order: 'read' });
    expect(out.findMany).toEqual(['p0', 'x0', 'p1', 'x1', 'p2', 'x2', 'p3', 'x3']);
    expect(out.single).toEqual(out.findMany);
    expect(out.union).toEqual(out.findMany);
  });

  it('rows tied on orderBy come in that order, and a limit keeps the same rows', async () => {
    const t = await world();
    const out = await t.run(async (ctx: any) => {
      const db = orm.db(ctx);
      const union = db.select().from(items).where(across).orderBy(asc(items.n), asc(items.d)).limit(3);
      return {
        explain: union.explain(),
        union: names(await union),
        single: names(
          await db
            .select()
            .from(items)
            .where(not(not(across)))
            .orderBy(asc(items.n), asc(items.d))
            .limit(3),
        ),
        findMany: names(
          await db.query.items.findMany({ where: whereObject, orderBy: { n: 'asc', d: 'asc' }, limit: 3 }),
        ),
      };
    });
    expect(out.explain).toMatchObject({ read: 'union' });
    expect(out.findMany).toEqual(['p0', 'x0', 'p1']);
    expect(out.single).toEqual(out.findMany);
    expect(out.union).toEqual(out.findMany);
  });
});
