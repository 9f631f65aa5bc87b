import { describe, expect, it } from 'vitest';
import { and, count, eq, placeholder, sql } from '../../../src/index';
import { type Db, items, orgs } from './bruteForceFixture';
import { countsWorld } from './countsWorld';

type R = Record<string, any>;

describe('prepared counts under rules agree with a brute-force oracle', () => {
  for (const [label, mk, js] of [
    ['fn', () => (r: R) => (r.qty ?? 0) < 15, (r: R) => r.qty < 15],
    ['cat', () => ({ cat: { in: ['a', 'b'] } }), (r: R) => r.cat !== 'c'],
    ['qty', () => ({ qty: { gte: 6 } }), (r: R) => r.qty >= 6],
  ] as const) {
    it(`prepared embedded $count and _count with placeholders: ${label}`, async () => {
      const { t, raw, ruled } = await countsWorld(mk as never);
      const vis = raw.items.filter((r: R) => (js as any)(r) && r.deletedAt == null);
      const psel = ruled
        .select({
          name: orgs.name,
          n: ruled.$count(items, and(eq(items.orgId, orgs._id), eq(items.cat, sql.placeholder('c')))),
        })
        .from(orgs)
        .orderBy(orgs.name)
        .prepare('p');
      const pq = ruled.query.orgs
        .findMany({
          columns: { name: true },
          orderBy: { name: 'asc' },
          _count: { items: { where: { cat: placeholder('c') } } },
        } as never)
        .prepare('q');
      const pgrp = ruled
        .select({ o: items.orgId, n: count() })
        .from(items)
        .where(eq(items.cat, sql.placeholder('c')))
        .groupBy(items.orgId)
        .orderBy(items.orgId)
        .prepare('g');
      for (const c of ['a', 'b', 'c']) {
        const got = await t.run(async (ctx) => ({
          sel: await psel.execute(ctx as never, { c }).catch((e: unknown) => String(e)),
          q: await (pq as any).execute(ctx as never, { c }).catch((e: unknown) => String(e)),
          g: await pgrp.execute(ctx as never, { c }).catch((e: unknown) => String(e)),
          unprepared: await (ruled.db(ctx as never) as unknown as Db)
            .select({
              name: orgs.name,
              n: (ruled.db(ctx as never) as unknown as Db).$count(
                items,
                and(eq(items.orgId, orgs._id), eq(items.cat, c as never)),
              ),
            })
            .from(orgs)
            .orderBy(orgs.name),
        }));
        const by = ['o0', 'o1', 'o2'];
        const orgIds = await t.run(async (ctx) => (await ctx.db.query('orgs').collect()).map((o) => o._id as string));
        const n = (i: number) => vis.filter((r: R) => r.orgId === orgIds[i] && r.cat === c).length;
        expect(got.unprepared, `unprepared ${c}`).toEqual(by.map((name, i) => ({ name, n: n(i) })));
        expect(got.sel, `sel ${c}`).toEqual(by.map((name, i) => ({ name, n: n(i) })));
        expect(got.q, `q ${c}`).toEqual(by.map((name, i) => ({ name, _count: { items: n(i) } })));
        const gExp = [null, ...orgIds]
          .map((o) => ({ o, n: vis.filter((r: R) => (r.orgId ?? null) === o && r.cat === c).length }))
          .filter((x) => x.n > 0)
          .sort((a, b) => (a.o === null ? -1 : b.o === null ? 1 : a.o < b.o ? -1 : 1));
        expect(got.g, `g ${c}`).toEqual(gExp);
      }
    });
  }
});
