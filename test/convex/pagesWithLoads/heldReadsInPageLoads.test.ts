// A page's nested `with` that takes rows a relation order inside the load read
// (heldRelatedRows.ts) gives what the same pages give without the relation order, reports compared
// by name: under object, `in`, relation-filter and function rules on posts and a rule on users, with
// soft delete and withDeleted, pages of 1-3 rows with sealed cursors (heldRowsDifferential covers findMany only).
import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { pick, plain, relations, rng, seed } from '../readCosts/sharedReadsWorld';

const cursorSecret = 'k'.repeat(40);
const mkRules = (f: any) => createOrm({ relations, cursorSecret, rules: defineRules(relations, f) });
const objRuleS = mkRules(() => ({ posts: { read: { status: { ne: 'secret' } } } }));
const inRuleS = mkRules(() => ({ posts: { read: { status: { in: ['live', 'draft'] } } } }));
const relRuleS = mkRules(() => ({ posts: { read: { comments: { score: { ne: 2 } } } } }));
const fnRuleS = mkRules(() => ({
  posts: { read: ((p: any) => p.views % 3 !== 0) as never },
  comments: { read: ((c: any) => c.score !== 2) as never },
}));
const relRule2 = createOrm({
  relations,
  cursorSecret,
  rules: defineRules(relations, () => ({
    posts: { read: { author: { name: { ne: 'u3' } } } },
    users: { read: { name: { ne: 'u5' } } },
  })),
});
const dbs = [plain, objRuleS, inRuleS, relRuleS, fnRuleS, relRule2];
function genLoad(r: () => number): any {
  const load: any = {};
  if (r() < 0.6)
    load.orderBy = pick(r, [
      { views: 'desc' },
      { title: 'desc' },
      { comments: 'desc(count)' },
      { _creationTime: 'desc' },
    ]);
  if (r() < 0.4) load.limit = Math.floor(r() * 3);
  if (r() < 0.2) load.offset = 1;
  if (r() < 0.3) load.with = { comments: true };
  if (r() < 0.3) load._count = { comments: true };
  return load;
}
const orders = [
  { posts: 'desc(count)' },
  { posts: { views: 'desc(max)' } },
  { posts: { comments: 'desc(count)' } },
  { reports: { posts: 'desc(count)' } },
];
describe('held in page loads', () => {
  for (let s = 1; s <= 12; s++) {
    it(`seed ${s}`, async () => {
      const r = rng(s * 31 + 7);
      const t = await seed(r, 26);
      const db = pick(r, dbs);
      const order = pick(r, orders);
      const inner: any = { with: {} };
      if (r() < 0.85) inner.with.posts = genLoad(r);
      if (r() < 0.4) inner._count = { posts: true };
      if (r() < 0.3) inner.with.reports = { with: { posts: genLoad(r) } };
      if (Object.keys(inner.with).length === 0 && !inner._count) inner.with.posts = true;
      const withDeleted = r() < 0.3;
      const mk = (o: any) => ({
        orderBy: { name: 'asc' },
        ...(withDeleted ? { withDeleted } : {}),
        with: { reports: { ...inner, orderBy: o } },
      });
      const numItems = 1 + Math.floor(r() * 3);
      const info = JSON.stringify({ order, inner, withDeleted, db: dbs.indexOf(db), numItems });
      const pages = async (cfg: any) => {
        const rows: any[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < 20; i++) {
          const p: any = await t.run((raw: any) => db.db(raw).query.users.paginate({ numItems, cursor }, cfg));
          rows.push(...p.page);
          if (p.isDone) break;
          cursor = p.continueCursor;
        }
        return rows;
      };
      const a = await pages(mk({ ...order, name: 'asc' }));
      const b = await pages(mk({ name: 'asc' }));
      const norm = (rows: any[]) =>
        rows.map((u) => ({ ...u, reports: [...u.reports].sort((x: any, y: any) => (x.name < y.name ? -1 : 1)) }));
      expect(norm(a), info).toEqual(norm(b));
    });
  }
});
