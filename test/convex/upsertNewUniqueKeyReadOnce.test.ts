// Each unique key a statement looks up is read once (docs/mutations.md#read-costs: lookups are
// memoized per statement), whatever limit each lookup asks: an upsert's row-by-row resolution reads
// a new key with limit `rows updated so far + 1`, and the constraint stage reads it again with
// `rows superseded + 1`; the memo keyed by limit read the key again for every updated row but the
// last (3 rows updated by `name`, each moving the composite unique (a, b): 8 ranges for 6), and
// for a one-row upsert whose key change cascades into rows of its own table (4 ranges where the
// same rename as a plain update reads 3). A read with a limit as large, or one that found fewer
// documents than its limit, answers a smaller or larger lookup of the same key.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { type AnyColumn, convexTable, createOrm, defineRelations, defineSchema, text, unique } from '../../src/index';
import { countReads } from '../../src/testing/index';

const items = convexTable(
  'items',
  { name: text().notNull().unique(), a: text().notNull(), b: text().notNull() },
  (t) => [unique('ab').on(t.a, t.b)],
);
const schema = defineSchema({ items });
const orm = createOrm({ relations: defineRelations({ items }) });

async function upsertReads(n: number) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    for (let i = 0; i < n; i++) await ctx.db.insert('items', { name: `N${i}`, a: `a${i}`, b: 'b0' });
  });
  return t.run(async (ctx) => {
    const { ctx: counted, reads } = countReads(ctx);
    await orm
      .db(counted as never)
      .insert(items)
      .values(Array.from({ length: n }, (_, i) => ({ name: `N${i}`, a: `a${i}`, b: 'b0' })))
      .onConflictDoUpdate({ target: items.name, set: { b: 'b9' } });
    const after = (await ctx.db.query('items').collect()).map((row) => `${row.name}:${row.a}:${row.b}`);
    return { reads, after };
  });
}

it('one updated row: its conflict and its new key, one range each (passes today)', async () => {
  expect(await upsertReads(1)).toEqual({ reads: { documents: 1, ranges: 2 }, after: ['N0:a0:b9'] });
});

it('three updated rows: each new key is read once, 6 ranges (not 8)', async () => {
  expect(await upsertReads(3)).toEqual({
    reads: { documents: 3, ranges: 6 },
    after: ['N0:a0:b9', 'N1:a1:b9', 'N2:a2:b9'],
  });
});

const cats: any = convexTable('cats', {
  slug: text().notNull().unique(),
  parent: text().references((): AnyColumn => cats.slug, { onUpdate: 'cascade', onDelete: 'cascade' }),
});
const catSchema = defineSchema({ cats });
const catOrm = createOrm({ relations: defineRelations({ cats }) });

it("one row renaming a key its table's rows follow: the new key is read once (3 ranges, as the plain update)", async () => {
  const t = convexTest({ schema: catSchema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('cats', { slug: 'root' });
    for (let i = 0; i < 3; i++) await ctx.db.insert('cats', { slug: `c${i}`, parent: 'root' });
  });
  const result = await t.run(async (ctx) => {
    const { ctx: counted, reads } = countReads(ctx);
    await catOrm
      .db(counted as never)
      .insert(cats)
      .values({ slug: 'root' })
      .onConflictDoUpdate({ target: cats.slug, set: { slug: 'top' } });
    const after = (await ctx.db.query('cats').collect()).map((row: any) => `${row.slug}<${row.parent ?? ''}`);
    return { reads, after };
  });
  // Reads needed: the conflict on 'root' (1 document), the new key 'top' (none), the cats whose
  // parent is 'root' (3 documents): 4 documents, 3 ranges; the fourth range is the one re-read.
  expect(result).toEqual({
    reads: { documents: 4, ranges: 3 },
    after: ['top<', 'c0<top', 'c1<top', 'c2<top'],
  });
});
