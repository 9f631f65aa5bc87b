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

describe('vectorSearch filter on an integer zero, at the 64-value limit', () => {
  it('64 values with -0 and no 0 are 65 for Convex: INVALID_QUERY before a search; with their 0, searched', async () => {
    const t = convexTest(defineSchema(tables), modules);
    await t.run(async (ctx) => {
      await orm
        .db(ctx)
        .insert(docs)
        .values([{ body: 'zero', n: 0, embedding: [1, 0] }]);
    });
    const out = await t.action(async (ctx) => {
      let searches = 0;
      const counted = {
        vectorSearch: (...args: Parameters<typeof ctx.vectorSearch>) => {
          searches++;
          return ctx.vectorSearch(...args);
        },
      };
      const ones = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
      const search = (n: number[]) =>
        orm.vectorSearch(counted, 'docs', { index: 'by_embedding', vector: [1, 0], filter: { n } }).then(
          (found) => found.length,
          (error: Error & { code?: string }) => `${error.code}: ${error.message}`,
        );
      return { widened: await search([-0, ...ones(63)]), withZero: await search([-0, 0, ...ones(62)]), searches };
    });
    expect(out).toEqual({
      widened:
        'INVALID_QUERY: vectorSearch on "docs": filter takes at most 64 values; got 65 (-0 on integer column "n" matches the stored 0 as well).',
      withZero: 1,
      searches: 1,
    });
  });
});
