import type { MigrationDirection } from './define.js';

/** What makes two runs the same kind: their direction, and whether they are dry runs. */
export interface RunKind {
  readonly direction: MigrationDirection;
  readonly dryRun?: boolean | undefined;
}

/**
 * True when the active run is not the kind of run asked for (another direction, or a dry run
 * when a real one is asked, or the reverse): following it to its end would report a run that
 * was not asked for, so `migrate up` / `down` (and the tester's `up` / `down`) refuse instead.
 */
export function isOtherKindOfRun(active: RunKind, asked: RunKind): boolean {
  return active.direction !== asked.direction || (active.dryRun ?? false) !== (asked.dryRun ?? false);
}

/** A run's kind as messages name it: `migrate up`, `a dry run of migrate down`. */
export function runKindName(run: RunKind): string {
  return `${run.dryRun ? 'a dry run of ' : ''}migrate ${run.direction}`;
}

/**
 * True when a run asked for while another was active, once that run (`followed`, of the same kind)
 * ended, is asked again: the run followed was planned when it started, so what is still pending of
 * what was asked is not done yet. An `up` asks for every pending migration (those deployed since
 * too), a `down` with `to` for everything after it: asked again, each does what is left. Not a
 * `down` without `to`, nor `steps`: that many are what the run followed did (a plain `down` is one
 * step). Not when it failed or was canceled, nor after a dry run (which applies nothing: asked
 * again, it would run again).
 */
export function asksAgainAfter(
  followed: { readonly status: string },
  asked: {
    readonly direction: MigrationDirection;
    readonly steps?: number | undefined;
    readonly to?: string | undefined;
  },
): boolean {
  if (followed.status !== 'completed' || asked.steps !== undefined) return false;
  return asked.direction === 'up' || asked.to !== undefined;
}
