import { anyApi, makeFunctionReference, type SchemaDefinition, type TransactionLimits } from 'convex/server';
import {
  defineMigrationFunctions,
  type MigrationOrm,
  type MigrationSet,
  type RunArgs,
  type RunResult,
  type RunView,
  type StatusResult,
} from 'convex-orm/migrations';
import { convexTest } from 'convex-test';
import { vi } from 'vitest';
import { internalMutation, internalQuery } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import schema from '../../../example/convex/schema';
import { modules } from '../../../example/convex/test.setup';
import { inProcessTransport } from '../../../src/cli/transport';

/** The module the test deployment serves its migration functions from. */
export const TEST_MODULE = 'testMigrations';

const functionsFor = (migrations: MigrationSet, migrationOrm: MigrationOrm, mutation: typeof internalMutation) =>
  defineMigrationFunctions({
    orm: migrationOrm,
    migrations,
    internalMutation: mutation,
    internalQuery,
    self: anyApi[TEST_MODULE] as never,
  });

const ref = (name: string) => makeFunctionReference<any>(`${TEST_MODULE}:${name}`);

/**
 * The example app on convex-test with a migration set deployed as `testMigrations:*`.
 * `deploy(set)` swaps the deployed set (a code deploy) while the data stays. The functions
 * run with `migrationOrm` (default: the example app's ORM), their mutations built by
 * `mutation` (default: the app's `internalMutation`). `transactionLimits` turns on convex-test's
 * enforcement of Convex's limits (`true`: the defaults; an object: lower ones). `appSchema` is
 * the deployment's schema (default: the example app's; give `migrationOrm`'s with another).
 */
export function migrationBackend(
  initial: MigrationSet,
  migrationOrm: MigrationOrm = orm,
  mutation: typeof internalMutation = internalMutation,
  transactionLimits: boolean | TransactionLimits = false,
  appSchema: SchemaDefinition<any, boolean> = schema,
) {
  let deployed = functionsFor(initial, migrationOrm, mutation);
  const t = convexTest({
    schema: appSchema,
    modules: { ...modules, [`./${TEST_MODULE}.ts`]: async () => deployed },
    transactionLimits,
  });
  const status = (runId?: string) =>
    t.query(ref('status'), runId === undefined ? {} : { runId }) as Promise<StatusResult>;
  const start = (args: RunArgs) => t.mutation(ref('run'), args) as Promise<RunResult>;
  /** Polls status until the run leaves `running`. */
  const wait = async (runId: string): Promise<RunView> => {
    for (;;) {
      const run = (await status(runId)).run!;
      if (run.status !== 'running') return run;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };
  return {
    t,
    status,
    start,
    wait,
    cancel: (runId?: string) => t.mutation(ref('cancel'), runId === undefined ? {} : { runId }),
    deploy(set: MigrationSet) {
      deployed = functionsFor(set, migrationOrm, mutation);
    },
    /** Starts a run and waits for its end; throws unless it started. */
    async run(args: RunArgs): Promise<RunView> {
      const result = await start(args);
      if (result.status !== 'running') throw new Error(`run did not start: ${JSON.stringify(result)}`);
      return wait(result.runId);
    },
    /** With fake timers: runs the next scheduled chunk to its end. */
    async step(): Promise<void> {
      vi.advanceTimersToNextTimer();
      await t.finishInProgressScheduledFunctions();
    },
    transport: inProcessTransport(t, TEST_MODULE, makeFunctionReference),
  };
}

/** The todos of the backend, oldest first. */
export const todos = (t: ReturnType<typeof convexTest>) => t.run((ctx) => ctx.db.query('todos').collect());

/** How many documents `table` holds. */
export const countOf = (t: ReturnType<typeof convexTest>, table: 'groups' | 'todos') =>
  t.run(async (ctx) => (await ctx.db.query(table).collect()).length);

/** Inserts `count` todos (`title` = `todo <i>`), priority left absent on every other one. */
export async function seedTodos(t: ReturnType<typeof convexTest>, count: number): Promise<void> {
  await t.run(async (ctx) => {
    for (let i = 0; i < count; i++) {
      await ctx.db.insert('todos', {
        title: `todo ${i}`,
        done: false,
        ...(i % 2 === 0 ? {} : { priority: 'high' as const }),
      });
    }
  });
}
