/**
 * A stand-in for `ctx.scheduler` that records the hard deletes statements
 * schedule, and `runAll`, which runs them later as Convex would: in a ctx of
 * its own, with no user identity.
 */
export function recordingScheduler(scheduledDelete: unknown) {
  const scheduled: unknown[] = [];
  const scheduler = {
    runAfter: async (_ms: number, _fn: unknown, args: unknown) => {
      scheduled.push(args);
      return 'job' as never;
    },
  };
  const run = (scheduledDelete as { _handler: (ctx: unknown, args: unknown) => Promise<number> })._handler;
  /** Runs the recorded jobs in `ctx` and forgets them; how many rows each removed. */
  const runAll = async (ctx: unknown): Promise<number[]> => {
    const removed: number[] = [];
    for (const args of scheduled.splice(0)) removed.push(await run(ctx, args));
    return removed;
  };
  return { scheduler, scheduled, runAll };
}
