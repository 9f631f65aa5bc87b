import type { Value } from 'convex/values';
import type { AnyRelation } from '../relations/relation.js';
import type { QueryExecution } from './execution.js';
import { heldMatches } from './heldRelatedRows.js';
import { sortGroupsByTerms } from './orderTerms.js';
import type { Doc } from './readIndex.js';
import { keyReadOrder } from './relatedRows.js';
import { type RelatedSelection, takesFirstOnly } from './selection.js';
import { windowRows } from './window.js';

// A `with` load's or `_count`'s results for the keys whose every match the execution has read
// already (heldRelatedRows.ts): taken from those rows, ordered and windowed as the load's own read
// would give them, instead of read again.

/**
 * The held matches ({@link heldMatches}) of those of `distinct` keys the
 * execution read already under `selection`'s filter, taken out of `distinct`
 * (left for reading); null when it holds none of them.
 */
export function takeHeld(
  execution: QueryExecution,
  relation: AnyRelation,
  selection: RelatedSelection,
  distinct: Map<string, Value[]>,
): Map<string, Doc[]> | null {
  const held = heldMatches(execution, relation, selection.filter, takesFirstOnly(selection));
  if (!held) return null;
  const taken = new Map<string, Doc[]>();
  for (const key of distinct.keys()) {
    const rows = held.get(key);
    if (rows) taken.set(key, rows);
  }
  for (const key of taken.keys()) distinct.delete(key);
  return taken.size > 0 ? taken : null;
}

/**
 * Each key's rows of `matches` (every match of the key) in the order and
 * window its own read under `selection` gives, as a span read puts them
 * (`spanRows` in loadRelated.ts): in the key's read order, sorted by the selection's
 * order, windowed. Through a junction (to targets by `_id`), the targets are in junction order
 * as held: the order every read of them gives (`linkedTargets`), which the targets' index order is not.
 */
export async function heldRows(
  execution: QueryExecution,
  relation: AnyRelation,
  matches: ReadonlyMap<string, Doc[]>,
  selection: RelatedSelection,
): Promise<Map<string, Doc[]>> {
  const readOrder = relation.through ? null : keyReadOrder(execution, relation, selection);
  const groups = [...matches.values()].map((rows) => (readOrder ? [...rows].sort(readOrder) : rows));
  const sorted = await sortGroupsByTerms(execution, groups, selection.orderBy);
  const keys = [...matches.keys()];
  return new Map(keys.map((key, i) => [key, windowRows(sorted[i]!, selection)]));
}

/** {@link heldRows} counted: the rows of each key's window. */
export async function heldCounts(
  execution: QueryExecution,
  relation: AnyRelation,
  matches: ReadonlyMap<string, Doc[]>,
  selection: RelatedSelection,
): Promise<Map<string, number>> {
  const rows = await heldRows(execution, relation, matches, selection);
  return new Map([...rows].map(([key, found]) => [key, found.length]));
}
