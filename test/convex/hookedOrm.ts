import { internalMutationGeneric } from 'convex/server';
import type { convexTest } from 'convex-test';
import {
  createOrm,
  defineDeletionFunctions,
  defineTriggers,
  type TablesRelationalConfig,
  type TriggersConfig,
} from '../../src/index';

/**
 * An ORM of `relations` over the backend `t` with the hooks of `config` and a scheduler that keeps
 * the scheduled hard deletes (`scheduled`) for `runJobs` to run through the exported function.
 */
export function hookedOrm<TRelations extends TablesRelationalConfig>(
  t: ReturnType<typeof convexTest>,
  relations: TRelations,
  config?: TriggersConfig<TRelations>,
  options: { rowCap?: number } = {},
) {
  const scheduled: any[] = [];
  const orm = createOrm({
    relations,
    ...options,
    scheduledDelete: 'deletions:scheduledDelete' as never,
    ...(config ? { triggers: defineTriggers(relations, config as never) } : {}),
  });
  const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
  const scheduler = {
    runAfter: async (_ms: number, _fn: unknown, args: unknown) => {
      scheduled.push(args);
      return 'job' as never;
    },
  };
  const handler = (scheduledDelete as unknown as { _handler: (ctx: unknown, args: unknown) => Promise<number> })
    ._handler;
  const dbOf = (ctx: any, options?: { triggers?: boolean }) => orm.db({ ...ctx, scheduler } as never, options);
  const run = <R>(fn: (db: ReturnType<typeof dbOf>, ctx: any) => Promise<R>, options?: { triggers?: boolean }) =>
    t.run((ctx) => fn(dbOf(ctx, options), ctx));
  const runJobs = () =>
    t.run(async (ctx) => {
      const removed: number[] = [];
      for (const args of scheduled.splice(0)) removed.push(await handler(ctx, args));
      return removed;
    });
  return { orm, dbOf, run, scheduled, runJobs };
}
