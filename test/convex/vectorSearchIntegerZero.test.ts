import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  text,
  vector,
  vectorIndex,
} from '../../src/index';

// On an integer() column the ORM has one zero: it writes -0 as 0, and `where: { n: -0 }` finds the
// 0 it wrote (docs/divergences.md, `-0 = 0`). vectorSearch checks its filter values "as a where's
// eq operand is" (src/vector/vectorSearch.ts), so `filter: { n: -0 }` must find the rows whose n the
// ORM wrote as 0, as `filter: { n: 0 }` and `where: { n: -0 }` do.
const docs = convexTable(
  'docs',
  { body: text().notNull(), n: integer().notNull(), embedding: vector(2).notNull() },
  (t) => [vectorIndex('by_embedding').on(t.embedding).filter(t.n)],
);
const tables = { docs };
const orm = createOrm({ relations: defineRelations(tables) });

describe('vectorSearch filter on an integer zero', () => {
  it('filter { n: -0 } finds the rows the ORM wrote with n = 0', async () => {
    const t = convexTest(defineSchema(tables), modules);
    await t.run(async (ctx) => {
      await orm
        .db(ctx)
        .insert(docs)
        .values([
          { body: 'zero', n: -0, embedding: [1, 0] },
          { body: 'one', n: 1, embedding: [1, 0] },
        ]);
    });
    const where = await t.run(async (ctx) =>
      (await orm.db(ctx).query.docs.findMany({ where: { n: -0 } })).map((row) => row.body),
    );
    const found = await t.action(async (ctx) => ({
      zero: (await orm.vectorSearch(ctx, 'docs', { index: 'by_embedding', vector: [1, 0], filter: { n: 0 } })).length,
      negativeZero: (await orm.vectorSearch(ctx, 'docs', { index: 'by_embedding', vector: [1, 0], filter: { n: -0 } }))
        .length,
      listed: (await orm.vectorSearch(ctx, 'docs', { index: 'by_embedding', vector: [1, 0], filter: { n: [-0, 1] } }))
        .length,
    }));
    expect(where).toEqual(['zero']);
    expect(found).toEqual({ zero: 1, negativeZero: 1, listed: 2 });
  });
});
