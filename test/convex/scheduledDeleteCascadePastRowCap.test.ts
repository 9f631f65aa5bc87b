import { anyApi, internalMutationGeneric, makeFunctionReference } from 'convex/server';
import { convexTest } from 'convex-test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  inArray,
  index,
  isOrmError,
  OrmError,
  type Triggers,
  text,
  timestamp,
} from '../../src/index';
import type { ScheduledDeleteArgs } from '../../src/mutation/scheduleDeletes';
import { recordingScheduler } from './scheduledJobs';

// A scheduled table whose rows have children in a table without deletion(): the soft delete writes
// only the parents (the children stay, their parent still exists), but the hard delete it schedules
// removes the children too. The soft delete is accepted within the row cap; the hard delete the ORM
// scheduled for it is one statement over every row and all their children, so past the row cap it
// throws ROW_CAP_EXCEEDED every time: the rows stay soft-deleted forever and nothing tells the caller
// (Convex does not retry a scheduled mutation that threw). deletion('scheduled') promises the rows are
// "hard-deleted (with their cascades) delayMs later, unless they were restored" (src/schema/deletion.ts),
// and DESIGN section 11 gives the function `self` (internal.deletions) to go on in another transaction.
// The job now runs with the row cap raised to Convex's documents-written limit, and past the
// transaction's budgets, given `self`, hands each half of its rows to a job of its own.
const docs = convexTable('docs', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const notes = convexTable(
  'notes',
  {
    docId: id('docs')
      .notNull()
      .references(() => docs._id, { onDelete: 'cascade' }),
    body: text().notNull(),
  },
  (t) => [index('by_doc').on(t.docId)],
);
// What before-hooks write raw (the halving must see it: test below).
const audit = convexTable('audit', { doc: text().notNull() });
const schema = defineSchema({ docs, notes, audit });
const relations = defineRelations({ docs, notes, audit });

afterEach(() => {
  vi.useRealTimers();
});

describe('scheduled hard delete of rows whose cascade passes the row cap', () => {
  it('removes every row the accepted soft delete scheduled, with their children', async () => {
    const t = convexTest({ schema, modules });
    const orm = createOrm({ relations, rowCap: 5, scheduledDelete: 'deletions:scheduledDelete' as never });
    const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
    const { scheduler, scheduled, runAll } = recordingScheduler(scheduledDelete);
    await t.run(async (ctx) => {
      const db = orm.db({ ...ctx, scheduler } as never);
      const rows = await db
        .insert(docs)
        .values([{ name: 'a' }, { name: 'b' }, { name: 'c' }])
        .returning({ _id: docs._id });
      for (const { _id } of rows) await db.insert(notes).values([0, 1].map((i) => ({ docId: _id, body: `n${i}` })));
      // 3 rows written: within the row cap of 5.
      await db.delete(docs).where(
        inArray(
          docs._id,
          rows.map((row) => row._id),
        ),
      );
    });
    expect(scheduled).toHaveLength(1);
    // The hard delete runs later, as Convex runs it; drain whatever it schedules in turn.
    const outcome = await t.run(async (ctx) => {
      const errors: string[] = [];
      for (let round = 0; round < 10 && scheduled.length > 0; round++) {
        try {
          await runAll(ctx);
        } catch (error) {
          errors.push((error as { code?: string }).code ?? String(error));
        }
      }
      return {
        errors,
        docs: (await ctx.db.query('docs').collect()).length,
        notes: (await ctx.db.query('notes').collect()).length,
      };
    });
    expect(outcome).toEqual({ errors: [], docs: 0, notes: 0 });
  });
});

/** The module the test deployment serves its `scheduledDelete` from. */
const MODULE = 'testDeletions';

/**
 * `docs` with 3 notes each on convex-test, with an ORM that lets a transaction write `written`
 * documents: a soft delete of up to `written` docs fits, their hard delete (4 rows a doc) does not.
 * Its `scheduledDelete` is deployed as `testDeletions:scheduledDelete`, given `self` when `halves`;
 * `triggers` run in its statements.
 */
function budgetedBackend(written: number, halves: boolean, triggers?: Triggers<typeof relations>) {
  const orm = createOrm({
    relations,
    transactionBudget: { documentsWritten: written },
    scheduledDelete: anyApi[MODULE]!.scheduledDelete as never,
    ...(triggers ? { triggers } : {}),
  });
  const functions = defineDeletionFunctions({
    orm,
    internalMutation: internalMutationGeneric,
    ...(halves ? { self: anyApi[MODULE] as never } : {}),
  });
  const t = convexTest({ schema, modules: { ...modules, [`./${MODULE}.ts`]: async () => functions } });
  /** Inserts `count` docs with 3 notes each (raw, outside the budget); their ids. */
  const seed = (count: number) =>
    t.run(async (ctx) => {
      const ids = [];
      for (let i = 0; i < count; i++) {
        const docId = await ctx.db.insert('docs', { name: `d${i}`, deletedAt: null });
        for (const body of ['a', 'b', 'c']) await ctx.db.insert('notes', { docId, body });
        ids.push(docId);
      }
      return ids;
    });
  /** What is left: docs by name, their notes, whether they are soft-deleted, and the scheduled jobs' states. */
  const left = () =>
    t.run(async (ctx) => {
      const rows = await ctx.db.query('docs').collect();
      const notes = await ctx.db.query('notes').collect();
      const jobs = await ctx.db.system.query('_scheduled_functions').collect();
      return {
        docs: rows.map((row) => row.name),
        notes: rows.map((row) => notes.filter((note) => note.docId === row._id).length),
        deleted: rows.map((row) => row.deletedAt !== null),
        jobs: jobs.map((job) => job.state.kind),
      };
    });
  /** The arguments of the one hard delete the soft delete scheduled. */
  const pendingJob = () =>
    t.run(async (ctx) => {
      const [job] = await ctx.db.system.query('_scheduled_functions').collect();
      return job!.args[0] as ScheduledDeleteArgs;
    });
  /** Runs the hard delete now, as a mutation of its own; the error it fails with, or null. */
  const runJob = (args: ScheduledDeleteArgs) =>
    t.mutation(makeFunctionReference<'mutation', ScheduledDeleteArgs>(`${MODULE}:scheduledDelete`), args).then(
      () => null,
      (error: unknown) => (isOrmError(error) ? { code: error.code, table: error.table } : error),
    );
  return { t, orm, seed, left, pendingJob, runJob };
}

describe('scheduled hard delete past the transaction budget', () => {
  it('given self, a job of several rows hands each half to a job of its own, until every row and child is gone', async () => {
    vi.useFakeTimers();
    const { t, orm, seed, left } = budgetedBackend(8, true);
    const ids = await seed(6);
    // 6 rows written: within the budget of 8; their hard delete writes 24.
    await t.run((ctx) => orm.db(ctx).delete(docs).where(inArray(docs._id, ids)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // 6 ids (24 rows) -> 3 + 3 (12 each) -> 2 + 1 (8 and 4), twice: 7 jobs, none failed.
    expect(await left()).toEqual({ docs: [], notes: [], deleted: [], jobs: Array(7).fill('success') });
  });

  it('a row restored before its half runs is left alone, with its children', async () => {
    vi.useFakeTimers();
    const { t, orm, seed, left } = budgetedBackend(8, true);
    const ids = await seed(6);
    await t.run((ctx) => orm.db(ctx).delete(docs).where(inArray(docs._id, ids)));
    await t.run((ctx) => orm.db(ctx).update(docs).set({ deletedAt: null }).where(eq(docs._id, ids[0]!)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // 5 live rows of 6 ids (20 rows) -> d0..d2 (d1, d2: 8 rows) + d3..d5 (12) -> d3, d4 (8) + d5 (4): 5 jobs.
    expect(await left()).toEqual({ docs: ['d0'], notes: [3], deleted: [false], jobs: Array(5).fill('success') });
  });

  it('without self, the job fails with the typed error before writing: the rows stay soft-deleted', async () => {
    const { t, orm, seed, pendingJob, runJob, left } = budgetedBackend(8, false);
    const ids = await seed(3);
    await t.run((ctx) => orm.db(ctx).delete(docs).where(inArray(docs._id, ids)));
    // 3 rows and their 9 notes: 12 documents, past the budget of 8.
    expect(await runJob(await pendingJob())).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED', table: 'docs' });
    expect(await left()).toEqual({
      docs: ['d0', 'd1', 'd2'],
      notes: [3, 3, 3],
      deleted: [true, true, true],
      jobs: ['pending'],
    });
  });

  it('given self, one row whose cascade alone does not fit goes on as a drain of its cascade', async () => {
    vi.useFakeTimers();
    const { t, orm, seed, left } = budgetedBackend(3, true);
    const [id] = await seed(1);
    await t.run((ctx) => orm.db(ctx).delete(docs).where(eq(docs._id, id!)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // The job (4 writes, past 3) hands on to a drain: its 3 notes in one job, then the row
    // (test/convex/scheduledDeleteDrain.test.ts goes further).
    expect(await left()).toEqual({ docs: [], notes: [], deleted: [], jobs: Array(3).fill('success') });
  });

  it('given self, a limit error after the statement wrote fails the job as it is: halves would commit those writes', async () => {
    // An after-hook stands for a hook statement that passes a budget once the rows are deleted.
    const triggers = defineTriggers(relations, {
      docs: {
        afterDelete: () => {
          throw new OrmError('WRITE_BUDGET_EXCEEDED', 'a hook statement passed the budget', { table: 'notes' });
        },
      },
    });
    const { t, orm, seed, pendingJob, runJob, left } = budgetedBackend(100, true, triggers);
    const ids = await seed(2);
    await t.run((ctx) => orm.db(ctx).delete(docs).where(inArray(docs._id, ids)));
    expect(await runJob(await pendingJob())).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED', table: 'notes' });
    expect(await left()).toEqual({ docs: ['d0', 'd1'], notes: [3, 3], deleted: [true, true], jobs: ['pending'] });
  });

  it('given self, before-hooks that wrote through ctx.raw.table() before the limit error fail the job as it is', async () => {
    // Convex's table-scoped writer is a way to write too: the halving must see it, as ctx.raw.insert.
    const triggers = defineTriggers(relations, {
      docs: {
        beforeDelete: async ({ old }, ctx) => {
          // `table` is a member of Convex's writer (GenericDatabaseWriterWithTable), not of this type.
          await (ctx.raw as any).table('audit').insert({ doc: old.name });
        },
      },
    });
    const { t, orm, seed, pendingJob, runJob, left } = budgetedBackend(8, true, triggers);
    const ids = await seed(3);
    // 3 rows soft-deleted (an update: no beforeDelete hook runs).
    await t.run((ctx) => orm.db(ctx).delete(docs).where(inArray(docs._id, ids)));
    // The hard delete: the hooks write 3 audit rows raw, then 3 docs + 9 notes pass the budget of 8.
    expect(await runJob(await pendingJob())).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED' });
    expect(await left()).toEqual({
      docs: ['d0', 'd1', 'd2'],
      notes: [3, 3, 3],
      deleted: [true, true, true],
      jobs: ['pending'],
    });
    expect(await t.run((ctx) => ctx.db.query('audit').collect())).toEqual([]);
  });
});
