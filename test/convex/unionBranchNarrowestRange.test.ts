/**
 * The branches of an `OR` read as a union, where the read takes every match anyway (no limit, no
 * page: `count()`, a findMany without `limit`, an update or delete), each read their narrowest
 * index range (docs/queries.md "How a query reads": "each branch reads its own index's ranges, as
 * one query per branch would"). They were planned with the union's order (`_creationTime` without
 * `orderBy`) as if it had been asked for, so a branch `{ s, i: { gte } }` read every row of its `s`
 * through `(s)`, where `(s, i)`'s range holds exactly its rows: 100 documents for 4 here.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup.js';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

const items = convexTable('items', { s: text().notNull(), i: integer().notNull(), k: text().notNull() }, (t) => [
  index('by_s').on(t.s),
  index('by_s_i').on(t.s, t.i),
  index('by_k').on(t.k),
]);
const schema = defineSchema({ items });
const orm = createOrm({ relations: defineRelations({ items }) });

async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 50; i++) {
      await ctx.db.insert('items', { s: 'a', i, k: 'p' });
      await ctx.db.insert('items', { s: 'b', i, k: 'q' });
    }
  });
  return t;
}

const where = {
  OR: [
    { s: 'a', i: { gte: 48 } },
    { s: 'b', i: { gte: 48 } },
  ],
} as const;

it('one branch alone reads its by_s_i range (the baseline the docs compare with)', async () => {
  const t = await seeded();
  const reads = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const rows = await orm.db(ctx).query.items.findMany({ where: { s: 'a', i: { gte: 48 } } });
    expect(rows).toHaveLength(2);
    return { ...reads };
  });
  expect(reads.documents).toBe(2);
});

it('count() of the OR reads the branches by_s_i ranges, not every row of each s', async () => {
  const t = await seeded();
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const count = await orm.db(ctx).query.items.count({ where });
    return { count, reads: { ...reads } };
  });
  expect(out.count).toBe(4);
  expect(out.reads.documents).toBe(4);
});

it('findMany of the OR without orderBy or limit reads the by_s_i ranges', async () => {
  const t = await seeded();
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const query = orm.db(ctx).query.items.findMany({ where });
    const plan = query.explain();
    const rows = await query;
    return { rows: rows.length, plan, reads: { ...reads } };
  });
  expect(out.rows).toBe(4);
  expect(out.plan).toMatchObject({ read: 'union', indexes: ['by_s_i', 'by_s_i'] });
  expect(out.reads.documents).toBe(4);
});

it('across fields too: OR of { s, i range } and { k } reads the s branch by by_s_i', async () => {
  const t = await seeded();
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const rows = await orm.db(ctx).query.items.findMany({ where: { OR: [{ s: 'a', i: { gte: 48 } }, { k: 'zz' }] } });
    return { rows: rows.length, reads: { ...reads } };
  });
  expect(out.rows).toBe(2);
  expect(out.reads.documents).toBe(2);
});

it('a delete whose where is the OR reads the by_s_i ranges (every match wanted, in any order)', async () => {
  const t = await seeded();
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const deleted = await orm.db(ctx).delete(items).where(where).returning();
    return { deleted: deleted.length, reads: { ...reads } };
  });
  expect(out.deleted).toBe(4);
  expect(out.reads.documents).toBe(4);
});
