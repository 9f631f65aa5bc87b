// Claim check (from a review that found no bug): docs/triggers.md, beforeInsert "a default the ORM made for the row,
// the value the hook was shown, is not made again". No existing test covers an upsert (the hooks
// run on the proposed rows before conflicts are judged, src/mutation/upsert.ts hookProposedRows)
// nor a multi-row insert where only some rows give the defaulted column. Each row's $defaultFn runs
// once for a default the ORM made; the hook's left-out column keeps the value it was shown, and the
// conflict is judged on that value; a caller-given value the hook leaves out gets one fresh default.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, text } from '../../src/index';

let calls = 0;
const tickets = convexTable('tickets', {
  name: text().notNull(),
  code: text()
    .notNull()
    .unique()
    .$defaultFn(() => `c${++calls}`),
});
const tables = { tickets };
const relations = defineRelations(tables);
const shown: string[] = [];
const orm = createOrm({
  relations,
  triggers: defineTriggers(relations, {
    tickets: {
      beforeInsert: (row) => {
        shown.push(row.code);
        return { name: row.name.toUpperCase() };
      },
    },
  }),
});

it('upsert: hooks see each made default once; the stored row and the conflict use it', async () => {
  const t = convexTest(defineSchema(tables), modules);
  const out = await t.run(async (ctx) => {
    await ctx.db.insert('tickets', { name: 'OLD', code: 'c2' });
    calls = 0;
    shown.length = 0;
    const db = orm.db(ctx as any);
    const rows = await db
      .insert(tickets)
      .values([{ name: 'a' }, { name: 'b' }, { name: 'c' }])
      .onConflictDoUpdate({ target: tickets.code, set: { name: 'HIT' } })
      .returning();
    return { calls, rows: rows.map((r) => [r.name, r.code]) };
  });
  expect(shown).toEqual(['c1', 'c2', 'c3']);
  expect(out).toEqual({
    calls: 3,
    rows: [
      ['A', 'c1'],
      ['HIT', 'c2'],
      ['C', 'c3'],
    ],
  });
});

it('multi-row insert, one row giving the column: one default per row', async () => {
  const t = convexTest(defineSchema(tables), modules);
  const out = await t.run(async (ctx) => {
    calls = 0;
    shown.length = 0;
    const rows = await orm
      .db(ctx as any)
      .insert(tickets)
      .values([{ name: 'a', code: 'given' }, { name: 'b' }])
      .returning();
    return { calls, rows: rows.map((r) => [r.name, r.code]) };
  });
  expect(shown).toEqual(['given', 'c1']);
  // Row 1's given code is left out by the hook: its default is made then (c2); row 2 keeps c1.
  expect(out).toEqual({
    calls: 2,
    rows: [
      ['A', 'c2'],
      ['B', 'c1'],
    ],
  });
});
