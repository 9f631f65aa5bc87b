import { createOrm, defineRelations } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineSchema, index, integer, text } from '../../src/index';

// An index (org, status, at) read with org in a list and status pinned to one value gives the rows in
// (org, at) order: reading org 1's range, then org 2's. The fields pinned to one value may stand anywhere
// in the orderBy (docs/queries.md), or not at all.
const tasks = convexTable(
  'tasks',
  { org: integer().notNull(), status: text().notNull(), at: integer().notNull() },
  (t) => [index('by_org_status_at').on(t.org, t.status, t.at)],
);
const tables = { tasks };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations });

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 12; i++) {
      await ctx.db.insert('tasks', { org: 1 + (i % 3), status: i % 2 === 0 ? 'open' : 'done', at: i });
    }
  });
  return t;
}

describe('paginate: an index field pinned to one value between the order fields', () => {
  for (const orderBy of [
    { org: 'asc', status: 'asc', at: 'asc' },
    { org: 'asc', at: 'asc' },
  ] as const) {
    it(`orderBy ${JSON.stringify(orderBy)} with org in a list and status pinned is served by (org, status, at)`, async () => {
      const t = await backend();
      const config = { where: { org: { in: [1, 2] }, status: 'open' }, orderBy, columns: { org: true, at: true } };
      const expected = await t.run((ctx) => orm.db(ctx).query.tasks.findMany(config as never));
      expect(expected).toEqual([
        { org: 1, at: 0 },
        { org: 1, at: 6 },
        { org: 2, at: 4 },
        { org: 2, at: 10 },
      ]);
      const pages: unknown[] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const page: any = await t.run((ctx) =>
          orm.db(ctx).query.tasks.paginate({ numItems: 3, cursor }, config as never),
        );
        pages.push(...page.page);
        cursor = page.continueCursor;
        if (page.isDone) break;
      }
      expect(pages).toEqual(expected);
    });
  }
});
