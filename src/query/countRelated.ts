import type { Value } from 'convex/values';
import type { AnyRelation } from '../relations/relation.js';
import { aggregateGroups, COUNT_SPEC } from './aggregateGroups.js';
import type { QueryExecution } from './execution.js';
import { heldCounts } from './heldLoads.js';
import { type KeyedRead, readPerParent, spanRows } from './loadRelated.js';
import type { Doc } from './readIndex.js';
import { countForKey, joinedFilter } from './relatedRows.js';
import type { RelatedSelection } from './selection.js';
import { keyOf, spanOf } from './spanGroups.js';

/**
 * How many rows are related to every parent (`_count`), in parent order:
 * one count per distinct key ({@link countForKey}), or past half the ranges
 * left one read over the keys' span ({@link readPerParent}): grouped counts
 * of the target rows (buckets when an aggregate index serves them), through
 * a junction the span load's rows counted.
 */
export function countRelated(
  execution: QueryExecution,
  relation: AnyRelation,
  parents: readonly Doc[],
  selection: RelatedSelection,
): Promise<number[]> {
  return readPerParent(execution, relation, parents, selection, RELATED_COUNTS);
}

/** The counts of every key read as one span, by {@link keyOf} of the key. */
async function spanCounts(
  execution: QueryExecution,
  relation: AnyRelation,
  keys: readonly Value[],
  selection: RelatedSelection,
): Promise<Map<string, number>> {
  if (relation.through) {
    const rows = await spanRows(execution, relation, keys, selection);
    return new Map([...rows].map(([key, found]) => [key, found.length]));
  }
  const field = relation.targetColumns[0]!;
  const table = execution.schema.table(relation.targetTable);
  const filter = joinedFilter(relation, spanOf(field, keys), selection);
  const groups = await aggregateGroups(execution, table, filter, COUNT_SPEC, [field], [field]);
  return new Map(groups.map((group) => [keyOf(group.key), group.totals.count]));
}

/** A relation's counts: one span grouped by key, or one count per key. */
const RELATED_COUNTS: KeyedRead<number> = {
  none: () => 0,
  span: spanCounts,
  perKey: countForKey,
  ofRows: (rows) => rows.length,
  held: heldCounts,
};
