import type { FunctionReference } from 'convex/server';
import { OrmError } from '../errors.js';
import type { CancelResult, RunArgs, RunResult, RunView, StatusResult } from '../migrations/index.js';
import { asksAgainAfter, isOtherKindOfRun, runKindName } from '../migrations/runKind.js';
import { describe } from '../schema/conforms.js';

/** What {@link migrationTester} needs of a convex-test instance (`convexTest(schema, modules)`). */
export interface MigrationTestBackend {
  query(ref: FunctionReference<'query', 'internal'>, args: Record<string, unknown>): Promise<unknown>;
  mutation(ref: FunctionReference<'mutation', 'internal'>, args: Record<string, unknown>): Promise<unknown>;
  finishInProgressScheduledFunctions(): Promise<void>;
}

/** The app's migration functions: `internal.migrations` (the module exporting them). */
export interface MigrationFunctionRefs {
  run: FunctionReference<'mutation', 'internal', any, any>;
  status: FunctionReference<'query', 'internal', any, any>;
  cancel: FunctionReference<'mutation', 'internal', any, any>;
}

export interface MigrationTesterOptions {
  /** `internal.migrations` from `convex/_generated/api`. */
  functions: MigrationFunctionRefs;
  /**
   * Fires the fake timers that are due now, which convex-test schedules the run's chunks on
   * (each is scheduled to run at once): `() => vi.advanceTimersByTime(0)` (vitest, after
   * `vi.useFakeTimers()`) or `() => jest.advanceTimersByTime(0)`. Passed in so this helper
   * imports no runner. `vi.runAllTimers` works too, but fires every timer pending when a chunk
   * is due, the app's functions scheduled for later included (a scheduled hard delete).
   */
  advanceTimers: () => void;
  /** Most chunks one run may take before the helper gives up. Default 10,000. */
  maxChunks?: number;
}

/** How a run ended: the finished run, or why none started. */
export type MigrationOutcome = RunView | Extract<RunResult, { status: 'noop' | 'drift_blocked' }>;

/** Options of `up` / `down`: those of `migrate up` / `migrate down`. */
export type MigrationRunOptions = Omit<RunArgs, 'direction'>;

export interface MigrationTester {
  /**
   * Applies every pending migration and runs its chunks until the run ends; resolves with the
   * finished run. Functions the app scheduled for later are left pending (see `advanceTimers`).
   */
  up(options?: MigrationRunOptions): Promise<MigrationOutcome>;
  /** Rolls back (`steps` / `to`) and runs its chunks until the run ends; resolves with the finished run. */
  down(options?: MigrationRunOptions): Promise<MigrationOutcome>;
  /** What `migrate status` shows. */
  status(): Promise<StatusResult>;
  cancel(runId?: string): Promise<CancelResult>;
}

/**
 * Rejects, as `migrate up` / `down` do, when the active run that `run` returned instead of
 * starting one is of another kind than asked (a dry run during which a real run is asked, an up
 * during which a down is): its end is not the outcome of what was asked.
 */
async function refuseOtherKindOfRun(active: RunView | null | undefined, asked: RunArgs): Promise<void> {
  if (!active || !isOtherKindOfRun(active, asked)) return;
  throw new OrmError(
    'MIGRATION_CONFIG',
    `Run ${active.runId} (${runKindName(active)}) is already active, so ${runKindName(asked)} did not start. Let it end (or cancel it), then run this again.`,
    { details: { runId: active.runId } },
  );
}

/**
 * Runs the app's migrations in-process on convex-test, as `convex-orm migrate` would on a
 * deployment, without knowing the runtime functions' argument shapes:
 *
 * ```ts
 * vi.useFakeTimers();
 * const migrations = migrationTester(convexTest(schema, modules), {
 *   functions: internal.migrations,
 *   advanceTimers: () => vi.advanceTimersByTime(0),
 * });
 * expect(await migrations.up()).toMatchObject({ status: 'completed' });
 * ```
 */
export function migrationTester(t: MigrationTestBackend, options: MigrationTesterOptions): MigrationTester {
  const { functions, advanceTimers } = options;
  const maxChunks = options.maxChunks ?? 10_000;
  // Checked here: past the run's start, a bad one shows as a misleading "still running" or a TypeError.
  if (typeof advanceTimers !== 'function') {
    throw new OrmError(
      'MIGRATION_CONFIG',
      'migrationTester needs advanceTimers, a function firing the fake timers due now: () => vi.advanceTimersByTime(0), after vi.useFakeTimers().',
    );
  }
  if (!Number.isInteger(maxChunks) || maxChunks < 1) {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `migrationTester's maxChunks must be a positive integer (default 10,000); got ${describe(maxChunks)}.`,
    );
  }
  const status = (args: { runId?: string }) => t.query(functions.status, args) as Promise<StatusResult>;
  const run = async (args: RunArgs): Promise<MigrationOutcome> => {
    const started = (await t.mutation(functions.run, args)) as RunResult;
    if (started.status !== 'running') return started;
    if (started.alreadyActive) await refuseOtherKindOfRun((await status({ runId: started.runId })).run, args);
    // One chunk at a time, until the run ends: not every scheduled function (convex-test's
    // finishAllScheduledFunctions), which would run the app's own ones scheduled for later too.
    for (let chunk = 0; chunk < maxChunks; chunk++) {
      advanceTimers();
      await t.finishInProgressScheduledFunctions();
      const view = (await status({ runId: started.runId })).run!;
      if (view.status === 'running') continue;
      if (!started.alreadyActive || !asksAgainAfter(view, args)) return view;
      // What the run followed left pending of what was asked, as `convex-orm migrate` asks again.
      const again = await run(args);
      return again.status === 'noop' ? view : again;
    }
    throw new OrmError(
      'MIGRATION_CONFIG',
      `Migration run ${started.runId} is still running after ${maxChunks} chunks; raise maxChunks, or check that fake timers are on.`,
    );
  };
  return {
    up: (args = {}) => run({ ...args, direction: 'up' }),
    down: (args = {}) => run({ ...args, direction: 'down' }),
    status: () => status({}),
    cancel: (runId) => t.mutation(functions.cancel, runId === undefined ? {} : { runId }) as Promise<CancelResult>,
  };
}
