// An OR across fields whose branches each pin only a boolean or an enum (broad: each value many
// rows share) keeps the single read (src/planner/union.ts): such branches may match (nearly) the
// same rows, and a union reads a row once per branch that reaches it. So `OR: [{ a: true }, { b:
// true }]` over rows where both hold reads the table once (by_id, an order index or the live rows
// walked to the limit, or the whole table without one), within a scan budget the table fits, and
// never the soft-deleted rows of each branch's range.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  index,
  integer,
  timestamp,
} from '../../../src/index';
import { countReads } from '../../../src/testing/index';

const flags = convexTable('flags', { a: boolean(), b: boolean(), rank: integer() }, (t) => [
  index('by_a').on(t.a),
  index('by_b').on(t.b),
  index('by_rank').on(t.rank),
]);
const tables = { flags };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const schema = defineSchema(tables);

const N = 200;
async function seeded() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (raw: any) => {
    for (let i = 0; i < N; i++) await raw.db.insert('flags', { a: true, b: true, rank: i });
  });
  return t;
}

const where = { OR: [{ a: true }, { b: true }] } as const;

async function attempt(t: any, config: any) {
  return t.run(async (raw: any) => {
    const { ctx, reads } = countReads(raw);
    const db = orm.db(ctx);
    const read = (db.query.flags.findMany as any)(config).explain().read;
    const outcome = await (db.query.flags.findMany as any)(config).then(
      (rows: any[]) => rows.length,
      (error: any) => error.code ?? String(error),
    );
    return { outcome, documents: reads.documents, read };
  });
}

describe('a union of overlapping equality branches reads past the table', () => {
  it('orderBy _id, limit 5, within a scan budget of 1.5x the table: 5 rows, a few documents', async () => {
    const t = await seeded();
    const out = await attempt(t, { where, orderBy: { _id: 'asc' }, limit: 5, scanBudget: 300 });
    expect(out.outcome).toBe(5);
    expect(out.documents).toBeLessThanOrEqual(N);
  });

  it('orderBy an indexed field, limit 5, within a scan budget of 1.5x the table', async () => {
    const t = await seeded();
    const out = await attempt(t, { where, orderBy: { rank: 'desc' }, limit: 5, scanBudget: 300 });
    expect(out.outcome).toBe(5);
    expect(out.documents).toBeLessThanOrEqual(N);
  });

  it('no limit, within a scan budget the table fits: every row, no more documents than the table', async () => {
    const t = await seeded();
    const out = await attempt(t, { where, scanBudget: 300 });
    expect(out.outcome).toBe(N);
    expect(out.documents).toBeLessThanOrEqual(N);
  });
});

// The same on a soft-delete table whose order index starts with the deletion column: the single read
// walks the live rows in `rank` order (a handful to the limit), where a union would read the
// soft-deleted rows of each branch's equality range too.
const notes = convexTable('notes', { a: boolean(), b: boolean(), rank: integer(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
  index('by_a').on(t.a),
  index('by_b').on(t.b),
  index('by_live_rank').on(t.deletedAt, t.rank),
]);
const noteTables = { notes };
const notesOrm = createOrm({ relations: defineRelations(noteTables, () => ({})) });
const notesSchema = defineSchema(noteTables);

describe('a union of equality branches on a soft-delete table, orderBy the live-rows index, limit 5', () => {
  it('reads the live rows to the limit, not the soft-deleted rows of each branch', async () => {
    const t = convexTest({ schema: notesSchema, modules, transactionLimits: true });
    await t.run(async (raw: any) => {
      for (let i = 0; i < 20; i++) await raw.db.insert('notes', { a: true, b: true, rank: i, deletedAt: null });
      for (let i = 0; i < 200; i++) await raw.db.insert('notes', { a: true, b: true, rank: i, deletedAt: 1 });
    });
    const out = await t.run(async (raw: any) => {
      const { ctx, reads } = countReads(raw);
      const db = notesOrm.db(ctx);
      const config = { where, orderBy: { rank: 'asc' }, limit: 5 } as any;
      const explain = db.query.notes.findMany(config).explain();
      const rows = await db.query.notes.findMany(config);
      return { rows: rows.map((row: any) => row.rank), documents: reads.documents, explain };
    });
    expect(out.rows).toEqual([0, 1, 2, 3, 4]);
    // The live rows number 20: no read of them in order needs more.
    expect(out.documents, JSON.stringify(out.explain)).toBeLessThanOrEqual(20);
  });
});
