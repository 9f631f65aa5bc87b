import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, text, unique } from '../../src/index';
import { countReads } from '../../src/testing/index';

// Pins: a unique check (insert, and an upsert's read-ahead) takes one span range when its per-row
// probes would not fit, whatever the rows' leading values. The span was taken only when every row
// held a value in the index's leading field (`spanFits`), so `unique(b, c, d, a).nullsNotDistinct()`
// with b, c, d null kept 2^3 probe ranges a row: 600 rows, 4,800 ranges, SCAN_BUDGET_EXCEEDED where
// Postgres writes them. Absent and null sort before every other value in Convex, so the span of
// such rows starts at the index's start (`StatementReader.span`), and it groups absent with null
// (`uniqueKey`), which a null matches under nullsNotDistinct.
const tags = convexTable('tags', { a: text().notNull(), b: text(), c: text(), d: text() }, (t) => [
  unique('tags_bcda').on(t.b, t.c, t.d, t.a).nullsNotDistinct(),
]);
const tables = { tags };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const key = (i: number) => `k${String(i).padStart(4, '0')}`;
const rows = Array.from({ length: 600 }, (_, i) => ({ a: key(i) }));

/** What `run` comes to on a table holding `stored` (raw inserts), with the reads it made. */
async function attempt(run: (db: any) => Promise<unknown>, stored: Record<string, unknown>[] = []) {
  const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
  return t.run(async (raw) => {
    for (const row of stored) await raw.db.insert('tags' as never, row as never);
    const { ctx, reads } = countReads(raw as any);
    const db = orm.db(ctx as any) as any;
    let outcome = 'ok';
    try {
      await run(db);
    } catch (error: any) {
      outcome = error?.code ?? String(error);
    }
    return { outcome, reads: { ...reads }, stored: (await raw.db.query('tags' as never).collect()).length };
  });
}

// Stored beside the rows: one whose b, c, d are absent, one whose b, c, d are null (both the key of
// a row with them absent, under nullsNotDistinct), and one with a value in b (no row's key).
const absent = { a: key(1) };
const nulls = { a: key(2), b: null, c: null, d: null };
const other = { a: key(3), b: 'x' };

describe('unique span reads of rows whose leading field is null or absent', () => {
  it('a 600-row insert fits: one span range, as in Postgres', async () => {
    expect(await attempt((db) => db.insert(tags).values(rows))).toEqual({
      outcome: 'ok',
      reads: { ranges: 1, documents: 0 },
      stored: 600,
    });
  });

  it('the same rows as an onConflictDoNothing upsert fit too: one span range', async () => {
    expect(await attempt((db) => db.insert(tags).values(rows).onConflictDoNothing())).toEqual({
      outcome: 'ok',
      reads: { ranges: 1, documents: 0 },
      stored: 600,
    });
  });

  it('the span finds a stored row whose fields are absent, and one whose fields are null', async () => {
    const stored = [absent, nulls, other];
    const withAbsent = await attempt((db) => db.insert(tags).values(rows.filter((row) => row.a !== key(2))), stored);
    const withNull = await attempt((db) => db.insert(tags).values(rows.filter((row) => row.a !== key(1))), stored);
    // The span reads the rows of b absent or null (the index's start up to null), not the one of b = "x".
    expect({ withAbsent, withNull }).toEqual({
      withAbsent: { outcome: 'UNIQUE_VIOLATION', reads: { ranges: 1, documents: 2 }, stored: 3 },
      withNull: { outcome: 'UNIQUE_VIOLATION', reads: { ranges: 1, documents: 2 }, stored: 3 },
    });
  });

  it('an onConflictDoNothing upsert skips the rows the span finds stored, and writes the others', async () => {
    const result = await attempt((db) => db.insert(tags).values(rows).onConflictDoNothing(), [absent, nulls, other]);
    expect(result).toEqual({ outcome: 'ok', reads: { ranges: 1, documents: 2 }, stored: 3 + 598 });
  });

  it('rows with leading values and without: the span runs from the index start to the largest', async () => {
    const mixed = rows.map((row, i) => (i % 2 === 0 ? row : { ...row, b: 'x' }));
    // key(3) has b = "x" among the rows, as the stored `other` has: the one conflict.
    const result = await attempt((db) => db.insert(tags).values(mixed), [other]);
    expect(result).toEqual({ outcome: 'UNIQUE_VIOLATION', reads: { ranges: 1, documents: 1 }, stored: 1 });
  });
});
