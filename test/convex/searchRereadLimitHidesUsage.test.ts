/**
 * A search page refused for rereading its earlier results past the transaction's read budget
 * (`documentsRead`, `bytesRead`) gets the meter's own typed error: `details.limit` is the budget's
 * limit (here 14), not what the transaction has left of it, and under rules it states no usage.
 * What is left is the limit less what the transaction read, rule-hidden rows included: reported,
 * it told the caller how many hidden rows an earlier read skipped (two runs that differ only in
 * hidden rows gave different errors).
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
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';

const notes = convexTable(
  'notes',
  { owner: text().notNull(), body: text().notNull(), rank: integer().notNull() },
  (t) => [index('by_rank').on(t.rank), searchIndex('search_body').on(t.body)],
);
const schema = defineSchema({ notes });
const relations = defineRelations({ notes });
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const mine = { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' };
  return { notes: { read: mine, insert: mine, update: mine, delete: mine } };
});
const search = { search: { index: 'search_body', query: 'intro' } } as const;

/** Mal's error for page 2 of his search, after a by-rank read that rejects `hidden` notes of Vic's. */
async function malTries(hidden: number) {
  const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET, transactionBudget: { documentsRead: 14 } });
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (let i = 0; i < 6; i++) await ctx.db.insert('notes', { owner: 'mal', body: `intro ${i}`, rank: i });
    for (let i = 0; i < hidden; i++) await ctx.db.insert('notes', { owner: 'vic', body: 'secret', rank: 100 + i });
  });
  const mal = t.withIdentity({ subject: 'mal' });
  const first = await mal.run((ctx) =>
    orm.db(ctx as never).query.notes.paginate({ numItems: 3, cursor: null }, search as never),
  );
  return mal.run((ctx) =>
    rejection(
      (async () => {
        const db = orm.db(ctx as never);
        await db.query.notes.findMany({ where: { rank: { gte: 0 } }, orderBy: { rank: 'asc' } });
        await db.query.notes.paginate({ numItems: 3, cursor: first.continueCursor }, search as never);
      })(),
    ),
  );
}

describe('a search page refused at the transaction budget', () => {
  it('names the budget limit, not what is left of it (which reveals rows the rules hide)', async () => {
    const fewer = await malTries(5);
    const more = await malTries(6);
    expect(fewer).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'documentsRead' } });
    // Today: limit 3 then 2 ("reaches documentsRead (3)" / "(2)"): 14 - the rows read, Vic's included.
    expect(more).toEqual(fewer);
    expect(fewer.details.limit).toBe(14);
  });
});
