import type { Value } from 'convex/values';
import type { ColumnDefinition } from '../schema/column.js';
import type { ComparisonOp, FilterNode } from './tree.js';

// Convex orders -0 just before 0 and tells them apart; an integer has one zero.
const ZEROS: readonly Value[] = [-0, 0];

/**
 * `field op value`. On an `integer()` column a zero compares as the one integer zero, whichever
 * zero is given or stored (the ORM writes 0; rows written raw or by older versions may hold -0):
 * `eq` / `ne` take both, `gt` / `lte` compare with 0 (the greater one) and `gte` / `lt` with -0,
 * so each range holds both zeros or neither. Any other column compares the value as given.
 */
export function comparisonNode(
  definition: ColumnDefinition,
  field: string,
  op: ComparisonOp,
  value: Value,
): FilterNode {
  if (value !== 0 || definition.kind !== 'integer') return { kind: 'compare', field, op, value };
  switch (op) {
    case 'eq':
    case 'ne':
      return { kind: 'in', field, values: ZEROS, negated: op === 'ne' };
    case 'gt':
    case 'lte':
      return { kind: 'compare', field, op, value: 0 };
    case 'gte':
    case 'lt':
      return { kind: 'compare', field, op, value: -0 };
  }
}

/** An `in` / `notIn` list of an `integer()` column holding a zero holds both (see {@link comparisonNode}). */
export function membershipValues(definition: ColumnDefinition, values: readonly Value[]): readonly Value[] {
  if (definition.kind !== 'integer' || !values.includes(0)) return values;
  return [...values.filter((value) => value !== 0), ...ZEROS];
}
