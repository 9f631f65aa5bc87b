import { expect } from 'vitest';

/**
 * THE list of differential scenarios (query or mutation) where convex-orm
 * currently disagrees with Drizzle because convex-orm is wrong, with the
 * reason. The tests assert that each listed scenario still disagrees, so
 * fixing the bug fails the suite until its entry is removed here. Documented
 * divergences (DESIGN.md section 10) are not failures and are not listed:
 * they have their own tests in `divergences.test.ts`.
 */
const COLUMNS_EMPTY =
  'convex-orm bug (src/query/parseQuery.ts parseColumns): `columns: {}` selects every column (treated as false-mode with nothing dropped); Drizzle selects none';
const COLUMNS_EMPTY_ERROR =
  'convex-orm bug (src/query/parseQuery.ts parseColumns): `columns: {}` selects every column, so the "No fields selected" error is never raised';

const RELATION_ORDER =
  'convex-orm gap (src/query/orderBy.ts): ordering by a relation (rc.5 `{ posts: \'desc(count)\' }`, `{ author: { name } }`) throws "Unknown relational order field"; DESIGN.md section 10 promises it within a scan budget';

/** The checks of `divergences.test.ts` that run through {@link expectAgreement}, by name. */
export const divergenceChecks = {
  withoutWhere: 'update/delete without where throw unless .all()',
} as const;

const WITHOUT_WHERE =
  'convex-orm bug (src/mutation/delete.ts, update.ts): `await db.delete(t)` and `await db.update(t).set(v)` without `.where()`/`.all()` are silent no-ops (the builders are not thenable) instead of throwing as DESIGN.md section 7 and issue 4 require';

export const knownFailures: Readonly<Record<string, string>> = {
  'A columns {} with a relation': COLUMNS_EMPTY,
  'A nested columns {} with a deeper relation': COLUMNS_EMPTY,
  'E4335 users -> u2g -> group': COLUMNS_EMPTY,
  'E4448 groups -> u2g -> user': COLUMNS_EMPTY,
  'E4553 limits root + nested': COLUMNS_EMPTY,
  'E4638 groups limits root + nested': COLUMNS_EMPTY,
  'E4723 limit + where on junction': COLUMNS_EMPTY,
  'E4800 groups limit + where': COLUMNS_EMPTY,
  'E4876 where both levels': COLUMNS_EMPTY,
  'E4961 groups where both levels': COLUMNS_EMPTY,
  'E5043 orderBy desc both levels': COLUMNS_EMPTY,
  'E5151 groups orderBy desc both levels': COLUMNS_EMPTY,
  'E5260 orderBy + limit': COLUMNS_EMPTY,
  'E5349 findFirst users -> u2g -> group': COLUMNS_EMPTY,
  'E findFirst groups -> u2g -> user, where': COLUMNS_EMPTY,
  'err columns {} selects nothing': COLUMNS_EMPTY_ERROR,
  'err nested columns {} selects nothing': COLUMNS_EMPTY_ERROR,
  'err findFirst columns {}': COLUMNS_EMPTY_ERROR,
  'err arrayContains []':
    'convex-orm gap (src/filter/parseWhere.ts): an empty array for arrayContains matches instead of throwing Drizzle\'s "arrayContains requires at least one value"',
  'err arrayOverlaps []':
    'convex-orm gap (src/filter/parseWhere.ts): an empty array for arrayOverlaps matches instead of throwing Drizzle\'s "arrayOverlaps requires at least one value"',
  'ord by relation count (rc.5 relation orderBy)': RELATION_ORDER,
  'ord by a column of a one relation': RELATION_ORDER,
  'ord by max id of a many relation': RELATION_ORDER,
  'ord nested by relation count': RELATION_ORDER,
  [divergenceChecks.withoutWhere]: WITHOUT_WHERE,
};

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
