import { anyApi, internalMutationGeneric, makeFunctionReference } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  id,
  inArray,
  index,
  isOrmError,
  text,
  timestamp,
} from '../../src/index';
import type { ScheduledDeleteArgs } from '../../src/mutation/scheduleDeletes';

// defineDeletionFunctions({ self }) hands a job's rows to two half jobs only when the failed
// statement wrote nothing ("returning commits this transaction, writes included"): WriteWatch
// (src/deletion/writeWatch.ts) proxies ctx.db and flags insert / patch / replace / delete. But
// Convex's writer has a fourth way to write, `db.table(name).insert/patch/replace/delete`, which the
// ORM itself hands to hooks as `ctx.raw.table(...)` (meteredDb.ts rawView wraps it as a raw write,
// and beforeHookRawWrites.test.ts exercises it). The watch binds `table` like any reader method, so a
// before-hook writing through it is not seen: the job returns 0 and COMMITS the hook's writes of a
// statement that then failed, and every half job writes them again.
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
const audit = convexTable('audit', { doc: text().notNull() });
const schema = defineSchema({ docs, notes, audit });
const relations = defineRelations({ docs, notes, audit });
const MODULE = 'tableWriteDeletions';

function backend() {
  const triggers = defineTriggers(relations, {
    docs: {
      beforeDelete: async ({ old }, ctx) => {
        // `table` is a member of Convex's writer (GenericDatabaseWriterWithTable), not of this type.
        await (ctx.raw as any).table('audit').insert({ doc: old.name });
      },
    },
  });
  const orm = createOrm({
    relations,
    triggers,
    transactionBudget: { documentsWritten: 8 },
    scheduledDelete: anyApi[MODULE]!.scheduledDelete as never,
  });
  const functions = defineDeletionFunctions({
    orm,
    internalMutation: internalMutationGeneric,
    self: anyApi[MODULE] as never,
  });
  const t = convexTest({ schema, modules: { ...modules, [`./${MODULE}.ts`]: async () => functions } });
  return { t, orm };
}

describe('scheduled hard delete halving after a hook wrote through ctx.raw.table()', () => {
  it('a job whose before-hooks wrote (through db.table) before the limit error is not halved and commits nothing', async () => {
    const { t, orm } = backend();
    const ids = await t.run(async (ctx) => {
      const ids = [];
      for (let i = 0; i < 3; i++) {
        const docId = await ctx.db.insert('docs', { name: `d${i}`, deletedAt: null });
        for (const body of ['a', 'b', 'c']) await ctx.db.insert('notes', { docId, body });
        ids.push(docId);
      }
      return ids;
    });
    // 3 rows soft-deleted (an update: no beforeDelete hook runs).
    await t.run((ctx) => orm.db(ctx).delete(docs).where(inArray(docs._id, ids)));
    const before = await t.run(async (ctx) => ({
      audit: (await ctx.db.query('audit').collect()).length,
      job: (await ctx.db.system.query('_scheduled_functions').collect())[0]!.args[0] as ScheduledDeleteArgs,
    }));
    expect(before.audit).toBe(0);
    // The hard delete: before-hooks write 3 audit rows raw, then 3 docs + 9 notes pass the budget of 8.
    const outcome = await t
      .mutation(makeFunctionReference<'mutation', ScheduledDeleteArgs>(`${MODULE}:scheduledDelete`), before.job)
      .then(
        (result) => ({ result }),
        (error: unknown) => ({ error: isOrmError(error) ? error.code : String(error) }),
      );
    const after = await t.run(async (ctx) => ({
      audit: (await ctx.db.query('audit').collect()).map((row) => row.doc),
      jobs: (await ctx.db.system.query('_scheduled_functions').collect()).length,
    }));
    // Expected, as for ctx.raw.insert: the limit error after a write fails the job as it is, and nothing
    // of the failed statement (the hooks' audit rows) is committed; no half jobs.
    expect({ outcome, after }).toEqual({
      outcome: { error: 'WRITE_BUDGET_EXCEEDED' },
      after: { audit: [], jobs: 1 },
    });
  });
});
