import type { Conditions } from './conditions.js';
import type { OrderSpec } from './types.js';

/**
 * The fields of an index that would serve the query: equality fields, then
 * one range field or the order fields. `null` when the filter and order name
 * no field an index could use.
 */
export function suggestIndex(conditions: Conditions, orderBy: readonly OrderSpec[]): string[] | null {
  const fields = [...conditions.equalities.keys()].filter((field) => field !== '_id');
  const rest = orderBy.map((spec) => spec.field);
  if (rest.length === 0) {
    const range = [...conditions.ranges.keys()].find((field) => !fields.includes(field));
    if (range !== undefined) rest.push(range);
  }
  for (const field of rest) if (!fields.includes(field)) fields.push(field);
  const declared = fields.filter((field) => !field.startsWith('_'));
  return declared.length === 0 ? null : declared;
}
