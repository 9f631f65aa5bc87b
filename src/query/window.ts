/** Which rows of a result to return: `offset` skipped, then at most `limit`. */
export interface Window {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** How many rows from the start the window reaches (`offset + limit`), or undefined without a limit. */
export function windowEnd({ limit, offset = 0 }: Window): number | undefined {
  return limit === undefined ? undefined : offset + limit;
}

/** The rows inside the window. */
export function windowRows<T>(rows: readonly T[], window: Window): T[] {
  return rows.slice(window.offset ?? 0, windowEnd(window));
}
