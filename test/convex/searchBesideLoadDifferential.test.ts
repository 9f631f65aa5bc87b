// A search (findMany, findFirst, paginate, pinned pages) whose where holds a
// relation filter beside a `with` load of the same relation and where (one and many) returns the rows
// of the same query with the sharing switched off (a second, equal relation filter under AND), in
// the same (relevance) order, and reads no more (docs/queries.md "A relation asked for twice"), under
// rules, soft delete, withDeleted, lowered index-range budgets (the switch to reading keys at once),
// limit, maximumRowsRead and endCursor-pinned pages; explain() says the load takes the filter's rows.
import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { commentRule, counted, fnRule, pick, plain, relations, rng, seed, userRule } from './searchBesideWorld';

const lowA = createOrm({
  relations,
  cursorSecret: CURSOR_SECRET,
  transactionBudget: { indexRanges: 40 } as any,
});
const lowB = createOrm({
  relations,
  cursorSecret: CURSOR_SECRET,
  transactionBudget: { indexRanges: 50 } as any,
  rules: defineRules(relations, () => ({
    comments: { read: { score: { ne: 2 } } },
  })),
});
const dbs = [plain, commentRule, fnRule, userRule, lowA, lowB];
const commentWheres: any[] = [undefined, { score: { gt: 1 } }, { OR: [{ score: 0 }, { score: 3 }] }, { body: 'c0' }];
const authorWheres: any[] = [undefined, { name: { gte: 'u2' } }, { NOT: { name: 'u3' } }];
const rootWheres: any[] = [{}, { status: 'live' }, { views: { gt: 1 } }, { status: 'draft', views: { lt: 4 } }];

for (const REL of ['comments', 'author'] as const)
  describe(`search with a relation filter beside a load (${REL})`, () => {
    for (let s = 1; s <= 50; s++) {
      it(`seed ${s}`, async () => {
        const r = rng(s * 7919 + 3);
        const t = await seed(r);
        const db = pick(r, dbs);
        const w = pick(r, REL === 'comments' ? commentWheres : authorWheres);
        const load: any = w ? { where: w } : true;
        const cfg: any = {
          search: { index: 'search_title', query: 'intro' },
          with: { [REL]: load },
        };
        if (r() < 0.3) cfg.withDeleted = true;
        if (r() < 0.4) cfg.limit = 1 + Math.floor(r() * 4);
        if (r() < 0.3) cfg.columns = { title: true };
        const root = pick(r, rootWheres);
        const exists = { ...root, [REL]: w ?? true };
        const off = {
          ...root,
          AND: [{ [REL]: w ?? true }, { [REL]: w ?? true }],
        };
        const mode = pick(r, ['many', 'first', 'page', 'pinned', 'rows']);
        const maxRows = 20 + Math.floor(r() * 30);
        const numItems = 1 + Math.floor(r() * 4);
        const info = JSON.stringify({
          cfg,
          exists,
          mode,
          numItems,
          db: dbs.indexOf(db),
        });
        const out = await t.run(async (raw: any) => {
          const run = async (where: any) =>
            counted(raw, async (ctx) => {
              const q = db.db(ctx).query.posts as any;
              const c = { ...cfg, where };
              if (mode === 'many') return q.findMany(c);
              if (mode === 'first') {
                const { limit, ...one } = c;
                return q.findFirst(one);
              }
              const { limit, ...rest } = c;
              const pages: any[] = [];
              let cursor: string | null = null;
              for (let i = 0; i < 30; i++) {
                const p: any = await q.paginate(
                  {
                    numItems,
                    cursor,
                    ...(mode === 'rows' ? { maximumRowsRead: maxRows } : {}),
                  },
                  rest,
                );
                if (mode === 'pinned') {
                  const again: any = await q.paginate({ numItems, cursor, endCursor: p.continueCursor }, rest);
                  pages.push({ again: again.page });
                }
                pages.push(p.page);
                if (p.isDone) break;
                cursor = p.continueCursor;
              }
              return mode === 'rows' ? pages.flat() : pages;
            });
          let shared: any, base: any;
          try {
            shared = await run(exists);
          } catch (e: any) {
            shared = { result: { error: e.code ?? String(e) } };
          }
          try {
            base = await run(off);
          } catch (e: any) {
            base = { result: { error: e.code ?? String(e) } };
          }
          const explainShared = String(
            JSON.stringify(await (db.db(raw).query.posts as any).findMany({ ...cfg, where: exists }).explain()),
          );
          return { shared, base, explainShared };
        });
        // The sharing is on here (the where's one relation filter, the query's own, no offset): explain says so.
        expect(out.explainShared, info).toContain(`which with.${REL} takes`);
        // Switched off, the query reads more and may run out of a lowered budget where the shared one does not.
        if (out.base.result?.error && !out.shared.result?.error) return;
        expect(out.shared.result, info).toEqual(out.base.result);
        if (out.shared.reads && out.base.reads) {
          expect(out.shared.reads.documents, info).toBeLessThanOrEqual(out.base.reads.documents);
          expect(out.shared.reads.ranges, info).toBeLessThanOrEqual(out.base.reads.ranges);
        }
      });
    }
  });
