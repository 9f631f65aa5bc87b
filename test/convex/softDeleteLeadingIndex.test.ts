import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  text,
  timestamp,
} from '../../src/index';

// The live-row lookup of a soft cascade takes only an index with the deletion column right after
// the foreign key: with it first, (deletedAt, pId), the read-ahead's span would run over deletedAt
// between null and null and miss children whose deletedAt is absent (not null). It reads every
// row holding the key instead.
const lp = convexTable('lp', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);
const lc = convexTable(
  'lc',
  {
    pId: id('lp')
      .notNull()
      .references(() => lp._id, { onDelete: 'cascade' }),
    title: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_deleted_p').on(t.deletedAt, t.pId), deletion('soft', { column: t.deletedAt })],
);
const tables = { lp, lc };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  lp: { children: r.many.lc() },
  lc: { parent: r.one.lp({ from: r.lc.pId, to: r.lp._id }) },
}));

async function seeded(n: number) {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (let i = 0; i < n; i++) {
      const pId = await ctx.db.insert('lp', { name: `p${i}`, deletedAt: null });
      // A child whose deletion column is absent (a row written before the column existed): live.
      await ctx.db.insert('lc', { pId, title: `c${i}` });
    }
  });
  return t;
}

async function softDeleteAll(t: Awaited<ReturnType<typeof seeded>>, budget?: number) {
  const orm = createOrm({ relations, ...(budget ? { transactionBudget: { indexRanges: budget } } : {}) });
  return t.run(async (ctx) => {
    const error = await orm
      .db(ctx)
      .delete(lp)
      .where(eq(lp.name, lp.name))
      .then(
        () => null,
        (e: any) => e?.code ?? String(e),
      );
    const live = (await ctx.db.query('lc').collect()).filter((row: any) => (row.deletedAt ?? null) === null).length;
    return { error, live };
  });
}

describe('soft cascade through an index (deletedAt, fk): deletion column first', () => {
  it('per-key lookups (few parents) soft-delete children whose deletedAt is absent', async () => {
    const t = await seeded(3);
    expect(await softDeleteAll(t)).toEqual({ error: null, live: 0 });
  });

  it('the read-ahead span (many parents) soft-deletes them too', async () => {
    const t = await seeded(120);
    expect(await softDeleteAll(t, 400)).toEqual({ error: null, live: 0 });
  });
});
