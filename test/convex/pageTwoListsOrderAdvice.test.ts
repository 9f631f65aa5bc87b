// docs/queries.md, paginate: a page's order comes from an index, and a refusal names the index to add
// (test/convex/pageOrderAdvice.test.ts: the index its message names serves it). A page over two `in`
// lists of one index ordered by the second (`{ owner: { in }, priority: { in } }` by priority over
// `(owner, priority)`, whose four point ranges do not merge in that order) is advised
// `(priority, owner)`, which serves it, not "narrow the filter with an indexed field" (it is read
// through the index already).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';

type Indexes = Record<string, readonly string[]>;

async function firstPage(indexes: Indexes, config: object): Promise<string> {
  const tasks = convexTable('tasks', { owner: text().notNull(), priority: integer().notNull() }, (t: any) =>
    Object.entries(indexes).map(([name, fields]) => index(name).on(...(fields.map((f) => t[f]) as [any]))),
  );
  const tables = { tasks };
  const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
  const t = convexTest({ schema: defineSchema(tables), modules });
  return t.run(async (ctx: any) => {
    for (const owner of ['x', 'y', 'z'])
      for (const priority of [1, 3, 5]) await ctx.db.insert('tasks', { owner, priority });
    return orm
      .db(ctx)
      .query.tasks.paginate({ numItems: 2, cursor: null }, config as never)
      .then(
        (page: any) => `served ${JSON.stringify(page.page.map((row: any) => row.priority))}`,
        (error: any) => String(error.message),
      );
  });
}

const named = (message: string) => /add index on tasks\(([^)]*)\)/.exec(message)?.[1]?.split(', ') ?? null;

it('a page over two in lists of one index, ordered by the second: served, or the advice names an index that serves it', async () => {
  const indexes = { by_owner_priority: ['owner', 'priority'] };
  const config = { where: { owner: { in: ['x', 'y'] }, priority: { in: [1, 5] } }, orderBy: { priority: 'asc' } };
  // The same index serves the order for one owner, and for both owners without the priority list.
  expect(await firstPage(indexes, { ...config, where: { owner: 'x', priority: { in: [1, 5] } } })).toBe('served [1,5]');
  expect(await firstPage(indexes, { ...config, where: { owner: { in: ['x', 'y'] } } })).toBe('served [1,1]');

  const message = await firstPage(indexes, config);
  expect(message).not.toMatch(/narrow the filter/);
  expect(named(message)).toEqual(['priority', 'owner']);
  expect(await firstPage({ ...indexes, advised: named(message)! }, config)).toBe('served [1,1]');
});
