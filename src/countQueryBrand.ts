/**
 * Set on every `db.$count(...)` (select/count.ts), so that the filter operators and the select
 * parser can name one given where a column is expected without importing the select builder.
 */
export const COUNT_QUERY = Symbol('convex-orm.countQuery');

/** True for a `db.$count(...)`. */
export const isCountQuery = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && COUNT_QUERY in value;

/** What a message says of a `db.$count(...)` given where a column is expected. */
export const MISPLACED_COUNT =
  'a db.$count(...): a count is a field of a select only (select({ n: db.$count(...) })); ordering, filtering, grouping or aggregating by one is not supported';
