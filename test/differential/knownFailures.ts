/**
 * THE list of differential scenarios (query or mutation) where convex-orm
 * currently disagrees with Drizzle because convex-orm is wrong, with the
 * reason. The tests assert that each listed scenario still disagrees, so
 * fixing the bug fails the suite until its entry is removed here. Documented
 * divergences (DESIGN.md section 10) are not failures and are not listed:
 * they have their own tests in `divergences.test.ts`.
 */
export const knownFailures: Readonly<Record<string, string>> = {};
