import type { Conditions } from './conditions.js';
import type { OrderSpec } from './types.js';

/**
 * Why no Convex index gives `orderBy`, or null when one can: an index gives its fields in one
 * direction, then `_creationTime`, then `_id` (each document of a table has its own creation
 * time); `by_id` gives `_id` alone. A page needs its order from an index, so its refusal says this
 * rather than naming an index that would not give it.
 */
export function orderNoIndexGives(orderBy: readonly OrderSpec[]): string | null {
  if (orderBy.some((spec) => spec.direction !== orderBy[0]!.direction)) {
    return 'an index gives its fields in one direction: order them all asc or all desc';
  }
  const fields = orderBy.map((spec) => spec.field);
  if (fields.length === 1 && fields[0] === '_id') return null;
  const system = fields.findIndex((field) => field.startsWith('_'));
  if (system === -1) return null;
  const tail = fields.slice(system);
  const servable = tail.every((field, i) => field === ['_creationTime', '_id'][i]);
  return servable
    ? null
    : 'an index orders by _creationTime only after its own fields (then by _id), and by _id alone (by_id): order by those, or by indexed fields';
}

/**
 * The fields of an index that would serve the query: equality fields, then the order's own fields
 * when an index can give that order ({@link orderNoIndexGives}; the planner has dropped the terms a
 * filter's equality pins: `orderingTerms`), else one range field. Where an order field is itself a
 * list of values (`in`), the other lists come after the order's fields: its ranges merge in the
 * order only when no list stands before it (`(priority, owner)` for `owner in […], priority in […]`
 * ordered by priority, not `(owner, priority)`), or stay residual where the order goes on to
 * `_creationTime`. `null` when the filter and order name no field an index could use.
 */
export function suggestIndex(conditions: Conditions, orderBy: readonly OrderSpec[]): string[] | null {
  const ordered = orderNoIndexGives(orderBy) === null ? orderBy.map((spec) => spec.field) : [];
  const listsAfter = ordered.some((field) => isList(conditions, field));
  const equalities = [...conditions.equalities.keys()].filter((field) => field !== '_id');
  const fields = listsAfter ? equalities.filter((field) => !isList(conditions, field)) : equalities;
  const rest = [...ordered];
  if (rest.length === 0) {
    const range = [...conditions.ranges.keys()].find((field) => !fields.includes(field));
    if (range !== undefined) rest.push(range);
  }
  // An order that goes on to `_creationTime` is given only by an index of its own fields alone: the other
  // lists stay residual then.
  const after = listsAfter && ordersByCreationTime(orderBy) ? [] : equalities;
  for (const field of [...rest, ...after]) if (!fields.includes(field)) fields.push(field);
  const declared = fields.filter((field) => !field.startsWith('_'));
  return declared.length === 0 ? null : declared;
}

/** True when the filter's equality on `field` is a list of several values (`in`). */
const isList = (conditions: Conditions, field: string): boolean =>
  (conditions.equalities.get(field)?.values.length ?? 0) > 1;

/**
 * True when the order goes on to `_creationTime` after its own fields: only an index of exactly
 * those fields gives it (a longer one orders by its further fields first).
 */
export const ordersByCreationTime = (orderBy: readonly OrderSpec[]): boolean =>
  orderBy.some((spec) => spec.field === '_creationTime');
