import { compareValues, convexToJson, type Value } from 'convex/values';
import type { FilterNode } from '../filter/tree.js';
import { spanPays } from '../limits/meteredDb.js';
import { planQuery } from '../planner/plan.js';
import { type AnyRelation, readsById } from '../relations/relation.js';
import type { QueryExecution } from './execution.js';
import { mapBounded } from './mapBounded.js';
import { sortByTerms } from './orderTerms.js';
import type { ParsedQuery } from './parseQuery.js';
import type { Doc } from './readIndex.js';
import { joinedFilter, keyReadOrder, parentKey, rangesPerKey, readsNothing, rowsForKey } from './relatedRows.js';
import type { RelatedSelection } from './selection.js';
import { selectRows } from './selectRows.js';

const keyOf = (values: readonly Value[]) => JSON.stringify(convexToJson(values as Value[]));

/**
 * The related rows of every parent, in parent order: none, without a read,
 * when the relation {@link readsNothing}. Parents sharing a key
 * share one read: one index range per distinct key. When the distinct keys
 * outnumber half the index ranges the transaction has left (Convex allows
 * 4,096), a single-column join reads one range over the keys' span instead
 * and groups it by key in memory: one range, bounded by the scan budget.
 */
export async function loadRelated(
  execution: QueryExecution,
  relation: AnyRelation,
  parents: readonly Doc[],
  selection: RelatedSelection,
): Promise<Doc[][]> {
  // Decided before span or per-key reads: a span would read every related row only to keep none.
  if (readsNothing(execution, relation, selection)) return parents.map(() => []);
  const parentKeys = parents.map((parent) => parentKey(relation, parent));
  const distinct = new Map<string, Value[]>();
  for (const values of parentKeys) if (values) distinct.set(keyOf(values), values);
  const keys = [...distinct.keys()];
  const rows = spanFits(execution, relation, distinct.size, selection)
    ? await spanRows(
        execution,
        relation,
        [...distinct.values()].map((values) => values[0]!),
        selection,
      )
    : new Map(
        (await mapBounded(keys, (key) => rowsForKey(execution, relation, distinct.get(key)!, selection))).map(
          (found, i) => [keys[i]!, found],
        ),
      );
  return parentKeys.map((values) => (values ? (rows.get(keyOf(values)) ?? []) : []));
}

/**
 * True when loading the `with` relations of `keyCount` rows of `query` would
 * read some relation as one span over their keys ({@link spanFits}, taking
 * each row for a distinct key): what a page weighs before shaping its rows
 * in several batches, whose spans would overlap.
 */
export function readsSpan(execution: QueryExecution, query: ParsedQuery, keyCount: number): boolean {
  return query.with.some(({ relation, query: nested }) => spanFits(execution, relation, keyCount, nested));
}

/** True when a span read replaces per-key reads: a single-column direct join with more keys than half the ranges left. */
function spanFits(
  execution: QueryExecution,
  relation: AnyRelation,
  keyCount: number,
  selection: RelatedSelection,
): boolean {
  return (
    spannable(relation) &&
    keyCount >= 2 &&
    spanPays(execution.context.db, keyCount * rangesPerKey(execution, relation, selection))
  );
}

/**
 * True when a relation's targets can be read as one range over the span of
 * the parents' keys: a direct join on one column. Not by `_id`: those are
 * `db.get`s, and a span of ids would scan the whole table.
 */
export function spannable(relation: AnyRelation): boolean {
  return !relation.through && relation.targetColumns.length === 1 && !readsById(relation);
}

/**
 * The related rows of every key, read as one index range from the smallest
 * key to the largest, grouped by key, each group in the order and window
 * its per-key read would give (ties on the nested order included).
 */
async function spanRows(
  execution: QueryExecution,
  relation: AnyRelation,
  keys: readonly Value[],
  selection: RelatedSelection,
): Promise<Map<string, Doc[]>> {
  const sorted = [...keys].sort(compareValues);
  const field = relation.targetColumns[0]!;
  const span: FilterNode[] = [
    { kind: 'compare', field, op: 'gte', value: sorted[0]! },
    { kind: 'compare', field, op: 'lte', value: sorted[sorted.length - 1]! },
  ];
  const table = execution.schema.table(relation.targetTable);
  const plan = planQuery({ table, filter: joinedFilter(relation, span, selection), orderBy: [] });
  const wanted = new Set(keys.map((key) => keyOf([key])));
  const groups = new Map<string, Doc[]>();
  for (const row of await selectRows(execution.context, plan)) {
    const key = keyOf([row[field] as Value]);
    if (!wanted.has(key)) continue;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const { offset, limit } = selection;
  // The span is read in its own index order: each key's rows are put in the order of its per-key read first.
  const readOrder = keyReadOrder(execution, relation, selection);
  for (const [key, group] of groups) {
    if (readOrder) group.sort(readOrder);
    const ordered = await sortByTerms(execution, group, selection.orderBy);
    groups.set(key, ordered.slice(offset, limit === undefined ? undefined : offset + limit));
  }
  return groups;
}
