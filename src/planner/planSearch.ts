import { compareValues, type Value } from 'convex/values';
import { andNodes, type FilterNode } from '../filter/tree.js';
import { CONVEX_SEARCH_LIMITS } from '../limits/convexLimits.js';
import type { SearchIndexConfig } from '../schema/table.js';
import { analyzeConditions, paramEqualitiesOf } from './conditions.js';
import type { Interval, Plan } from './types.js';

/** What the planner needs to know about one search. */
export interface SearchInput {
  readonly table: string;
  readonly index: SearchIndexConfig;
  readonly query: string;
  readonly filter: FilterNode | null;
  /** The results wanted (`offset + limit`), undefined for all: 0 plans no read, as `planQuery`'s does. */
  readonly limit?: number | undefined;
  /** Values standing for ones bound after planning (a prepared query's params: `PlanInput.params`). */
  readonly params?: readonly Value[];
}

/**
 * Plans a full-text search (DESIGN.md section 14): equalities of the filter
 * on the index's filter fields, one value each (or ranges that allow one), go into `withSearchIndex`
 * (at most Convex's 8, in the index's field order); the rest of the filter
 * is residual, applied to the results in the fill loop. A filter no row
 * passes, or a window of no rows, plans no read. Pure: no reads, no context.
 */
export function planSearch({ table, index, query, filter, limit, params = [] }: SearchInput): Plan {
  const conditions = analyzeConditions(filter, params);
  if (conditions.never || limit === 0) return { kind: 'empty', table };
  const consumed = new Set<number>();
  const filters = [];
  for (const field of index.filterFields) {
    if (filters.length === CONVEX_SEARCH_LIMITS.textFilters) break;
    const equality = conditions.equalities.get(field);
    if (equality) {
      if (equality.values.length !== 1) continue;
      filters.push({ field, value: equality.values[0]! });
      for (const conjunct of equality.conjuncts) consumed.add(conjunct);
      continue;
    }
    // Ranges that allow one value together (`{ gte: 3, lte: 3 }`) are that equality.
    const range = conditions.ranges.get(field);
    const point = range && pointOf(range.intervals);
    if (point === undefined) continue;
    filters.push({ field, value: point });
    for (const conjunct of range!.exact) consumed.add(conjunct);
  }
  return {
    kind: 'search',
    table,
    index: index.name,
    searchField: index.searchField,
    query,
    filters,
    residual: andNodes(conditions.conjuncts.filter((_, i) => !consumed.has(i))),
    ...paramEqualitiesOf(conditions),
  };
}

/**
 * The one value `intervals` allow (`[3, 3]`), else undefined. Not null: Convex's search filter
 * equality on null also takes documents without the field, which no comparison does.
 */
function pointOf(intervals: readonly Interval[]): Value | undefined {
  if (intervals.length !== 1) return undefined;
  const [{ lower, upper }] = intervals as [Interval];
  if (!lower?.inclusive || !upper?.inclusive || lower.value === null) return undefined;
  return compareValues(lower.value, upper.value) === 0 ? lower.value : undefined;
}
