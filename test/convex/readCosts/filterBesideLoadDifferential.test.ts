// A root relation filter beside a `with` load of the same relation and where reads every match
// and the load takes those rows (src/query/filterBesideLoad.ts): results must equal the same query with
// sharing switched off (a second relation filter, NOT { posts: { title: 'zz-none' } }, true for every
// row). Seeded over rules (object, `in`, relation-filter, function), soft delete, withDeleted, load
// orders/columns/nested loads/_count, root order and limit, findFirst, paginate, self relation
// (reports), and lowered transactionBudget.indexRanges (the switch to reading keys at once). Where the
// switched-off query reads more and runs out (an error, or a page split sooner), only the shared
// query's rows up to that point are compared. (heldRowsDifferential covers relation orders.)
import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { fnRule, inRule, objRule, pick, plain, relations, relRule, rng, seed } from './sharedReadsWorld';

const lowA = createOrm({ relations, transactionBudget: { indexRanges: 10 } as any });
const lowB = createOrm({
  relations,
  transactionBudget: { indexRanges: 16 } as any,
  rules: defineRules(relations, () => ({ posts: { read: { status: { in: ['live', 'draft'] } } } })),
});
const lowC = createOrm({
  relations,
  transactionBudget: { indexRanges: 12 } as any,
  rules: defineRules(relations, () => ({ posts: { read: { comments: { score: { ne: 2 } } } } })),
});
const dbs = [plain, objRule, inRule, relRule, fnRule, lowA, lowB, lowC, lowA, lowB];

const reportWheres: any[] = [
  undefined,
  { name: { gte: 'u3' } },
  { OR: [{ name: 'u2' }, { name: 'u5' }] },
  { posts: { status: 'live' } },
  { NOT: { name: 'u4' } },
  { deletedAt: { isNull: true } },
];
const postWheres: any[] = [
  undefined,
  { status: 'live' },
  { OR: [{ status: 'live' }, { status: 'draft' }] },
  { status: { in: ['draft', 'secret'] } },
  { views: { gt: 1 } },
  { NOT: { status: 'live' } },
  { comments: { score: 1 } },
  { status: { isNull: true } },
  { OR: [{ status: 'live' }, { views: 3 }] },
];
function genLoad(r: () => number): any {
  const load: any = {};
  if (r() < 0.6)
    load.orderBy = pick(r, [
      { views: 'desc' },
      { views: 'asc' },
      { title: 'desc' },
      { status: 'asc', views: 'desc' },
      { status: 'desc' },
      { comments: 'desc(count)' },
      { _creationTime: 'desc' },
      { authorId: 'asc', status: 'desc' },
      { status: 'asc' },
    ]);
  if (r() < 0.3) load.columns = { title: true, views: true };
  if (r() < 0.3) load.with = { comments: r() < 0.5 ? true : { orderBy: { score: 'desc' }, limit: 1 } };
  if (r() < 0.3) load._count = { comments: true };
  return load;
}

for (const REL of ['posts', 'reports'] as const)
  describe(`filter beside load differential (${REL})`, () => {
    const wheres = REL === 'posts' ? postWheres : reportWheres;
    for (let s = 1; s <= (REL === 'posts' ? 80 : 40); s++) {
      it(`seed ${s}`, async () => {
        const r = rng(s * 6151 + 11);
        const t = await seed(r, 24);
        const db = pick(r, dbs);
        const w = pick(r, wheres);
        const withDeleted = r() < 0.3;
        const load =
          REL === 'reports'
            ? {
                ...(r() < 0.5
                  ? { orderBy: pick(r, [{ name: 'desc' }, { posts: 'desc(count)' }, { managerId: 'asc' }]) }
                  : {}),
                ...(r() < 0.3 ? { with: { posts: true } } : {}),
                ...(w ? { where: w } : {}),
              }
            : { ...genLoad(r), ...(w ? { where: w } : {}) };
        const cfg: any = { with: { [REL]: load } };
        if (r() < 0.4) cfg._count = { [REL]: w ? { where: w } : true };
        if (withDeleted) cfg.withDeleted = true;
        const rootOrder = pick(r, [undefined, { name: 'asc' }, { name: 'desc' }, { _creationTime: 'desc' }]);
        if (rootOrder) cfg.orderBy = rootOrder;
        if (r() < 0.4) cfg.limit = 1 + Math.floor(r() * 3);
        const mode = pick(r, ['many', 'many', 'first', 'page']);
        const exists = w ? { [REL]: w } : { [REL]: true };
        const off = { ...exists, NOT: { posts: { title: 'zz-none' } } };
        const run = (o: any, where: any) => {
          const q = { ...cfg, where };
          if (mode === 'first') return o.query.users.findFirst(q);
          if (mode === 'page') {
            const { limit, ...rest } = q;
            return o.query.users
              .paginate({ numItems: limit ?? 3, cursor: null }, { orderBy: { name: 'asc' }, ...rest })
              .then((p: any) => ({ page: p.page, isDone: p.isDone, at: p.continueCursor.slice(12) }));
          }
          return o.query.users.findMany(q);
        };
        const info = JSON.stringify({ cfg, w, mode, db: dbs.indexOf(db) });
        const out = await t.run(async (raw: any) => {
          const o = db.db(raw);
          let shared: any, base: any;
          try {
            shared = await run(o, exists);
          } catch (e: any) {
            shared = { error: e.code ?? String(e) };
          }
          try {
            base = await run(o, off);
          } catch (e: any) {
            base = { error: e.code ?? String(e) };
          }
          return { shared, base };
        });
        if (out.base && (out.base as any).error && !(out.shared as any)?.error) return;
        const sh: any = out.shared,
          bs: any = out.base;
        if (mode === 'page' && sh.page && bs.page && bs.page.length < sh.page.length && !bs.isDone) {
          expect(sh.page.slice(0, bs.page.length), info).toEqual(bs.page);
          return;
        }
        expect(out.shared, info).toEqual(out.base);
      });
    }
  });
