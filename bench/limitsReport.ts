import type { Fit, LimitsResult } from './limits.js';

/**
 * Measured with `bench/limits.ts` against `main` at 7692a05 (before issue 11:
 * one range per parent for relation loads and per row for unique probes, no
 * transaction accounting), convex-test with `transactionLimits: true`, on
 * 2026-12-03 (27 minutes on a shared, loaded machine: per-parent reads cost
 * convex-test a table scan each).
 */
export const BEFORE_ISSUE_11: Before = {
  withFanOut: {
    largest: 4_064,
    failsAt: 4_096,
    failure: 'raw: Too many index ranges read in a single function execution (limit: 4096)',
  },
  uniqueInsert: {
    largest: 1_360,
    failsAt: 1_368,
    failure: 'raw: Too many index ranges read in a single function execution (limit: 4096)',
  },
  // Added later (through loads read as a span since 2ada1fe); not measured before issue 11.
  throughFanOut: null,
  // Added with the batched foreign-key and upsert reads; not measured before issue 11.
  uniqueUpsert: null,
  cascadeDelete: null,
};

/** The shapes measured before issue 11 (`null`: added later, not measured then). */
type Before = { readonly [K in keyof LimitsResult]: Fit | null };

const int = (n: number) => n.toLocaleString('en-US');
const fit = (f: Fit | null) => (f ? `${int(f.largest)} (${int(f.failsAt)} fails: ${f.failure})` : 'not measured');
const largest = (f: Fit | null) => (f ? int(f.largest) : 'not measured');

/** The "Transaction limits" section of results.md (absent from `--tiny` runs). */
export function renderLimits(limits: LimitsResult | null): string[] {
  if (!limits) return [];
  return [
    '## Transaction limits: the largest shapes that fit one transaction',
    '',
    '| shape | before issue 11 | now |',
    '|---|---:|---:|',
    `| \`findMany({ with: { books: true } })\`: parents × 1 child | ${fit(BEFORE_ISSUE_11.withFanOut)} | ${fit(limits.withFanOut)} |`,
    `| \`findMany({ with: { tags: true } })\` through a junction: parents × 1 link | ${fit(BEFORE_ISSUE_11.throughFanOut)} | ${fit(limits.throughFanOut)} |`,
    `| one insert into a table with 3 unique columns: rows | ${fit(BEFORE_ISSUE_11.uniqueInsert)} | ${fit(limits.uniqueInsert)} |`,
    `| one upsert (\`onConflictDoNothing\`, every other row conflicting) into a table with 3 unique columns: rows | ${fit(BEFORE_ISSUE_11.uniqueUpsert)} | ${fit(limits.uniqueUpsert)} |`,
    `| one cascade delete: parents × 1 child | ${fit(BEFORE_ISSUE_11.cascadeDelete)} | ${fit(limits.cascadeDelete)} |`,
    '',
    'convex-test with `transactionLimits: true` (Convex’s limits: 4,096 index ranges, 32,000 documents and 16 MiB read, 16,000 documents and 16 MiB written), row cap and scan budget raised so the transaction limits decide; sizes searched by doubling, then bisection to within 1%. “raw” is Convex’s own error (the ORM did not stop first); now the ORM stops at its transaction budget (defaults a little under Convex’s limits) with a typed error. “Before” is fixed in `bench/limitsReport.ts`, measured once on the commit named there.',
    '',
  ];
}

/** The summary lines of the limits search. */
export function limitsSummary(limits: LimitsResult | null): string[] {
  if (!limits) return [];
  return [
    'transaction limits (largest that fits, before → now):',
    `    with fan-out parents × 1 child: ${largest(BEFORE_ISSUE_11.withFanOut)} → ${int(limits.withFanOut.largest)}`,
    `    through fan-out parents × 1 link: ${largest(BEFORE_ISSUE_11.throughFanOut)} → ${int(limits.throughFanOut.largest)}`,
    `    insert rows, 3 unique columns: ${largest(BEFORE_ISSUE_11.uniqueInsert)} → ${int(limits.uniqueInsert.largest)}`,
    `    upsert rows, 3 unique columns: ${largest(BEFORE_ISSUE_11.uniqueUpsert)} → ${int(limits.uniqueUpsert.largest)}`,
    `    cascade delete parents × 1 child: ${largest(BEFORE_ISSUE_11.cascadeDelete)} → ${int(limits.cascadeDelete.largest)}`,
  ];
}
