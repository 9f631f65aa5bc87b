import { expect } from 'vitest';
import type { Outcome } from './harness/normalize.js';

/**
 * THE list of differential scenarios (query or mutation) where convex-orm
 * currently disagrees with Drizzle because convex-orm is wrong, with the
 * reason. The tests assert that each listed scenario still disagrees, so
 * fixing the bug fails the suite until its entry is removed here. Documented
 * divergences (DESIGN.md section 10) are not failures and are not listed:
 * they have their own tests in `divergences.test.ts`.
 */
/** The checks of `divergences.test.ts` that run through {@link expectAgreement}, by name. */
export const divergenceChecks = {
  withoutWhere: 'update/delete without where throw unless .all()',
} as const;

export const knownFailures: Readonly<Record<string, string>> = {};

/**
 * Runs `check` (the assertions that convex-orm agrees with Drizzle, or shows
 * its documented divergence). For a name in {@link knownFailures} it asserts
 * instead that `check` still fails, so a fix cannot go unnoticed.
 */
export async function expectAgreement(name: string, check: () => void | Promise<void>): Promise<void> {
  if (!(name in knownFailures)) {
    await check();
    return;
  }
  let failed = false;
  try {
    await check();
  } catch {
    failed = true;
  }
  expect(failed, `"${name}" now passes: remove it from knownFailures`).toBe(true);
}

/**
 * Asserts that Drizzle's outcome is what the scenario says (it rejects
 * matching `throws`, else succeeds), then, through {@link expectAgreement},
 * that convex-orm's outcome is the same: the same value, or a rejection
 * matching `throws` too.
 */
export async function expectSameOutcome(
  scenario: { readonly name: string; readonly throws?: RegExp },
  drizzle: Outcome,
  convex: () => Promise<Outcome>,
): Promise<void> {
  if (scenario.throws) expect(drizzle.error).toMatch(scenario.throws);
  else expect(drizzle.error).toBeUndefined();
  const result = await convex();
  await expectAgreement(scenario.name, () => {
    if (scenario.throws) {
      expect(result.error, 'convex-orm did not throw').toBeDefined();
      expect(result.error).toMatch(scenario.throws);
    } else {
      expect(result.error).toBeUndefined();
      expect(result.value).toStrictEqual(drizzle.value);
    }
  });
}
