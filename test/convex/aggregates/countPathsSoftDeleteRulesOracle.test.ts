import { describe, expect, it } from 'vitest';
import { count, countDistinct, eq } from '../../../src/index';
import { items, orgs } from './bruteForceFixture';
import { countsWorld } from './countsWorld';

const safe = async (p: PromiseLike<unknown>) => {
  try {
    return await p;
  } catch (e) {
    return `ERR ${String(e)}`;
  }
};

type R = Record<string, any>;
const cases: [string, (o: string[]) => unknown, (r: R, o: string[]) => boolean][] = [
  ['cat a', () => ({ cat: 'a' }), (r) => r.cat === 'a'],
  ['org eq', (o) => ({ orgId: o[1] }), (r, o) => r.orgId === o[1]],
  ['fn', () => (r: R) => (r.qty ?? 0) % 2 === 0, (r) => (r.qty ?? 0) % 2 === 0],
  ['rel', () => ({ org: { name: 'o1' } }), (r, o) => r.orgId === o[1]],
  ['deletedOnly', () => ({ deletedAt: { isNotNull: true } }), (r) => r.deletedAt != null],
  ['qty', () => ({ qty: { lt: 10 } }), (r) => r.qty < 10],
];

describe('every count path on a soft-delete table under a read rule agrees with a brute-force oracle', () => {
  for (const [name, mk, js0] of cases) {
    it(name, async () => {
      const F = await countsWorld(mk);
      const js = (r: R) => js0(r, F.ids.o);
      const visible = (withDeleted: boolean) =>
        F.raw.items.filter((r: R) => js(r) && (withDeleted || r.deletedAt == null));
      for (const wd of [false, true]) {
        const vis = visible(wd);
        const byOrg = (o: string) => vis.filter((r: R) => r.orgId === o).length;
        const got = await F.run(async (db) => ({
          count: await safe(db.query.items.count({ withDeleted: wd } as never)),
          countCat: await safe(db.query.items.count({ where: { cat: 'a' }, withDeleted: wd } as never)),
          countOrg: await safe(db.query.items.count({ where: { orgId: F.ids.o[1] }, withDeleted: wd } as never)),
          countNull: await safe(db.query.items.count({ where: { orgId: { isNull: true } }, withDeleted: wd } as never)),
          orgsWithItems: await safe(db.query.orgs.count({ where: { items: true }, withDeleted: wd } as never)),
          orgsWithout: await safe(db.query.orgs.count({ where: { NOT: { items: true } }, withDeleted: wd } as never)),
          orgsWithCatA: await safe(db.query.orgs.count({ where: { items: { cat: 'a' } }, withDeleted: wd } as never)),
          _count: await safe(
            db.query.orgs.findMany({
              columns: { name: true },
              withDeleted: wd,
              orderBy: { name: 'asc' },
              _count: { items: true },
            } as never),
          ),
          _countW: await safe(
            db.query.orgs.findMany({
              columns: { name: true },
              withDeleted: wd,
              orderBy: { name: 'asc' },
              _count: { items: { where: { cat: 'b' } } },
            } as never),
          ),
          ordered: await safe(
            db.query.orgs.findMany({
              columns: { name: true },
              withDeleted: wd,
              orderBy: { items: 'desc(count)', name: 'asc' },
            } as never),
          ),
          groupBy: await safe(
            db.query.items.groupBy({
              by: ['orgId'],
              _count: true,
              withDeleted: wd,
              orderBy: { orgId: 'asc' },
            } as never),
          ),
          groupByCat: await safe(
            db.query.items.groupBy({ by: ['cat', 'orgId'], _count: true, withDeleted: wd } as never),
          ),
        }));
        const sel = await F.run(async (db) => {
          const base = (q: any) => (wd ? q.withDeleted() : q);
          return {
            dollar: await safe(db.$count(items)),
            dollarOrg: await safe(db.$count(items, eq(items.orgId, F.ids.o[1] as never))),
            joinCount: await safe(
              base(
                db
                  .select({ name: orgs.name, n: count(items._id), m: count() })
                  .from(orgs)
                  .leftJoin(items, eq(items.orgId, orgs._id))
                  .groupBy(orgs.name)
                  .orderBy(orgs.name),
              ),
            ),
            embedded: await safe(
              base(
                db
                  .select({ name: orgs.name, n: db.$count(items, eq(items.orgId, orgs._id)) })
                  .from(orgs)
                  .orderBy(orgs.name),
              ),
            ),
            grouped: await safe(
              base(db.select({ o: items.orgId, n: count() }).from(items).groupBy(items.orgId).orderBy(items.orgId)),
            ),
            distinct: await safe(base(db.select({ n: countDistinct(items.orgId), m: count(items.orgId) }).from(items))),
          };
        });
        const names = ['o0', 'o1', 'o2'];
        const expected = {
          count: vis.length,
          countCat: vis.filter((r: R) => r.cat === 'a').length,
          countOrg: byOrg(F.ids.o[1]!),
          countNull: vis.filter((r: R) => r.orgId == null).length,
          orgsWithItems: F.ids.o.filter((o) => byOrg(o) > 0).length,
          orgsWithout: F.ids.o.filter((o) => byOrg(o) === 0).length,
          orgsWithCatA: F.ids.o.filter((o) => vis.some((r: R) => r.orgId === o && r.cat === 'a')).length,
          _count: names.map((n, i) => ({ name: n, _count: { items: byOrg(F.ids.o[i]!) } })),
          _countW: names.map((n, i) => ({
            name: n,
            _count: { items: vis.filter((r: R) => r.orgId === F.ids.o[i] && r.cat === 'b').length },
          })),
        };
        const { groupBy, groupByCat, ordered, ...rest } = got as R;
        expect(rest, `${name} wd=${wd}`).toEqual(expected);
        const gExp = [null, ...F.ids.o]
          .map((o) => ({ orgId: o, _count: vis.filter((r: R) => (r.orgId ?? null) === o).length }))
          .filter((g) => g._count > 0)
          .sort((a, b) => (a.orgId === null ? -1 : b.orgId === null ? 1 : a.orgId < b.orgId ? -1 : 1));
        expect(groupBy, `${name} wd=${wd} groupBy`).toEqual(gExp);
        const ordExp = names
          .map((n, i) => ({ name: n, c: byOrg(F.ids.o[i]!) }))
          .sort((a, b) => b.c - a.c || (a.name < b.name ? -1 : 1))
          .map(({ name }) => ({ name }));
        expect(ordered, `${name} wd=${wd} ordered`).toEqual(ordExp);
        expect(sel.dollar, `${name} dollar`).toBe(visible(false).length);
        expect(sel.dollarOrg, `${name} dollarOrg`).toBe(visible(false).filter((r: R) => r.orgId === F.ids.o[1]).length);
        expect(sel.joinCount, `${name} wd=${wd} join`).toEqual(
          names.map((n, i) => ({ name: n, n: byOrg(F.ids.o[i]!), m: Math.max(1, byOrg(F.ids.o[i]!)) })),
        );
        expect(sel.embedded, `${name} wd=${wd} embedded`).toEqual(
          names.map((n, i) => ({ name: n, n: byOrg(F.ids.o[i]!) })),
        );
        const ds = new Set(vis.filter((r: R) => r.orgId != null).map((r: R) => r.orgId));
        expect(sel.distinct, `${name} wd=${wd} distinct`).toEqual([
          { n: ds.size, m: vis.filter((r: R) => r.orgId != null).length },
        ]);
        expect(groupByCat, `${name} wd=${wd} groupBy cat,org`).toHaveLength(
          new Set(vis.map((r: R) => `${r.cat}|${r.orgId ?? null}`)).size,
        );
      }
    });
  }
});
