import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { relations } from '../../example/convex/schema';
import { createOrm, defineRules } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { CURSOR_SECRET } from './cursorSecret';
import { seeded } from './seed';

// A residual that reads (a relation filter, a rule with one) spends the query's scan budget with
// the page's own rows: past it, the page stops early with SplitRequired, as at maximumRowsRead.
describe('paginate: a residual that reads stops the page at the scan budget', () => {
  it('a relation filter: SplitRequired with the rows so far, and the next page goes on', async () => {
    const { t } = await seeded();
    const config = { where: { posts: false }, columns: { name: true }, scanBudget: 4 } as const;
    const all = await t.run((ctx) =>
      orm.db(ctx).query.users.findMany({ where: { posts: false }, columns: { name: true } }),
    );
    const names: string[] = [];
    let cursor: string | null = null;
    let splits = 0;
    for (let guard = 0; guard < 20; guard++) {
      const page = await t.run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const result = await orm.db(ctx).query.users.paginate({ numItems: 2, cursor }, config);
        return { ...result, reads: { ...reads } };
      });
      expect(page.reads.documents).toBeLessThanOrEqual(5);
      names.push(...page.page.map((row) => row.name));
      if (page.pageStatus === 'SplitRequired') splits++;
      cursor = page.continueCursor;
      if (page.isDone) break;
    }
    expect(splits).toBeGreaterThan(0);
    expect(names).toEqual(all.map((row) => row.name));
  });

  it('a read rule with a relation filter: a page of hidden rows splits instead of throwing', async () => {
    const { t } = await seeded();
    const ruled = createOrm({
      relations,
      cursorSecret: CURSOR_SECRET,
      rules: defineRules(relations, () => ({ comments: { read: { post: { title: 'nobody sees this' } } } })),
    });
    const page = await t.run((ctx) =>
      ruled.db(ctx).query.comments.paginate({ numItems: 1, cursor: null }, { scanBudget: 3 }),
    );
    expect(page).toMatchObject({ page: [], isDone: false, pageStatus: 'SplitRequired' });
  });

  it('a budget too small for one row and its check is still SCAN_BUDGET_EXCEEDED', async () => {
    const { t } = await seeded();
    const error = await t.run((ctx) =>
      orm
        .db(ctx)
        .query.users.paginate({ numItems: 1, cursor: null }, { where: { posts: false }, scanBudget: 1 })
        .then(
          () => null,
          (error: { code: string }) => error.code,
        ),
    );
    expect(error).toBe('SCAN_BUDGET_EXCEEDED');
  });
});
