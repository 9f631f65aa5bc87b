import { compareValues, convexToJson, type Value } from 'convex/values';
import type { FilterNode } from '../filter/tree.js';
import { storedField } from '../ownField.js';
import { planQuery } from '../planner/plan.js';
import type { TableConfig } from '../schema/table.js';
import type { ExecutionContext } from './context.js';
import type { Doc } from './readIndex.js';
import { selectRows } from './selectRows.js';

/** A map key for a relation key's values: one string per key. */
export const keyOf = (values: readonly Value[]): string => JSON.stringify(convexToJson(values as Value[]));

/** The conditions of one read over the span of `keys` in `field`: from the smallest key to the largest. */
export function spanOf(field: string, keys: readonly Value[]): FilterNode[] {
  // One pass for the ends (a span's keys are never null): thousands of keys are not sorted for two.
  let low = keys[0]!;
  let high = low;
  for (const key of keys) {
    if (compareValues(key, low) < 0) low = key!;
    else if (compareValues(key, high) > 0) high = key!;
  }
  return [
    { kind: 'compare', field, op: 'gte', value: low },
    { kind: 'compare', field, op: 'lte', value: high },
  ];
}

/**
 * The rows of `table` passing `filter` (built around the span of `keys` in
 * `field`), read as one index range and grouped by their `field` value
 * ({@link keyOf} of it), rows of keys between those asked for left out.
 * The span comes in its own index order: each group is put in `readOrder`
 * (the order one key's own read gives) when there is one.
 */
export async function spanGroups(
  context: ExecutionContext,
  table: TableConfig,
  field: string,
  keys: readonly Value[],
  filter: (span: readonly FilterNode[]) => FilterNode | null,
  readOrder: ((a: Doc, b: Doc) => number) | null,
): Promise<Map<string, Doc[]>> {
  // Pinned: an equality of the filter on another indexed field would otherwise beat the span's range.
  const plan = planQuery({ table, filter: filter(spanOf(field, keys)), orderBy: [], pinned: [field] });
  const wanted = new Set(keys.map((key) => keyOf([key])));
  const groups = new Map<string, Doc[]>();
  for (const row of await selectRows(context, plan)) {
    const key = keyOf([storedField(row, field) as Value]);
    if (!wanted.has(key)) continue;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  if (readOrder) for (const group of groups.values()) group.sort(readOrder);
  return groups;
}
