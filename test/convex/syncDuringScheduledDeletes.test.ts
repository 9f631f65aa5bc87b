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
  defineTriggers,
  deletion,
  text,
  timestamp,
} from '../../src/index';

const docs = convexTable('docs', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const logs = convexTable('logs', { n: text().notNull() });
const parents = convexTable('parents', { name: text().notNull() });
const schema = defineSchema({ docs, logs, parents });
const relations = defineRelations({ docs, logs, parents });

type HookCtx = { raw: any; db: any };

/**
 * A parent's afterInsert soft-deletes `rows` docs (one scheduled hard delete) while it patches 60
 * small logs raw, all at once, then soft-deletes one more doc (a second scheduled hard delete).
 * The logs were never read in the transaction: each raw patch is reserved at Convex's largest
 * document read and written, so about every 15th one syncs to take Convex's count of them.
 */
async function softDeletesBesideRawPatches(rows: number) {
  const orm = createOrm({
    relations,
    scheduledDelete: makeFunctionReference<'mutation'>('deletions:scheduledDelete') as never,
    triggers: defineTriggers(relations, {
      parents: {
        afterInsert: async (_change, hookCtx) => {
          const ctx = hookCtx as unknown as HookCtx;
          await Promise.all([
            ctx.db.delete(docs).where({ name: { like: 'a%' } }),
            (async () => {
              for (const id of logIds) await ctx.raw.patch(id, { n: 'patched' });
            })(),
          ]);
          await ctx.db.delete(docs).where({ name: 'b' });
        },
      },
    }),
  });
  defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
  // Convex's own limit of functions scheduled, lowered to 1: the second soft delete must fail typed.
  const t = convexTest({ schema, modules, transactionLimits: { functionsScheduled: 1 } });
  const logIds = await t.run(async (ctx) => {
    for (let i = 0; i < rows; i++) await ctx.db.insert('docs', { name: `a${i}`, deletedAt: null } as never);
    await ctx.db.insert('docs', { name: 'b', deletedAt: null } as never);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await ctx.db.insert('logs', { n: `l${i}` }));
    return ids;
  });
  return t.run(async (ctx) => {
    try {
      await orm.db(ctx).insert(parents).values({ name: 'p' });
      return 'NONE';
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      return code ?? `NOT_AN_ORM_ERROR: ${message.slice(0, 70)}`;
    }
  });
}

// docs/triggers.md: the typed errors "still come before Convex's own ... the typed error can come
// early, never late". A soft delete of a deletion('scheduled') table reserves its hard delete's
// scheduling (functionsScheduled) with its rows, writes the rows (held ahead until each is sent),
// and schedules only after them (scheduleDeletes). A sync a raw write asks in between (seen here
// while the rows are written: only they are held ahead) takes Convex's report, which holds no
// scheduled function yet, as replacing what the meter counted: the scheduling drops out of the
// count, and the next soft delete's is let through.
describe('a sync asked while a statement has written its rows and not yet scheduled their hard delete', () => {
  it("a second scheduled soft delete past Convex's functionsScheduled limit fails typed, whatever the timing", async () => {
    const untyped: string[] = [];
    for (let rows = 20; rows <= 34; rows += 2) {
      const outcome = await softDeletesBesideRawPatches(rows);
      if (outcome !== 'WRITE_BUDGET_EXCEEDED') untyped.push(`${rows} rows: ${outcome}`);
    }
    // Observed (rows 28 to 34): Convex's "Scheduled too many functions in a single function execution
    // (limit: 1)", from the second soft delete's ctx.scheduler.runAfter, after its rows were written.
    expect(untyped).toEqual([]);
  });
});
