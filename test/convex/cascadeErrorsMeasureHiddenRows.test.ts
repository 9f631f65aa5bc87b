import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  index,
  integer,
  type MutationApi,
  type TransactionBudgetOptions,
  text,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';

// Under rules, the limits' errors of a statement whose foreign-key actions reach rows the caller cannot read state
// no figure measured from those rows (docs/rules.md): an oversized cascaded document is refused without its size,
// a budget without what is used and would be added, an oversized bucket without its size. Before: VALIDATION said
// `A row of "notes" would be stored as a document of 1100104 bytes` (less the key the caller chose, the hidden
// note's size to the byte), WRITE_BUDGET_EXCEEDED / SCAN_BUDGET_EXCEEDED `(0 used, 600187 more …)` (the hidden
// rows' byte total), and a bucket keyed on a hidden note's body its documentBytes.
//
// Labels are shared (anyone reads them, only their owner changes them); notes are private to their owner and
// reference a label by name, following a rename and a delete. Foreign-key actions are not subject to rules, so
// Mal renaming or deleting his own label rewrites or deletes Vic's notes.
const labels = convexTable('labels', { owner: text().notNull(), name: text().notNull().unique() });
const columns = {
  owner: text().notNull(),
  body: text().notNull(),
  words: integer().notNull(),
  label: text()
    .notNull()
    .references(() => labels.name, { onUpdate: 'cascade', onDelete: 'cascade' }),
};
const notes = convexTable('notes', columns, (t) => [index('by_owner').on(t.owner), index('by_label').on(t.label)]);
// The same notes, with an aggregate index whose buckets hold each note's label and body as their key.
const countedNotes = convexTable('notes', columns, (t) => [
  index('by_owner').on(t.owner),
  index('by_label').on(t.label),
  aggregateIndex('notes_by_label_body').on(t.label, t.body).count().sum(t.words),
]);

/**
 * What `statement`, run by Mal on his label "shared", fails with when Vic's hidden note on it holds `bodyLength`
 * characters: under the rules, or through their bypass (`bypass`).
 */
async function malTries(
  bodyLength: number,
  statement: (db: MutationApi) => PromiseLike<unknown>,
  {
    transactionBudget,
    counted = false,
    bypass = false,
  }: { transactionBudget?: TransactionBudgetOptions; counted?: boolean; bypass?: boolean } = {},
) {
  const notesTable = counted ? countedNotes : notes;
  const schema = defineSchema({ labels, notes: notesTable });
  const relations = defineRelations({ labels, notes: notesTable });
  const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
    const mine = { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' };
    return {
      labels: { read: {}, insert: mine, update: mine, delete: mine },
      notes: { read: mine, insert: mine, update: mine, delete: mine },
    };
  });
  const orm = createOrm({
    relations,
    rules,
    cursorSecret: CURSOR_SECRET,
    ...(transactionBudget ? { transactionBudget } : {}),
  });
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('labels', { owner: 'mal', name: 'shared' });
    await ctx.db.insert('notes', { owner: 'vic', body: 'x'.repeat(bodyLength), words: 1, label: 'shared' });
  });
  const tables = [labels, notesTable].map(getTableConfig);
  while ((await t.run((ctx) => backfillNext(ctx.db as never, tables, 100))).batch !== null);
  return t.withIdentity({ subject: 'mal' }).run(async (ctx) => {
    // Mal cannot see Vic's note at all.
    expect(await orm.db(ctx as never).query.notes.findMany({})).toEqual([]);
    return rejection(statement(bypass ? orm.db(ctx as never, { rules: false }) : orm.db(ctx as never)));
  });
}

const renameTo = (name: string) => (db: MutationApi) => db.update(labels).set({ name }).where({ name: 'shared' });
const deleteLabel = (db: MutationApi) => db.delete(labels).where({ name: 'shared' });
const MiB = 1024 * 1024;

describe('errors of a cascade into a hidden row do not measure it', () => {
  it('an oversized cascaded document is refused alike whatever the hidden row holds (no documentBytes of it)', async () => {
    // Renaming to an 800 KB name pushes Vic's note past 1 MiB (Mal's label stays under it). The statement must
    // fail (it cannot store the note), but how it fails must not depend on the note's contents beyond that.
    const short = await malTries(300_000, renameTo('y'.repeat(800_000)));
    const long = await malTries(300_123, renameTo('y'.repeat(800_000)));
    expect(short).toEqual({
      code: 'VALIDATION',
      message: `A row of "notes" would be stored as a document over Convex's ${MiB} bytes (its size not shown under rules); store large values in their own table or in file storage.`,
      table: 'notes',
      details: { limit: MiB },
    });
    expect(long).toEqual(short);
  });

  it('a write budget passed by a cascade onto hidden rows is refused alike whatever their size (no byte total of them)', async () => {
    // A budget of 500,000 bytes written: the cascade rewrites Vic's 600 KB / 700 KB note, past it either way.
    const smaller = await malTries(600_000, renameTo('b'), { transactionBudget: { bytesWritten: 500_000 } });
    const larger = await malTries(700_000, renameTo('b'), { transactionBudget: { bytesWritten: 500_000 } });
    expect(smaller).toEqual({
      code: 'WRITE_BUDGET_EXCEEDED',
      message: `Writing to "labels" would take the transaction past 500000 bytes written (usage not shown under rules; Convex stops at 16777216); split the statement into several mutations, or raise createOrm({ transactionBudget: { bytesWritten } }).`,
      table: 'labels',
      details: { budget: 'bytesWritten', limit: 500_000 },
    });
    expect(larger).toEqual(smaller);
  });

  it('a read budget passed by the reads a cascade delete of hidden rows makes is refused alike whatever their size', async () => {
    // Planning reads Vic's note (600 KB / 700 KB, under the 1,000,000 bytes); deleting it reads it again, past them.
    const smaller = await malTries(600_000, deleteLabel, { transactionBudget: { bytesRead: 1_000_000 } });
    const larger = await malTries(700_000, deleteLabel, { transactionBudget: { bytesRead: 1_000_000 } });
    expect(smaller).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'bytesRead', limit: 1_000_000 } });
    expect(smaller.message).toContain('(usage not shown under rules;');
    // Before: "(600197 used, 600197 more …)": the hidden note, read by the planning and again by the delete.
    expect(larger).toEqual(smaller);
  });

  it('an oversized bucket a hidden row keys is refused alike whatever the row holds, buckets not counted', async () => {
    // Vic's note fits after the rename (its label and body stay under 1 MiB), the bucket keyed on both with the
    // sums beside them does not: it must fail, saying nothing of how large the note is.
    const name = 'y'.repeat(MiB - 300_300);
    const short = await malTries(300_000, renameTo(name), { counted: true });
    const long = await malTries(300_050, renameTo(name), { counted: true });
    expect(short).toEqual({
      code: 'VALIDATION',
      message: `A bucket of aggregate index "notes_by_label_body" of "notes" (keyed on "label", "body") would be stored as a document over Convex's ${MiB} bytes (its size not shown under rules); shorten the key's value, or key the index on a shorter column.`,
      table: 'notes',
      details: { index: 'notes_by_label_body', key: ['label', 'body'], limit: MiB },
    });
    expect(long).toEqual(short);
  });

  it('a budget passed with buckets the cascade writes names neither how many rows nor how many buckets', async () => {
    const one = await malTries(600_000, renameTo('b'), { transactionBudget: { bytesWritten: 500_000 }, counted: true });
    const other = await malTries(700_000, renameTo('b'), {
      transactionBudget: { bytesWritten: 500_000 },
      counted: true,
    });
    expect(one).toEqual({
      code: 'WRITE_BUDGET_EXCEEDED',
      message: `Writing to "labels" (rows, cascades included, and aggregate index buckets of "notes") would take the transaction past 500000 bytes written (usage not shown under rules; Convex stops at 16777216); split the statement into several mutations, or raise createOrm({ transactionBudget: { bytesWritten } }).`,
      table: 'labels',
      details: { budget: 'bytesWritten', limit: 500_000 },
    });
    expect(other).toEqual(one);
  });

  it("the figures stay where they measure the caller's own row, and through the bypass", async () => {
    // Mal's own label past 1 MiB: the first change measured, his own row, stated to the byte.
    const own = await malTries(300_000, renameTo('y'.repeat(1_100_000)));
    expect(own).toMatchObject({
      code: 'VALIDATION',
      table: 'labels',
      details: { documentBytes: 1_100_081, limit: MiB },
    });
    // System code reads every row: the bypass measures Vic's note as before.
    const bypassed = await malTries(300_000, renameTo('y'.repeat(800_000)), { bypass: true });
    expect(bypassed).toMatchObject({ code: 'VALIDATION', table: 'notes', details: { documentBytes: 1_100_104 } });
    const budget = await malTries(600_000, renameTo('b'), {
      transactionBudget: { bytesWritten: 500_000 },
      bypass: true,
    });
    expect(budget.message).toContain('(0 used, 600187 more;');
    expect(budget.details).toEqual({ budget: 'bytesWritten', limit: 500_000, used: 0 });
  });
});
