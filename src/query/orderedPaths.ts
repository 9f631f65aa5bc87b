import { sameFilter } from '../filter/filterKey.js';
import type { FilterNode } from '../filter/tree.js';
import type { AnyRelation } from '../relations/relation.js';
import type { OrderTerm } from './orderTerms.js';
import type { SchemaContext } from './schemaContext.js';
import { orderRows } from './selection.js';

/**
 * The relation paths, from one level of a query, along which a relation order
 * of that level or of a level above reads every visible related row: what
 * `explain()` says a `with` load or `_count` takes instead of reading
 * (`heldMatches` at run time).
 */
export type OrderedPaths = readonly (readonly AnyRelation[])[];

/** The paths a level's own order `terms` read along. */
export const pathsOf = (terms: readonly OrderTerm[]): OrderedPaths =>
  terms.filter((term) => term.path.length > 0).map((term) => term.path);

/** The paths below a `with` load of `relation` from a level with `paths`: the rest of those through it, and the load's own order's. */
export function pathsBelow(paths: OrderedPaths, relation: AnyRelation, terms: readonly OrderTerm[]): OrderedPaths {
  const through = paths.filter((path) => path[0] === relation && path.length > 1).map((path) => path.slice(1));
  return [...through, ...pathsOf(terms)];
}

/**
 * True when a load or count of `relation` under `filter`, at a level with
 * `paths`, takes the rows an order read: a `many` relation (an order reads
 * one row of a `one`), not through a junction, an order's path starting with
 * it, the same filter the order read with (the rules' and deletion's).
 */
export function takesOrderRows(
  schema: SchemaContext,
  paths: OrderedPaths,
  relation: AnyRelation,
  filter: FilterNode | null,
  withDeleted: boolean,
): boolean {
  if (relation.kind !== 'many' || relation.through || !paths.some((path) => path[0] === relation)) return false;
  return sameFilter(orderRows(schema, relation, withDeleted).filter, filter);
}
