import { sameFilter } from '../filter/filterKey.js';
import type { FilterNode } from '../filter/tree.js';
import type { AnyRelation } from '../relations/relation.js';
import type { ParsedQuery } from './parseQuery.js';
import type { SchemaContext } from './schemaContext.js';
import { orderRows } from './selection.js';

/**
 * The relations a query's relation orders read along, at any level and any
 * step of their paths: every visible related row of the keys they reach,
 * held for the execution (`heldMatches`), which a `with` load or `_count` of
 * the same relation and filter takes for those keys. What `explain()` says.
 */
export function orderedRelations(query: ParsedQuery): ReadonlySet<AnyRelation> {
  const relations = new Set<AnyRelation>();
  const visit = (level: ParsedQuery) => {
    for (const term of level.orderBy) for (const relation of term.path) relations.add(relation);
    for (const { query: nested } of level.with) visit(nested);
  };
  visit(query);
  return relations;
}

/**
 * True when a load or count of `relation` under `filter` in a query whose
 * orders read `ordered` may take the rows an order read: a `many` relation
 * (an order reads one row of a `one`), not through a junction, read by an
 * order with the same filter (the rules' and deletion's).
 */
export function takesOrderRows(
  schema: SchemaContext,
  ordered: ReadonlySet<AnyRelation>,
  relation: AnyRelation,
  filter: FilterNode | null,
  withDeleted: boolean,
): boolean {
  if (relation.kind !== 'many' || relation.through || !ordered.has(relation)) return false;
  return sameFilter(orderRows(schema, relation, withDeleted).filter, filter);
}
