import * as convexValues from 'convex/values';

/**
 * Whether `value` is `ctx.db.vars.commitTs`, the placeholder Convex (1.43 and later) resolves to
 * the mutation's commit timestamp (an int64) as it commits: a value a `v.commitTs()` field or an
 * `any` value may hold. Read from the module's namespace, not imported by name: the peer range
 * starts at convex 1.31, which has no such export (a named import would fail to link there).
 */
export function isCommitTsPlaceholder(value: object): boolean {
  const placeholder = (convexValues as Record<string, unknown>).CommitTsPlaceholder;
  return typeof placeholder === 'function' && value instanceof placeholder;
}
