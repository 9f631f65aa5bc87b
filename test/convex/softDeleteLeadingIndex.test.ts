import { describe, expect, it } from 'vitest';
import { createOrm, eq } from '../../src/index';
import { softCascadeBackend, softCascadeTables } from './softCascadeFixture';

// The live-row lookup of a soft cascade takes only an index with the deletion column right after
// the foreign key: with it first, (deletedAt, pId), the read-ahead's span would run over deletedAt
// between null and null and miss children whose deletedAt is absent (not null). It reads every
// row holding the key instead.
const { parents: lp, schema, relations } = softCascadeTables('deletion first');
const seeded = (n: number) => softCascadeBackend(schema, n, 'absent');

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
    const live = (await ctx.db.query('children').collect()).filter(
      (row: any) => (row.deletedAt ?? null) === null,
    ).length;
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
