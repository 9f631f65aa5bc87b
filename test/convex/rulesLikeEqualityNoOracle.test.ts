/*
 * (A case-sensitive `like` without a wildcard is planned as an
 * equality, src/planner/conditions.ts likeEquality). docs/rules.md: a where equality on the rule's
 * field outside the rule's range reads nothing, pages and searches included, so a page bounded by
 * maximumRowsRead answers alike whatever a hidden row holds. Checked here for `like: 'vic'` (now an
 * equality), `eq` and a prefix, with the rule written as an equality or as a wildcard-free `like`:
 * the search page, findMany and a bounded page read no row and answer the same whether Vic's hidden
 * note says "cancer" or "flu". No test covered the like-as-equality form under rules.
 */
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

const accounts = convexTable('accounts', { owner: text().notNull(), salary: integer().notNull() }, (t) => [
  index('by_owner').on(t.owner, t.salary),
]);
const notes = convexTable('notes', { owner: text().notNull(), body: text().notNull() }, (t) => [
  searchIndex('search_body').on(t.body).filter(t.owner),
]);
const schema = defineSchema({ accounts, notes });
const relations = defineRelations({ accounts, notes });
const mk = (likeRule: boolean) =>
  createOrm({
    relations,
    rules: defineRules(relations, async (ctx: { auth: Auth }) => {
      const me = (await ctx.auth.getUserIdentity())?.subject ?? '';
      const mine = likeRule ? { owner: { like: me } } : { owner: me };
      return { accounts: { read: mine }, notes: { read: mine } };
    }),
    cursorSecret: CURSOR_SECRET,
  });

async function world(word: string) {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (const salary of [120_000, 150_000, 180_000]) await ctx.db.insert('accounts', { owner: 'vic', salary });
    await ctx.db.insert('accounts', { owner: 'mal', salary: 10 });
    await ctx.db.insert('notes', { owner: 'vic', body: `diagnosis ${word}` });
    await ctx.db.insert('notes', { owner: 'mal', body: 'shopping list' });
  });
  return t.withIdentity({ subject: 'mal' });
}

describe('a wildcard-free like beside a rule pinning the same field', () => {
  for (const likeRule of [false, true])
    for (const whereOwner of [{ like: 'vic' }, 'vic', { like: 'vi%' }] as const)
      it(`likeRule=${likeRule} where=${JSON.stringify(whereOwner)}`, async () => {
        const orm = mk(likeRule);
        const out: unknown[] = [];
        for (const word of ['cancer', 'flu']) {
          const mal = await world(word);
          out.push(
            await mal.run(async (ctx) => {
              const { ctx: c, reads } = countReads(ctx);
              const db = orm.db(c as never);
              const p = await db.query.notes.paginate(
                { numItems: 1, cursor: null, maximumRowsRead: 1 },
                { search: { index: 'search_body', query: 'cancer' }, where: { owner: whereOwner as never } },
              );
              const d0 = reads.documents;
              const acc = await db.query.accounts.findMany({
                where: { owner: whereOwner as never, salary: { gt: 160_000 } },
              });
              const ap = await db.query.accounts.paginate(
                { numItems: 1, cursor: null, maximumRowsRead: 1 },
                { where: { owner: whereOwner as never, salary: { gt: 160_000 } } },
              );
              const ex = db.query.notes
                .findMany({ search: { index: 'search_body', query: 'cancer' }, where: { owner: whereOwner as never } })
                .explain();
              return {
                search: [p.page.length, p.isDone, p.pageStatus ?? null, d0],
                acc: [acc.length, reads.documents - d0],
                ap: [ap.page.length, ap.isDone, ap.pageStatus ?? null],
                ex: JSON.stringify(ex),
              };
            }),
          );
        }
        expect(out[0]).toEqual(out[1]);
        expect(out[0]).toMatchObject({ search: [0, true, null, 0], acc: [0, 0], ap: [0, true, null] });
      });
});
