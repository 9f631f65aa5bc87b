// Pages cut by maximumRowsRead or by their relations running past a small
// scanBudget (with loads, `_count`, a root relation filter beside its load) are SplitRequired, the two
// halves usePaginatedQuery asks for (cursor..splitCursor, splitCursor..continueCursor as endCursor) hold
// the rows of the split page, and the walk of continueCursors gives findMany's rows (docs/queries.md
// "Relations of a page").
import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { pick, plain, relations, rng, seed } from '../readCosts/sharedReadsWorld';

const secret = 'x'.repeat(40);
const sealed = createOrm({
  relations,
  cursorSecret: secret,
  rules: defineRules(relations, () => ({ posts: { read: { status: { ne: 'secret' } } } })),
});
const dbs = [plain, sealed];
describe('split walk', () => {
  for (let s = 1; s <= 12; s++) {
    it(`seed ${s}`, async () => {
      const r = rng(s * 13 + 1);
      const t = await seed(r, 40);
      const db = pick(r, dbs);
      const cfg: any = {
        orderBy: pick(r, [{ name: 'asc' }, { _creationTime: 'desc' }]),
        with: { posts: pick(r, [true, { with: { comments: true } }, { where: { status: 'live' } }]) },
      };
      if (r() < 0.5) {
        cfg.where = { posts: cfg.with.posts === true ? true : cfg.with.posts.where ? { status: 'live' } : true };
      }
      if (r() < 0.4) cfg._count = { posts: true };
      const budget = 12 + Math.floor(r() * 15);
      const numItems = 2 + Math.floor(r() * 4);
      const maxRows = r() < 0.3 ? 2 : undefined;
      const all = await t.run((raw: any) => db.db(raw).query.users.findMany(cfg));
      const info = JSON.stringify({ cfg, budget, numItems, maxRows, db: dbs.indexOf(db) });
      const rows: any[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 60; i++) {
        let p: any;
        try {
          p = await t.run((raw: any) =>
            db
              .db(raw)
              .query.users.paginate(
                { numItems, cursor, ...(maxRows ? { maximumRowsRead: maxRows } : {}) },
                { ...cfg, scanBudget: budget },
              ),
          );
        } catch (e: any) {
          if (e.code === 'SCAN_BUDGET_EXCEEDED') return;
          throw e;
        }
        if (p.pageStatus === 'SplitRequired' && p.splitCursor) {
          const a: any = await t.run((raw: any) =>
            db
              .db(raw)
              .query.users.paginate({ numItems, cursor, endCursor: p.splitCursor }, { ...cfg, scanBudget: budget }),
          );
          const b: any = await t.run((raw: any) =>
            db
              .db(raw)
              .query.users.paginate(
                { numItems, cursor: p.splitCursor, endCursor: p.continueCursor },
                { ...cfg, scanBudget: budget },
              ),
          );
          expect([...a.page, ...b.page], info).toEqual(p.page);
        }
        rows.push(...p.page);
        if (p.isDone) break;
        cursor = p.continueCursor;
      }
      expect(rows, info).toEqual(all);
    });
  }
});
