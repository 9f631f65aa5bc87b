import type { TransactionLimitName } from './convexLimits.js';

/** `ctx.meta` as far as the meter uses it: absent in old Convex versions and outside queries/mutations. */
export interface MetricsSource {
  getTransactionMetrics?(): Promise<Record<TransactionMetricName, { used: number; remaining: number }>>;
  /** `componentPath` is `""` for the app, a path inside a component (where Convex refuses `.paginate()`). */
  getFunctionMetadata?(): Promise<{ componentPath: string }>;
}

// The names `getTransactionMetrics()` reports, by the ORM's limit names.
export const METRIC_NAMES = {
  documentsRead: 'documentsRead',
  bytesRead: 'bytesRead',
  indexRanges: 'databaseQueries',
  documentsWritten: 'documentsWritten',
  bytesWritten: 'bytesWritten',
  functionsScheduled: 'functionsScheduled',
  scheduledFunctionArgsBytes: 'scheduledFunctionArgsBytes',
} as const satisfies Record<TransactionLimitName, string>;
export type TransactionMetricName = (typeof METRIC_NAMES)[TransactionLimitName];
export const LIMIT_NAMES = Object.keys(METRIC_NAMES) as TransactionLimitName[];
/** The limits a read counts against (a `db.get`, a range, a page). */
export const READ_LIMIT_NAMES = ['documentsRead', 'bytesRead', 'indexRanges'] as const;

/**
 * Whether the function runs inside a Convex component (`componentPath` not
 * `""`); false where `getFunctionMetadata()` is not offered or fails.
 */
export function inComponent(meta: MetricsSource | undefined): Promise<boolean> {
  if (typeof meta?.getFunctionMetadata !== 'function') return Promise.resolve(false);
  try {
    return meta.getFunctionMetadata().then(
      ({ componentPath }) => componentPath !== '',
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}

// What a component's `.paginate()` rejects with (the backend's user-facing text; current backends
// add " Learn more at ..."), and the backend's short code for it, kept in case a backend sends it.
const REFUSED_IN_COMPONENT = 'paginate() is only supported in the app.';
const REFUSED_IN_COMPONENT_CODE = 'PaginationUnsupportedInComponents';

/**
 * Whether `error` is Convex refusing `.paginate()` because the function runs
 * inside a component: how the ORM learns it where `getFunctionMetadata()` is
 * not offered (convex before 1.36). The backend refuses before it reads or
 * counts anything (convex-backend crates/isolate/src/environment/udf/async_syscall.rs,
 * `query_page`) and rejects with its user-facing text only, "paginate() is only
 * supported in the app. Learn more at https://docs.convex.dev/components/authoring#pagination"
 * (older backends end after "app."): the short code "PaginationUnsupportedInComponents"
 * stays in the backend (crates/isolate/src/environment/helpers/promise.rs,
 * `user_facing_message`), and convex/server rethrows the message as it came.
 */
export function paginateRefusedInComponent(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.message.startsWith(REFUSED_IN_COMPONENT) || error.message.startsWith(REFUSED_IN_COMPONENT_CODE);
}
