import { convexToJson, type Value } from 'convex/values';
import type { FilterNode } from '../filter/tree.js';
import { meterOf } from '../limits/meteredDb.js';
import { planQuery } from '../planner/plan.js';
import type { AnyRelation } from '../relations/relation.js';
import type { QueryExecution } from './execution.js';
import { spannable } from './loadRelated.js';
import type { Doc } from './readIndex.js';
import { existsSelection, joinedFilter, parentKey, rangesPerKey, rowsForKey } from './relatedRows.js';
import { cached, type RelatedSelection } from './selection.js';
import { selectRows } from './selectRows.js';

const keyOf = (value: Value) => JSON.stringify(convexToJson(value));

/** One relation filter in one execution: the rows it probed, and the keys with related rows once read at once. */
interface ExistsState {
  /** Index ranges the per-row reads opened so far. */
  probes: number;
  /** Index ranges one row's read opens (its plan's: an `in` list in the nested where has several). */
  readonly rangesPerKey: number;
  keys?: Promise<Set<string>>;
}
const states = new WeakMap<QueryExecution, Map<RelatedSelection, Map<AnyRelation, ExistsState>>>();

function stateOf(execution: QueryExecution, relation: AnyRelation, selection: RelatedSelection): ExistsState {
  const bySelection = cached(states, execution, () => new Map<RelatedSelection, Map<AnyRelation, ExistsState>>());
  const byRelation = cached(bySelection, selection, () => new Map<AnyRelation, ExistsState>());
  return cached(byRelation, relation, () => ({
    probes: 0,
    rangesPerKey: rangesPerKey(execution, relation, selection),
  }));
}

/**
 * A relation filter for one row: does a related row exist that matches
 * `filter`? One index range per row, stopping at the first match; once a
 * filter of a single-column join has probed more rows than half the ranges
 * the transaction has left, the keys that have a matching related row are
 * read at once (one range over the target's join index, bounded by the scan
 * budget) and later rows are answered from them.
 */
export function relationExists(
  execution: QueryExecution,
  relation: AnyRelation,
  parent: Doc,
  filter: FilterNode | null,
): Promise<boolean> {
  const selection = existsSelection(filter);
  const values = parentKey(relation, parent);
  if (!values) return Promise.resolve(false);
  const state = stateOf(execution, relation, selection);
  if (!state.keys && spannable(relation)) {
    const left = meterOf(execution.context.db)?.rangesLeft() ?? Number.POSITIVE_INFINITY;
    state.probes += state.rangesPerKey;
    if (state.probes > left / 2) state.keys = keysWithRows(execution, relation, selection);
  }
  // Not an async function: this runs once per row the filter tests.
  if (state.keys) return state.keys.then((keys) => keys.has(keyOf(values[0]!)));
  return rowsForKey(execution, relation, values, selection).then((rows) => rows.length > 0);
}

/** The join keys of every target row matching the selection's filter, read as one index range. */
async function keysWithRows(
  execution: QueryExecution,
  relation: AnyRelation,
  selection: RelatedSelection,
): Promise<Set<string>> {
  const field = relation.targetColumns[0]!;
  const table = execution.schema.table(relation.targetTable);
  const present: FilterNode = { kind: 'isNull', field, negated: true };
  const plan = planQuery({ table, filter: joinedFilter(relation, [present], selection) });
  const rows = await selectRows(execution.context, plan);
  return new Set(rows.map((row) => keyOf(row[field] as Value)));
}
