/** Which rows of a result to return: `offset` skipped, then at most `limit`. */
export interface Window {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  /**
   * `limit` caps a read that wants every match (a statement's row cap): past it the read only
   * fails, so it stops there in any order, not after every match to sort them.
   */
  readonly capped?: boolean;
}

/**
 * How many rows from the start a read must reach to fill the window
 * (`offset + limit`), or undefined without a limit. A window of no rows
 * (`limit: 0`) reaches none whatever its offset: nothing needs reading.
 */
export function windowEnd({ limit, offset = 0 }: Window): number | undefined {
  if (limit === 0) return 0;
  return limit === undefined ? undefined : offset + limit;
}

/** The rows inside the window. */
export function windowRows<T>(rows: readonly T[], window: Window): T[] {
  return rows.slice(window.offset ?? 0, windowEnd(window));
}
