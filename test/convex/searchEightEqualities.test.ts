/**
 * A search with equalities on 9 of its index's filter fields puts 8 into the search, in the
 * index's field order, the 9th residual (Convex refuses more than 8:
 * TooManyFilterConditionsInSearchQueryError; convex-test does not, so the plan shows it), and
 * explain shows a long search text whole (docs/queries.md, Search).
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, integer, searchIndex, text } from '../../src/index';

const F = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9'] as const;
const docs = convexTable(
  'docs',
  {
    body: text().notNull(),
    f1: integer(),
    f2: integer(),
    f3: integer(),
    f4: integer(),
    f5: integer(),
    f6: integer(),
    f7: integer(),
    f8: integer(),
    f9: integer(),
  },
  // Declared in reverse: the index's field order is f9 first.
  (t) => [searchIndex('search_body').on(t.body).filter(t.f9, t.f8, t.f7, t.f6, t.f5, t.f4, t.f3, t.f2, t.f1)],
);
const tables = { docs };
const orm = createOrm({ relations: defineRelations(tables) });

it('at most 8 equalities go into the search, in the index field order; the 9th is residual', async () => {
  const t = convexTest({ schema: defineSchema(tables), modules });
  const longText = Array.from({ length: 20 }, (_, i) => `term${i}`).join(' ');
  const out = await t.run(async (ctx) => {
    const all = Object.fromEntries(F.map((f) => [f, 1]));
    await ctx.db.insert('docs', { body: 'term0 hello', ...all });
    await ctx.db.insert('docs', { body: 'term0 other', ...all, f1: 2 });
    const db = orm.db(ctx as never);
    const where = Object.fromEntries(F.map((f) => [f, 1])) as never;
    const q = db.query.docs.findMany({
      search: { index: 'search_body', query: longText },
      where,
      columns: { body: true },
    });
    return { rows: await q, plan: q.explain() as any };
  });
  expect(out.rows).toEqual([{ body: 'term0 hello' }]);
  expect(out.plan.read).toBe('search');
  expect(out.plan.search).toContain(longText);
  expect(out.plan.ranges).toHaveLength(8);
  expect(out.plan.ranges.join(' ')).not.toContain('f1 ');
  expect(out.plan.ranges[0]).toContain('f9');
  expect(String(out.plan.residual)).toContain('f1 = 1');
});
