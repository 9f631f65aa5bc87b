import { internalMutationGeneric, makeFunctionReference } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  OrmError,
  text,
  timestamp,
} from '../../src/index';
import { convexSize } from '../../src/limits/documentSize';

const docs = convexTable('docs', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const schema = defineSchema({ docs });
const relations = defineRelations({ docs });
const orm = createOrm({
  relations,
  scheduledDelete: makeFunctionReference<'mutation'>('deletions:scheduledDelete') as never,
});
defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });

// Each statement that soft-deletes rows of a `deletion('scheduled')` table schedules their hard
// delete: Convex allows 1,000 scheduled functions per mutation (here 3, set lower for the test).
describe('scheduled delete: Convex limit on functions scheduled per mutation', () => {
  it('a statement that would schedule past the limit throws WRITE_BUDGET_EXCEEDED before writing', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { functionsScheduled: 3 } });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const rows = await db
        .insert(docs)
        .values(['a', 'b', 'c', 'd'].map((name) => ({ name })))
        .returning();
      const errors: Record<string, unknown>[] = [];
      for (const row of rows) {
        try {
          await db.delete(docs).where(eq(docs._id, row._id));
        } catch (error) {
          const { code, message, details } = error as OrmError;
          errors.push({ orm: error instanceof OrmError, code, message, details: details ?? null });
        }
      }
      const stored = await ctx.db.query('docs').collect();
      return { errors, deleted: stored.map((row) => row.deletedAt !== null) };
    });
    expect(out.errors).toHaveLength(1);
    const [error] = out.errors as { orm: boolean; code: string; message: string; details: unknown }[];
    expect(error!.orm).toBe(true);
    expect(error!.code).toBe('WRITE_BUDGET_EXCEEDED');
    expect(error!.message).toContain('"docs"');
    expect(error!.message).toContain('functions scheduled');
    expect(error!.details).toMatchObject({ budget: 'functionsScheduled', limit: 3, used: 3 });
    // The fourth statement wrote nothing: its row is not soft-deleted without a hard delete to follow.
    expect(out.deleted).toEqual([true, true, true, false]);
  });

  it("a statement whose hard delete's arguments would pass Convex's bytes limit throws before writing", async () => {
    const t = convexTest({ schema, modules, transactionLimits: { scheduledFunctionArgsBytes: 200 } });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(docs).values(Array.from({ length: 10 }, (_, i) => ({ name: `d${i}` })));
      // Ten ids of 32 characters each: more than 200 bytes of arguments.
      const error = await db
        .delete(docs)
        .where({ name: { like: 'd%' } })
        .then(
          () => null,
          (error: OrmError) => ({ code: error.code, budget: (error.details as { budget: string }).budget }),
        );
      const stored = await ctx.db.query('docs').collect();
      return { error, deleted: stored.filter((row) => row.deletedAt !== null).length };
    });
    expect(out).toEqual({ error: { code: 'WRITE_BUDGET_EXCEEDED', budget: 'scheduledFunctionArgsBytes' }, deleted: 0 });
  });

  it('one statement over many rows schedules one hard delete, within the limit', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { functionsScheduled: 1 } });
    const left = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(docs).values(Array.from({ length: 50 }, (_, i) => ({ name: `d${i}` })));
      await db.delete(docs).where({ name: { like: 'd%' } });
      return (await ctx.meta.getTransactionMetrics()).functionsScheduled;
    });
    expect(left).toEqual({ used: 1, remaining: 0 });
  });
});

// Convex measures a scheduled function's arguments as the array it stores, `[args]`
// (SchedulerModel::check_scheduling_limits takes a ConvexArray, crates/model/src/scheduled_jobs/mod.rs;
// the syscall wraps an object's arguments in an array, UdfArgsJson in crates/udf/src/helpers.rs):
// 2 bytes more than the object (array_size, crates/value/src/size.rs). convex-test measures the object.
describe("scheduled delete: a hard delete's arguments are sized as Convex sizes them", () => {
  /** The bytes Convex counts for the hard delete of one row of `docs`: the arguments array. */
  async function argumentsBytes(): Promise<number> {
    const t = convexTest({ schema, modules });
    const id = await t.run((ctx) => ctx.db.insert('docs', { name: 'd', deletedAt: null }));
    return convexSize([{ table: 'docs', deletedAt: 0, ids: [id] }]);
  }

  const deleteOne = (limit: number) =>
    convexTest({ schema, modules, transactionLimits: { scheduledFunctionArgsBytes: limit } }).run(async (ctx) => {
      const db = orm.db(ctx);
      const [row] = await db.insert(docs).values({ name: 'd' }).returning();
      const error = await db
        .delete(docs)
        .where(eq(docs._id, row!._id))
        .then(
          () => null,
          (error: OrmError) => ({ code: error.code, budget: (error.details as { budget: string }).budget }),
        );
      return { error, deleted: (await ctx.db.get(row!._id))?.deletedAt !== null };
    });

  it('a limit one byte short of the array refuses the statement before writing; the exact size fits', async () => {
    const bytes = await argumentsBytes();
    expect(await deleteOne(bytes - 1)).toEqual({
      error: { code: 'WRITE_BUDGET_EXCEEDED', budget: 'scheduledFunctionArgsBytes' },
      deleted: false,
    });
    expect(await deleteOne(bytes)).toEqual({ error: null, deleted: true });
  });
});
