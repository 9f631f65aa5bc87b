// returning([column]) from untyped code is INVALID_QUERY before anything is written: returning()
// takes an object of columns, not an array (read as an object it would return rows keyed "0").
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, integer, text } from '../../src/index';

const items = convexTable('items', { name: text().notNull(), n: integer() });
const tables = { items };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });

it('returning([column]) is INVALID_QUERY and writes nothing', async () => {
  const t = convexTest(defineSchema(tables), modules);
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const code = await db
      .insert(items)
      .values({ name: 'new' })
      .returning([items.name] as never)
      .then(
        (rows) => `resolved ${JSON.stringify(rows)}`,
        (e: { code?: string }) => e.code,
      );
    return { code, count: (await ctx.db.query('items').collect()).length };
  });
  expect(out).toEqual({ code: 'INVALID_QUERY', count: 0 });
});
