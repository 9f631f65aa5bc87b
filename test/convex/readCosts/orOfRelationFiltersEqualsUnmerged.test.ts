import { describe, expect, it } from 'vitest';
import { names, orm, ruled, ruledUsers, seeded } from './relationShapesFixture';

// The filter tree merges OR branches that are relation filters on one relation: EXISTS(A) OR EXISTS(B) -> EXISTS(A OR B).
// Each case: the OR of relation filters equals the OR written inside the relation filter and the union of
// two queries, under the same options; its NOT equals the complement.
type Case = { label: string; table: 'users' | 'posts'; a: object; b: object; options?: object };
const cases: Case[] = [
  { label: 'posts status', table: 'users', a: { posts: { status: 'draft' } }, b: { posts: { views: { gt: 3 } } } },
  { label: 'true vs filter', table: 'users', a: { posts: true }, b: { posts: { status: 'secret' } } },
  { label: 'false in OR', table: 'users', a: { posts: false }, b: { posts: { status: 'draft' } } },
  {
    label: 'withDeleted',
    table: 'users',
    a: { posts: { status: 'live' } },
    b: { posts: { views: 6 } },
    options: { withDeleted: true },
  },
  { label: 'one nullable self', table: 'users', a: { manager: { name: 'u0' } }, b: { manager: { name: 'u1' } } },
  { label: 'one self any', table: 'users', a: { manager: true }, b: { manager: { name: 'u9' } } },
  { label: 'many self', table: 'users', a: { reports: { name: 'u3' } }, b: { reports: { name: 'u4' } } },
  {
    label: 'many self withDeleted',
    table: 'users',
    a: { reports: { name: 'u3' } },
    b: { reports: { name: 'u4' } },
    options: { withDeleted: true },
  },
  { label: 'through', table: 'posts', a: { tags: { name: 't1' } }, b: { tags: { name: 't2' } } },
  {
    label: 'nested relations',
    table: 'users',
    a: { posts: { tags: { name: 't1' } } },
    b: { posts: { tags: { name: 't2' } } },
  },
  { label: 'author one', table: 'posts', a: { author: { name: 'u0' } }, b: { author: { name: 'u4' } } },
  {
    label: 'author one withDeleted',
    table: 'posts',
    a: { author: { name: 'u0' } },
    b: { author: { name: 'u4' } },
    options: { withDeleted: true },
  },
];

async function check(db: any, { table, a, b, options = {} }: Case) {
  const q = db.query[table];
  const merged = names(await q.findMany({ ...options, where: { OR: [a, b] } }));
  const inside = await (async () => {
    const [ka] = Object.keys(a);
    const [kb] = Object.keys(b);
    if (ka !== kb) return null;
    const va = (a as any)[ka!];
    const vb = (b as any)[kb!];
    if (typeof va !== 'object' || typeof vb !== 'object') return null;
    return names(await q.findMany({ ...options, where: { [ka!]: { OR: [va, vb] } } }));
  })();
  const union = [
    ...new Set([
      ...names(await q.findMany({ ...options, where: a })),
      ...names(await q.findMany({ ...options, where: b })),
    ]),
  ].sort();
  const all = names(await q.findMany({ ...options }));
  const notMerged = names(await q.findMany({ ...options, where: { NOT: { OR: [a, b] } } }));
  const notNot = names(await q.findMany({ ...options, where: { NOT: { NOT: { OR: [a, b] } } } }));
  const withColumn = names(
    await q.findMany({ ...options, where: { OR: [a, table === 'users' ? { name: 'zzz' } : { title: 'zzz' }, b] } }),
  );
  const count = await q.count({ ...options, where: { OR: [a, b] } });
  return {
    merged,
    inside,
    union,
    complement: all.filter((n) => !union.includes(n)),
    notMerged,
    notNot,
    withColumn,
    count,
  };
}

describe('OR of relation filters on one relation = the unmerged semantics', () => {
  for (const orm_ of [
    ['no rules', orm],
    ['rules on posts', ruled],
    ['rules on users (relation filters in an OR) and posts', ruledUsers],
  ] as const) {
    for (const c of cases) {
      it(`${orm_[0]}: ${c.label}`, async () => {
        const t = await seeded();
        const out = await t.run((raw: any) => check(orm_[1].db(raw), c));
        expect(out.merged).toEqual(out.union);
        if (out.inside) expect(out.inside).toEqual(out.union);
        expect(out.notMerged).toEqual(out.complement);
        expect(out.notNot).toEqual(out.union);
        expect(out.withColumn).toEqual(out.union);
        expect(out.count).toBe(out.union.length);
      });
    }
  }
});
