import type { Value } from 'convex/values';
import { hasOneZero } from '../schema/codec.js';
import type { ColumnDefinition } from '../schema/column.js';
import type { ComparisonOp, FilterNode } from './tree.js';

// Convex orders -0 just before 0 and tells them apart; an integer has one zero.
const ZEROS: readonly Value[] = [-0, 0];

/**
 * `field op value`. On an `integer()` or `timestamp()` column ({@link hasOneZero}) a zero is the one zero (the ORM writes -0 as
 * 0; rows written raw or by older versions may hold -0, which Convex orders just before 0 and
 * tells apart): `eq` / `ne` with -0 take both stored forms, with 0 the 0 the ORM writes (one
 * equality, which aggregate and search indexes serve); `gt` / `lte` compare with 0 and `gte` /
 * `lt` with -0, so each range holds both zeros or neither. Any other column compares as given.
 */
export function comparisonNode(
  definition: ColumnDefinition,
  field: string,
  op: ComparisonOp,
  value: Value,
): FilterNode {
  if (value !== 0 || !hasOneZero(definition)) return { kind: 'compare', field, op, value };
  switch (op) {
    case 'eq':
    case 'ne':
      return Object.is(value, -0)
        ? { kind: 'in', field, values: ZEROS, negated: op === 'ne' }
        : { kind: 'compare', field, op, value };
    case 'gt':
    case 'lte':
      return { kind: 'compare', field, op, value: 0 };
    case 'gte':
    case 'lt':
      return { kind: 'compare', field, op, value: -0 };
  }
}

/** An `in` / `notIn` list of an `integer()` or `timestamp()` column holding -0 holds 0 too (see {@link comparisonNode}). */
export function membershipValues(definition: ColumnDefinition, values: readonly Value[]): readonly Value[] {
  if (!hasOneZero(definition) || !values.some((value) => Object.is(value, -0))) return values;
  return values.some((value) => Object.is(value, 0)) ? values : [...values, 0];
}
