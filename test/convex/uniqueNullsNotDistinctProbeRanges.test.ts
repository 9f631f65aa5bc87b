import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, text, unique } from '../../src/index';
import { countReads } from '../../src/testing/index';

// Pins: a `nullsNotDistinct` unique constraint looks a row up once per null/absent combination of
// its null fields (`StatementReader.readRange` / `nullVariants`): 2^k index ranges for k null fields,
// and the choice between per-row probes and one span range counts those ranges (`probeRanges`,
// src/mutation/unique.ts, for `spanFits` and `RowsSoFar.readAhead`). It counted one range a row,
// so a statement whose probes take 8 ranges a row kept the per-row plan and ran out of index ranges
// (SCAN_BUDGET_EXCEEDED), where the span read fits in one range. Postgres inserts the rows (a NULLS
// NOT DISTINCT unique index), and docs/mutations.md#limits promises that a constraint switches to
// one span range once its probes would take more than half the ranges left.
const tags = convexTable('tags', { a: text().notNull(), b: text(), c: text(), d: text() }, (t) => [
  unique('tags_abcd').on(t.a, t.b, t.c, t.d).nullsNotDistinct(),
]);
const tables = { tags };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const rows = Array.from({ length: 600 }, (_, i) => ({ a: `k${String(i).padStart(4, '0')}` }));

async function attempt(run: (db: any) => Promise<unknown>) {
  const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw as any);
    const db = orm.db(ctx as any) as any;
    try {
      await run(db);
      return { outcome: 'ok', ranges: reads.ranges, stored: (await raw.db.query('tags' as never).collect()).length };
    } catch (error: any) {
      return { outcome: error?.code ?? String(error), ranges: reads.ranges, stored: 0 };
    }
  });
}

describe('unique probes of a nullsNotDistinct constraint with null fields: span chosen by ranges, not rows', () => {
  it('a 600-row insert whose rows leave three of the four fields null fits (one span range), as in Postgres', async () => {
    const result = await attempt((db) => db.insert(tags).values(rows));
    expect(result.outcome).toBe('ok');
    expect(result.stored).toBe(600);
    expect(result.ranges).toBeLessThan(600);
  });

  it('the same rows as an onConflictDoNothing upsert fit too (its read-ahead chooses the same way)', async () => {
    const result = await attempt((db) => db.insert(tags).values(rows).onConflictDoNothing());
    expect(result.outcome).toBe('ok');
    expect(result.stored).toBe(600);
    expect(result.ranges).toBeLessThan(600);
  });
});
