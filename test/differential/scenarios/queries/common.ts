/** Shared pieces of the query scenario tables. */

/** Every array level orders explicitly; `id` is the logical id (insertion order on Convex). */
export const asc = { id: 'asc' } as const;
export const desc = { id: 'desc' } as const;

/** Drizzle rc.5's message for `undefined` in a filter, which convex-orm reuses. */
export const UNDEFINED_IN_FILTER = /Unexpected 'undefined' in filter value\. Use 'EmptyFilter'/;

/** The table columns an `orderBy` callback receives, and its operators. */
export type Cols = Record<string, unknown>;
export type Ops = { asc: (c: unknown) => unknown; desc: (c: unknown) => unknown };
