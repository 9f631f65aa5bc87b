/**
 * A search page refused for rereading its earlier results past the transaction's bytes budget
 * states figures that add up: the bytes read again are in what was used already (not counted a
 * second time as what the page would add), and what it would add is the room a next document may
 * take (Convex's largest document), the reserve the page keeps back, so used plus that passes the
 * limit the message names.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, integer, searchIndex, text } from '../../src/index';
import { rejection } from './mutationHarness';

const notes = convexTable('notes', { body: text().notNull(), rank: integer().notNull() }, (t) => [
  searchIndex('search_body').on(t.body),
]);
const schema = defineSchema({ notes });
const relations = defineRelations({ notes });
const search = { search: { index: 'search_body', query: 'intro' } } as const;
const LIMIT = 1024 * 1024 + 900;

it('states figures that add up past the bytesRead limit it names', async () => {
  const orm = createOrm({ relations, transactionBudget: { bytesRead: LIMIT } });
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (let i = 0; i < 6; i++) await ctx.db.insert('notes', { body: `intro ${i} ${'x'.repeat(450)}`, rank: i });
  });
  const first = await t.run((ctx) =>
    orm.db(ctx as never).query.notes.paginate({ numItems: 2, cursor: null }, search as never),
  );
  expect(first.page).toHaveLength(2);
  const error = await t.run((ctx) =>
    rejection(
      orm.db(ctx as never).query.notes.paginate({ numItems: 2, cursor: first.continueCursor }, search as never),
    ),
  );
  expect(error).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'bytesRead', limit: LIMIT } });
  const [, used, adding] = /\((\d+) used, (\d+) more/.exec(error.message)!.map(Number);
  // Today: "1084 used, 1084 more; ... past 1049476": the reread bytes twice, and ~2 KB said to pass ~1 MiB.
  expect(used! + adding!).toBeGreaterThan(LIMIT);
});
