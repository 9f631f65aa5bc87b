// A page ordered by a field the filter pins to one value, then `_id`, is ordered by `_id`: by_id
// gives it, as it gives `{ _id }` beside the same equality (src/planner/plan.ts `orderingTerms`).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';

type Indexes = Record<string, readonly string[]>;

async function firstPage(indexes: Indexes, config: object): Promise<string> {
  const tasks = convexTable(
    'tasks',
    { owner: text().notNull(), priority: integer().notNull(), due: integer() },
    (t: any) => Object.entries(indexes).map(([name, fields]) => index(name).on(...(fields.map((f) => t[f]) as [any]))),
  );
  const tables = { tasks };
  const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
  const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
  return t.run(async (ctx: any) => {
    await ctx.db.insert('tasks', { owner: 'x', priority: 1, due: 3 });
    return orm
      .db(ctx)
      .query.tasks.paginate({ numItems: 2, cursor: null }, config as never)
      .then(
        () => 'served',
        (error: any) => `${error.code}: ${error.message}`,
      );
  });
}

describe('a pinned field before _id in a page order', () => {
  it('where owner, orderBy { _id } is served (control)', async () => {
    expect(await firstPage({ by_owner: ['owner'] }, { where: { owner: 'x' }, orderBy: { _id: 'asc' } })).toBe('served');
  });

  it('where owner, orderBy { owner, _id } is the order _id: served by by_id', async () => {
    expect(
      await firstPage({ by_owner: ['owner'] }, { where: { owner: 'x' }, orderBy: { owner: 'asc', _id: 'asc' } }),
    ).toBe('served');
  });

  it('the same without an index on owner: served by by_id', async () => {
    expect(await firstPage({}, { where: { owner: 'x' }, orderBy: { owner: 'desc', _id: 'asc' } })).toBe('served');
  });
});
