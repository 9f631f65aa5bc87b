import type { AnyTable } from '../schema/table.js';

/**
 * What a `db.$count(table, filter?)` counts: its table, and its filter argument if one was passed
 * (`[undefined]` rejects: a filter never widens to every row). Data only, so that a select can
 * embed a `$count` in its selection without importing the query that runs one.
 */
export class CountTarget {
  constructor(
    readonly table: AnyTable,
    readonly filter: readonly unknown[],
  ) {}
}

/** The target of a `$count` selected as a field (the query, or its target as a prepared select binds it), else undefined. */
export function countTargetOf(value: unknown): CountTarget | undefined {
  if (value instanceof CountTarget) return value;
  const counted = typeof value === 'object' && value !== null ? (value as { counted?: unknown }).counted : undefined;
  return counted instanceof CountTarget ? counted : undefined;
}
