// docs/rules.md ("prepared queries", "a $count embedded in a select
// counts under the rules of the db that runs the select") and docs/select.md (prepared selects bind
// and plan per execution under the ctx's rules). A prepared select with an embedded $count whose
// filter holds a placeholder, a prepared findMany whose _count.where holds one, and a prepared
// grouped count(), on a soft-delete table with aggregate indexes, under a function rule, a key-range
// rule and a non-key range rule, must equal a brute-force count of the visible live rows.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { and, count, createOrm, defineRules, eq, placeholder, sql } from '../../../src/index';
import { backfillAll, type Db, groups, items, orgs, relations, schema } from './bruteForceFixture';

const allow = { read: {}, insert: {}, update: { using: {}, check: {} }, delete: {} };
type R = Record<string, any>;

async function world(makeRule: (o: string[]) => unknown) {
  const plain = createOrm({ relations });
  const t = convexTest({ schema, modules });
  await backfillAll(t);
  const ids = await t.run(async (ctx) => {
    const db = plain.db(ctx as never) as unknown as Db;
    const os = await db
      .insert(orgs)
      .values([{ name: 'o0' }, { name: 'o1' }, { name: 'o2' }])
      .returning({ _id: orgs._id });
    const [g] = await db.insert(groups).values({ name: 'g' }).returning({ _id: groups._id });
    await db.insert(items).values(
      Array.from({ length: 24 }, (_, i) => ({
        code: `i${i}`,
        cat: (['a', 'b', 'c'] as const)[i % 3]!,
        orgId: i % 5 === 0 ? null : os[i % 3]!._id,
        groupId: g!._id,
        qty: i,
        score: i / 4,
      })),
    );
    await db.delete(items).where({ code: { in: ['i1', 'i2', 'i4', 'i7', 'i11', 'i13'] } });
    return { o: os.map((x) => x._id as string), g: g!._id };
  });
  const rule = makeRule(ids.o);
  const ruled = createOrm({
    relations,
    rules: defineRules(relations, () => ({ orgs: allow, groups: allow, items: { ...allow, read: rule as never } })),
  });
  const raw = await t.run(async (ctx) => ({ items: await ctx.db.query('items').collect() }));
  return { t, ids, raw, ruled, plain };
}

describe('prepared counts under rules agree with a brute-force oracle', () => {
  for (const [label, mk, js] of [
    ['fn', () => (r: R) => (r.qty ?? 0) < 15, (r: R) => r.qty < 15],
    ['cat', () => ({ cat: { in: ['a', 'b'] } }), (r: R) => r.cat !== 'c'],
    ['qty', () => ({ qty: { gte: 6 } }), (r: R) => r.qty >= 6],
  ] as const) {
    it(`prepared embedded $count and _count with placeholders: ${label}`, async () => {
      const { t, raw, ruled } = await world(mk as never);
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
