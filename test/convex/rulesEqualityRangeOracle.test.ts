import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  index,
  integer,
  searchIndex,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { CURSOR_SECRET } from './cursorSecret';

// Each user reads their own accounts only: an object rule on the leading field of `by_owner`.
const accounts = convexTable('accounts', { owner: text().notNull(), salary: integer().notNull() }, (t) => [
  index('by_owner').on(t.owner, t.salary),
]);
// Private notes, searchable by their body within one owner's notes.
const notes = convexTable('notes', { owner: text().notNull(), body: text().notNull() }, (t) => [
  searchIndex('search_body').on(t.body).filter(t.owner),
]);
const schema = defineSchema({ accounts, notes });
const relations = defineRelations({ accounts, notes });
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const mine = { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' };
  return { accounts: { read: mine }, notes: { read: mine } };
});
const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });

/** Vic's three hidden accounts (salaries 120k, 150k, 180k) and hidden note, Mal's account and note. */
async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (const salary of [120_000, 150_000, 180_000]) await ctx.db.insert('accounts', { owner: 'vic', salary });
    await ctx.db.insert('accounts', { owner: 'mal', salary: 10 });
    await ctx.db.insert('notes', { owner: 'vic', body: 'diagnosis cancer' });
    await ctx.db.insert('notes', { owner: 'mal', body: 'shopping list' });
  });
  return t.withIdentity({ subject: 'mal' });
}

describe("a where equal to another user's value on the rule's own field", () => {
  it("reads none of that user's rows: the rule's range is read, not the where's", async () => {
    const mal = await world();
    const read = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await orm.db(counted as never).query.accounts.findMany({ where: { owner: 'vic' } });
      return { rows: rows.length, documents: reads.documents };
    });
    // docs/rules.md: `{ authorId: viewer }` reads the by_author range and nothing else. The where and the
    // rule pin `owner` to two values, so no row can match: at most Mal's own row is read (none, once the
    // contradiction is seen). Reading Vic's 3 rows to reject them is what the oracle below feeds on.
    expect(read.rows).toBe(0);
    expect(read.documents).toBeLessThanOrEqual(1);
  });

  it("a page bounded by maximumRowsRead answers alike whatever Vic's hidden salaries are (no bisection oracle)", async () => {
    const mal = await world();
    // Mal pages "Vic's accounts above a threshold", one row read a page (paginationOpts come from the client).
    const page = (threshold: number) =>
      mal.run(async (ctx) => {
        const result = await orm
          .db(ctx as never)
          .query.accounts.paginate(
            { numItems: 1, cursor: null, maximumRowsRead: 1 },
            { where: { owner: 'vic', salary: { gt: threshold } } },
          );
        return { rows: result.page.length, isDone: result.isDone, pageStatus: result.pageStatus ?? null };
      });
    // Vic's top salary is 180,000: above 160,000 there is one hidden row, above 200,000 none. Rows Mal cannot
    // see do not exist for Mal, so both pages must be the same empty last page; today the first is a
    // SplitRequired page (it read a hidden row) and the second is done, which tells Mal Vic's salary by bisection.
    const above160k = await page(160_000);
    const above200k = await page(200_000);
    expect(above200k).toEqual({ rows: 0, isDone: true, pageStatus: null });
    expect(above160k).toEqual(above200k);
  });

  it("a search page bounded by maximumRowsRead answers alike whatever words Vic's hidden notes hold", async () => {
    const mal = await world();
    // The rule pins the search index's filter field `owner` to 'mal'; the where asks for 'vic'. Today the
    // where's value goes into withSearchIndex and the rule is a residual: the page reads Vic's matching note.
    const page = (word: string) =>
      mal.run(async (ctx) => {
        const result = await orm
          .db(ctx as never)
          .query.notes.paginate(
            { numItems: 1, cursor: null, maximumRowsRead: 1 },
            { search: { index: 'search_body', query: word }, where: { owner: 'vic' } },
          );
        return { rows: result.page.length, isDone: result.isDone, pageStatus: result.pageStatus ?? null };
      });
    const cancer = await page('cancer');
    const flu = await page('flu');
    expect(flu).toEqual({ rows: 0, isDone: true, pageStatus: null });
    // Today `cancer` is a SplitRequired page: Mal learns that Vic's private note mentions cancer.
    expect(cancer).toEqual(flu);
  });
});
