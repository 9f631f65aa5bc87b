import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  index,
  integer,
  type OrmWriter,
  type TransactionBudgetOptions,
  text,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';

// Under rules, a budget error of the transaction meter states no usage (docs/rules.md): the meter is the
// transaction's, and what it counts includes every row read and written, those the rules hide too. Before,
// `(600196 used, 1 more; …)` / `details.used` gave the total size of hidden rows: those a filtered read rejected
// (a findMany over a range holding other owners' rows), those a cascade read to plan its actions, and those
// of earlier statements of the transaction (a later insert's error counted a cascade's rewrite of a hidden row).
// The limit, Convex's limit and the names stay; the bypass and rule-less ORMs keep every figure.
//
// Labels are shared (anyone reads them, only their owner changes them); notes are private to their owner and
// reference a label by name, following a rename and a delete (foreign-key actions are not subject to rules).
const labels = convexTable('labels', { owner: text().notNull(), name: text().notNull().unique() });
const notes = convexTable(
  'notes',
  {
    owner: text().notNull(),
    body: text().notNull(),
    rank: integer().notNull(),
    label: text()
      .notNull()
      .references(() => labels.name, { onUpdate: 'cascade', onDelete: 'cascade' }),
  },
  // No index on owner: a read cannot walk only Mal's rows, so it reads Vic's and rejects them.
  (t) => [index('by_label').on(t.label), index('by_rank').on(t.rank)],
);
const schema = defineSchema({ labels, notes });
const relations = defineRelations({ labels, notes });
type Db = OrmWriter<typeof relations>;
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const mine = { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' };
  return {
    labels: { read: {}, insert: mine, update: mine, delete: mine },
    notes: { read: mine, insert: mine, update: mine, delete: mine },
  };
});

/**
 * What `operations`, run by Mal under the rules (`db`; `bypass` is their bypass in the same transaction), fail
 * with when Vic's hidden notes (ranks 1, 2, … on Mal's label "shared") hold `bodyLengths` characters each. Mal's
 * own note (rank 0, on his label "own") holds `mine` characters.
 */
async function malTries(
  bodyLengths: readonly number[],
  transactionBudget: TransactionBudgetOptions,
  operations: (db: Db, bypass: Db, prepared: PreparedByRank) => PromiseLike<unknown>,
  { mine = 4 }: { mine?: number } = {},
) {
  const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET, transactionBudget });
  const prepared: PreparedByRank = (db) =>
    orm.query.notes
      .findMany(byRankConfig)
      .prepare()
      .execute({ db } as never);
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('labels', { owner: 'mal', name: 'shared' });
    await ctx.db.insert('labels', { owner: 'mal', name: 'own' });
    await ctx.db.insert('notes', { owner: 'mal', body: 'm'.repeat(mine), rank: 0, label: 'own' });
    for (const [i, length] of bodyLengths.entries()) {
      await ctx.db.insert('notes', { owner: 'vic', body: 'x'.repeat(length), rank: i + 1, label: 'shared' });
    }
  });
  return t
    .withIdentity({ subject: 'mal' })
    .run((ctx) => rejection(operations(orm.db(ctx as never), orm.db(ctx as never, { rules: false }), prepared)));
}

// A read by rank: it reads Vic's notes and rejects them.
const byRankConfig = { where: { rank: { gte: 0 } }, orderBy: { rank: 'asc' } } as const;
const byRank = (db: Db) => db.query.notes.findMany(byRankConfig);
/** The same read prepared by the ORM, executed with `db` (`execute(ctx)` with an ORM `db` runs under its rules). */
type PreparedByRank = (db: Db) => PromiseLike<unknown>;
const deleteLabel = (db: Db) => db.delete(labels).where({ name: 'shared' });

describe('a budget error under rules states no usage, whatever hidden rows it counts', () => {
  it('a read budget passed by hidden rows a filtered findMany rejects: alike whatever their sizes', async () => {
    const smaller = await malTries([300_000, 300_000], { bytesRead: 500_000 }, byRank);
    const larger = await malTries([400_000, 450_000], { bytesRead: 500_000 }, byRank);
    expect(smaller).toEqual({
      code: 'SCAN_BUDGET_EXCEEDED',
      message: `Reading index "by_rank" of "notes" would take the transaction past 500000 bytes read (usage not shown under rules; Convex stops at 16777216); read fewer or smaller documents (limit, paginate, split large fields into their own table), or raise createOrm({ transactionBudget: { bytesRead } }).`,
      table: 'notes',
      details: { budget: 'bytesRead', limit: 500_000, index: 'by_rank' },
    });
    // Before: "(600328 used, 1 more; …)" and "(850328 used, …)": Mal's note and Vic's two, to the byte.
    expect(larger).toEqual(smaller);
  });

  it('a documents budget passed by hidden rows: the same error; through $count, select and a prepared query alike', async () => {
    const findMany = await malTries([10, 20, 30], { documentsRead: 3 }, byRank);
    expect(findMany).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'documentsRead', limit: 3 } });
    expect(findMany.message).toContain('(usage not shown under rules;');
    expect(findMany.details).not.toHaveProperty('used');
    const count = await malTries([300_000, 300_000], { bytesRead: 500_000 }, (db) =>
      db.$count(notes, { rank: { gte: 0 } }),
    );
    const select = await malTries([300_000, 300_000], { bytesRead: 500_000 }, (db) =>
      db
        .select()
        .from(notes)
        .where({ rank: { gte: 0 } }),
    );
    const prepared = await malTries([300_000, 300_000], { bytesRead: 500_000 }, (db, _, prepared) => prepared(db));
    for (const error of [count, select, prepared]) {
      expect(error).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'bytesRead', limit: 500_000 } });
      expect(error.message).toContain('(usage not shown under rules;');
      expect(error.details).not.toHaveProperty('used');
    }
  });

  it('a read budget passed while a delete plans its cascade onto hidden rows: alike whatever their size', async () => {
    // Mal deletes his label: finding the notes that reference it reads Vic's, past 500,000 bytes either way.
    const smaller = await malTries([600_000], { bytesRead: 500_000 }, deleteLabel);
    const larger = await malTries([700_000], { bytesRead: 500_000 }, deleteLabel);
    expect(smaller).toMatchObject({
      code: 'SCAN_BUDGET_EXCEEDED',
      details: { budget: 'bytesRead', limit: 500_000, index: 'by_label' },
    });
    expect(smaller.message).toContain('(usage not shown under rules;');
    expect(smaller.details).not.toHaveProperty('used');
    // Before: "(600196 used, 1 more; …)" and "(700196 used, …)": Vic's note and Mal's label.
    expect(larger).toEqual(smaller);
  });

  it('a later statement of the transaction, after a cascade rewrote hidden rows, states no usage either', async () => {
    // Renaming the label rewrites Vic's note (300 KB / 350 KB, within the 1,000,000 bytes written); Mal's own
    // 800 KB note then passes the budget either way.
    const renameThenInsert = async (db: Db) => {
      await db.update(labels).set({ name: 'renamed' }).where({ name: 'shared' });
      await db.insert(notes).values({ owner: 'mal', body: 'y'.repeat(800_000), rank: 9, label: 'renamed' });
    };
    const smaller = await malTries([300_000], { bytesWritten: 1_000_000 }, renameThenInsert);
    const larger = await malTries([350_000], { bytesWritten: 1_000_000 }, renameThenInsert);
    expect(smaller).toEqual({
      code: 'WRITE_BUDGET_EXCEEDED',
      message: `Writing to "notes" would take the transaction past 1000000 bytes written (usage not shown under rules; Convex stops at 16777216); split the statement into several mutations, or raise createOrm({ transactionBudget: { bytesWritten } }).`,
      table: 'notes',
      details: { budget: 'bytesWritten', limit: 1_000_000 },
    });
    // Before: "(300198 used, 800110 more; …)" and "(350198 used, …)": the rename's writes, Vic's note among them.
    expect(larger).toEqual(smaller);
    // A later read alike: deleting the label read Vic's note (twice: to plan the cascade, then to delete it,
    // 600 KB / 700 KB of the 1,000,000 bytes read), then Mal's own 400 KB note passes the budget either way.
    const deleteThenRead = async (db: Db) => {
      await db.delete(labels).where({ name: 'shared' });
      return db.query.notes.findMany({ where: { rank: 0 } });
    };
    const afterSmaller = await malTries([300_000], { bytesRead: 1_000_000 }, deleteThenRead, { mine: 400_000 });
    const afterLarger = await malTries([350_000], { bytesRead: 1_000_000 }, deleteThenRead, { mine: 400_000 });
    expect(afterSmaller).toEqual({
      code: 'SCAN_BUDGET_EXCEEDED',
      message: `Reading index "by_rank" of "notes" would take the transaction past 1000000 bytes read (usage not shown under rules; Convex stops at 16777216); read fewer or smaller documents (limit, paginate, split large fields into their own table), or raise createOrm({ transactionBudget: { bytesRead } }).`,
      table: 'notes',
      details: { budget: 'bytesRead', limit: 1_000_000, index: 'by_rank' },
    });
    expect(afterLarger).toEqual(afterSmaller);
  });

  it('the bypass, a view of the same transaction and meter, keeps every figure', async () => {
    const bypassed = await malTries([300_000, 300_000], { bytesRead: 500_000 }, async (db, bypass) => {
      const hidden = await rejection(byRank(db));
      expect(hidden.message).toContain('(usage not shown under rules;');
      expect(hidden.details).not.toHaveProperty('used');
      return byRank(bypass);
    });
    // The meter refuses every read once a budget is passed, naming what the transaction used.
    expect(bypassed).toMatchObject({
      code: 'SCAN_BUDGET_EXCEEDED',
      details: { budget: 'bytesRead', limit: 500_000, used: 600_328, index: 'by_rank' },
    });
    expect(bypassed.message).toContain('(600328 used, 1 more;');
  });
});
