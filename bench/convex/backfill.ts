import { Migrations } from '@convex-dev/migrations';
import type { ComponentApi } from '@convex-dev/migrations/_generated/component.js';
import { componentsGeneric } from 'convex/server';
import { v } from 'convex/values';
import { internal } from './_generated/api.js';
import type { DataModel } from './_generated/dataModel.js';
import { internalMutation } from './_generated/server.js';

// Workload 10: backfill `events.score` on every document, in scheduled
// batches. Each contender counts the transactions it runs in `transactions`
// (module state: convex-test imports this module once per process).

/** The backfill itself: the same per-document change for every contender. */
export const scoreOf = (doc: { kind: string; score?: number | null }) =>
  doc.score === undefined || doc.score === null ? { score: doc.kind.length } : undefined;

export const transactions = { floor: 0, convexDev: 0, convexOrm: 0 };

/** The floor: a hand-written mutation that patches one page and schedules the next. */
export const floorBatch = internalMutation({
  args: { cursor: v.union(v.string(), v.null()), batchSize: v.number() },
  handler: async (ctx, { cursor, batchSize }) => {
    transactions.floor += 1;
    const page = await ctx.db.query('events').paginate({ cursor, numItems: batchSize });
    for (const doc of page.page) {
      const patch = scoreOf(doc);
      if (patch) await ctx.db.patch(doc._id, patch);
    }
    if (!page.isDone) {
      await ctx.scheduler.runAfter(0, internal.backfill.floorBatch, { cursor: page.continueCursor, batchSize });
    }
  },
});

// @convex-dev/migrations, registered as a component (convex.config.ts). Its
// codegen is not available offline, so the component's api comes from
// `componentsGeneric()` typed by the package's own ComponentApi.
const components = componentsGeneric() as unknown as { migrations: ComponentApi };
const migrations = new Migrations<DataModel>(components.migrations, {
  // Every batch runs in its own transaction (the component's `migrate`
  // mutation, nested), so counting batches counts transactions.
  internalMutation: ((definition: { args: never; handler: (ctx: never, args: never) => unknown }) =>
    internalMutation({
      ...definition,
      handler: (ctx, args) => {
        transactions.convexDev += 1;
        return definition.handler(ctx as never, args as never);
      },
    })) as never,
});

export const convexDevBackfill = migrations.define({ table: 'events', migrateOne: (_ctx, doc) => scoreOf(doc) });

export const startConvexDev = internalMutation({
  args: { batchSize: v.number() },
  handler: async (ctx, { batchSize }) => {
    await migrations.runOne(ctx, internal.backfill.convexDevBackfill, { batchSize });
  },
});
