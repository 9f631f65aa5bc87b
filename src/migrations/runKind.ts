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
 * what was asked (migrations deployed since, or past its `to`) is not done yet. Not when it failed
 * or was canceled, nor after a dry run (which applies nothing: asked again, it would run again),
 * nor for `steps`: that many are what the run followed did.
 */
export function asksAgainAfter(
  followed: { readonly status: string },
  asked: { readonly steps?: number | undefined },
): boolean {
  return followed.status === 'completed' && asked.steps === undefined;
}
