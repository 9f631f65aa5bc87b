import * as convexValues from 'convex/values';

/**
 * The class of `ctx.db.vars.commitTs` (convex 1.43 and later), the placeholder Convex resolves to
 * the mutation's commit timestamp (an int64) as it commits. Read from the module's namespace, not
 * imported by name: the peer range starts at convex 1.31, which has no such export (a named import
 * would fail to link there); there it is undefined.
 */
const CommitTsPlaceholder = (convexValues as Record<string, unknown>).CommitTsPlaceholder;

/** Whether `value` is `ctx.db.vars.commitTs`: a value a `v.commitTs()` field or an `any` value may hold. */
export function isCommitTsPlaceholder(value: unknown): boolean {
  return typeof CommitTsPlaceholder === 'function' && value instanceof CommitTsPlaceholder;
}
