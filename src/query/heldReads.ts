import { sameFilter } from '../filter/filterKey.js';
import type { FilterNode } from '../filter/tree.js';
import type { Plan } from '../planner/types.js';
import { type AnyRelation, servesHeldRows } from '../relations/relation.js';
import { loadBesideFilter } from './filterBesideLoad.js';
import type { ParsedQuery } from './parseQuery.js';
import type { SchemaContext } from './schemaContext.js';
import { orderRows, takesFirstOnly } from './selection.js';

/** Rows of `relation` passing `filter` that a query reads whole for the keys it reaches. */
export interface HeldRead {
  readonly relation: AnyRelation;
  readonly filter: FilterNode | null;
}

/**
 * What a query run by `plan` reads every match of before its loads, and holds
 * for the execution (`heldMatches`): the relations its relation orders read
 * along, at any level and step of their paths (every visible row), and the
 * relation its root relation filter reads whole ({@link loadBesideFilter}).
 * A `with` load or `_count` of the same relation and filter takes those rows
 * for the keys read. What `explain()` says.
 */
export function heldReads(schema: SchemaContext, query: ParsedQuery, plan: Plan): readonly HeldRead[] {
  // A root that reads nothing reads nothing below it.
  if (plan.kind === 'empty') return [];
  const reads: HeldRead[] = [];
  addOrderReads(schema, query, reads);
  const beside = loadBesideFilter(query, plan);
  if (beside) reads.push({ relation: beside.load.relation, filter: beside.load.query.filter });
  return reads;
}

/** Adds the reads of the relation orders of `level` and the levels below it to `reads`. */
function addOrderReads(schema: SchemaContext, level: ParsedQuery, reads: HeldRead[]): void {
  for (const { path, withDeleted = false } of level.orderBy) {
    for (const relation of path) reads.push({ relation, filter: orderRows(schema, relation, withDeleted).filter });
  }
  for (const { query: nested } of level.with) addOrderReads(schema, nested, reads);
}

/**
 * True when a load or count `query` of `relation` may take rows one of `reads` held: with the
 * same filter, through a junction to targets by `_id` only ({@link servesHeldRows}); of a `many`, every
 * match of a key was read, of a `one`, its first, which a load of the first row only takes
 * (`heldMatches`).
 */
export function takesHeldRows(reads: readonly HeldRead[], relation: AnyRelation, query: ParsedQuery): boolean {
  if (!servesHeldRows(relation) || (relation.kind === 'one' && !takesFirstOnly(query))) return false;
  return reads.some((read) => read.relation === relation && sameFilter(read.filter, query.filter));
}
