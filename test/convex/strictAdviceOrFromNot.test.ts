/**
 * Strict mode's advice for a NOT of an AND across fields (pushed down: `a <> 1 OR b <> 2`) names
 * no OR the user never wrote and no index that cannot serve it: a union of indexes needs an
 * equality in every branch, which `<>` branches do not have; it says to narrow the filter.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer } from '../../src/index';

const items = convexTable('items', { a: integer(), b: integer() }, (t) => [
  index('by_a').on(t.a),
  index('by_b').on(t.b),
]);
const tables = { items };
const schema = defineSchema(tables);
const strict = createOrm({ relations: defineRelations(tables), strict: true });

describe('strict advice for a NOT of an AND across fields', () => {
  it('does not describe an OR the user never wrote, nor advise an index that cannot serve it', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 5; i++) await ctx.db.insert('items', { a: i, b: i });
    });
    const message = await t.run(async (ctx) =>
      strict
        .db(ctx)
        .query.items.findMany({ where: { NOT: { a: 1, b: 2 } } })
        .then(
          () => 'no error',
          (error: Error) => error.message,
        ),
    );
    expect(message).toMatch(/would scan the whole table/);
    expect(message).not.toMatch(/an OR across different fields/);
    expect(message).not.toMatch(/add the missing index/);
  });
});
