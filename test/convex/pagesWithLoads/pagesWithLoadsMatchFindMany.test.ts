// Concatenated pages (numItems 1-3, some with maximumRowsRead) of users with
// `with` loads (nested, self relations, load where/orderBy incl. relation orders/limit/offset), `_count`,
// root relation filters (plain, NOT, OR, through a one, a filter beside a load of the same where) under
// no rules, post rules (object, relation filter, function), user rules (object, NOT relation, function),
// sealed cursors and a low index-range budget equal findMany with the same config (docs/queries.md,
// paginate; DESIGN.md 14), and every unsplit page but the last is full. Each page in its own transaction.
import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { pick, plain, relations, rng, seed } from '../readCosts/sharedReadsWorld';

const secret = 'x'.repeat(40);
const sealedRel = createOrm({
  relations,
  cursorSecret: secret,
  rules: defineRules(relations, () => ({ posts: { read: { comments: { score: { ne: 2 } } } } })),
});
const sealedObj = createOrm({
  relations,
  cursorSecret: secret,
  rules: defineRules(relations, () => ({ posts: { read: { status: { ne: 'secret' } } } })),
});
const sealedFn = createOrm({
  relations,
  cursorSecret: secret,
  rules: defineRules(relations, () => ({
    posts: { read: ((p: any) => p.views % 3 !== 0) as never },
    comments: { read: ((c: any) => c.score !== 2) as never },
  })),
});
const lowA = createOrm({ relations, transactionBudget: { indexRanges: 12 } as any });
const usersRule = createOrm({
  relations,
  cursorSecret: secret,
  rules: defineRules(relations, () => ({
    users: { read: { name: { ne: 'u5' } } },
    posts: { read: { author: { name: { ne: 'u3' } } } },
  })),
});
const usersRuleNot = createOrm({
  relations,
  cursorSecret: secret,
  rules: defineRules(relations, () => ({ users: { read: { NOT: { posts: { status: 'secret' } } } } })),
});
const usersFn = createOrm({
  relations,
  cursorSecret: secret,
  rules: defineRules(relations, () => ({ users: { read: ((u: any) => u.name !== 'u2') as never } })),
});
const dbs = [plain, sealedRel, sealedObj, sealedFn, lowA, usersRule, usersRuleNot, usersFn, usersRule, usersRuleNot];

const postWheres: any[] = [
  undefined,
  { status: 'live' },
  { views: { gt: 1 } },
  { NOT: { status: 'live' } },
  { comments: { score: 1 } },
  { OR: [{ status: 'live' }, { views: 3 }] },
];
function genLoad(r: () => number): any {
  const load: any = {};
  if (r() < 0.6)
    load.orderBy = pick(r, [
      { views: 'desc' },
      { title: 'desc' },
      { comments: 'desc(count)' },
      { comments: { score: 'desc(max)' } },
      { _creationTime: 'desc' },
    ]);
  if (r() < 0.4) load.limit = Math.floor(r() * 3);
  if (r() < 0.2) load.offset = 1;
  if (r() < 0.3) load.with = { comments: r() < 0.5 ? true : { orderBy: { score: 'desc' }, limit: 1 } };
  if (r() < 0.3) load._count = { comments: true };
  if (r() < 0.5) {
    const w = pick(r, postWheres);
    if (w) load.where = w;
  }
  return load;
}
const rootWheres: any[] = [
  undefined,
  { posts: true },
  { posts: { status: 'live' } },
  { NOT: { posts: { status: 'live' } } },
  { OR: [{ posts: { views: 3 } }, { name: 'u1' }] },
  { reports: true },
  { manager: { name: { gte: 'u2' } } },
  { posts: { comments: { score: 1 } } },
];

describe('pages vs findMany', () => {
  for (let s = 1; s <= 20; s++) {
    it(`seed ${s}`, async () => {
      const r = rng(s * 977 + 3);
      const t = await seed(r, 24);
      const db = pick(r, dbs);
      const cfg: any = { with: {} };
      if (r() < 0.8) cfg.with.posts = genLoad(r);
      if (r() < 0.3) cfg.with.reports = { with: { posts: genLoad(r) } };
      if (r() < 0.3) cfg.with.manager = { with: { posts: genLoad(r) } };
      if (r() < 0.4) cfg._count = { posts: r() < 0.5 ? true : { where: pick(r, postWheres) ?? {} } };
      const w = pick(r, rootWheres);
      if (w) cfg.where = w;
      // make filter beside load likely
      if (w?.posts && r() < 0.6) cfg.with.posts = typeof w.posts === 'object' ? { where: w.posts } : true;
      if (r() < 0.3) cfg.withDeleted = true;
      cfg.orderBy = pick(r, [{ name: 'asc' }, { name: 'desc' }, { _creationTime: 'desc' }, { managerId: 'asc' }]);
      const numItems = 1 + Math.floor(r() * 3);
      const maxRows = r() < 0.3 ? 1 + Math.floor(r() * 3) : undefined;
      const info = JSON.stringify({ cfg, numItems, maxRows, db: dbs.indexOf(db) });
      const all = await t.run(async (raw: any) => {
        try {
          return await db.db(raw).query.users.findMany(cfg);
        } catch (e: any) {
          return `ERR ${e.code}`;
        }
      });
      if (typeof all === 'string') return;
      const pages: any[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 40; i++) {
        const p: any = await t.run((raw: any) =>
          db.db(raw).query.users.paginate({ numItems, cursor, ...(maxRows ? { maximumRowsRead: maxRows } : {}) }, cfg),
        );
        pages.push(p);
        if (p.isDone) break;
        cursor = p.continueCursor;
      }
      const out = { all, pages };
      const rows = out.pages.flatMap((p: any) => p.page);
      expect(rows, info).toEqual(out.all);
      if (!maxRows)
        out.pages.slice(0, -1).forEach((p: any) => {
          if (p.pageStatus !== 'SplitRequired') expect(p.page.length, info).toBe(numItems);
        });
    });
  }
});
