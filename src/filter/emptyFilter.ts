/**
 * Skips a filter field, operator or array item explicitly (Drizzle v1's
 * `EmptyFilter`; the same global symbol, so Drizzle's constant works too).
 * `undefined` in a filter throws instead, so it can never widen a query.
 */
export const EmptyFilter: unique symbol = Symbol.for('drizzle:EmptyFilter') as never;
/** The type of {@link EmptyFilter}. */
export type EmptyFilter = typeof EmptyFilter;
