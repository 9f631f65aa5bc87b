import { convexToJson, type Value } from 'convex/values';
import { totalOf } from '../aggregate/exactSum.js';
import { matchesFilter } from '../filter/evaluate.js';
import { extremeValue } from '../query/orderTerms.js';
import type { AggregateSpec } from './fields.js';
import type { JoinedRow } from './joinedRows.js';
import type { Grouping } from './parse.js';

/**
 * A grouped row: the values of its first row (group keys and what depends on them) plus each
 * aggregate; a key absent from that row is null, the one NULL its group stands for.
 */
export type GroupRow = Readonly<Record<string, unknown>>;

/** The memo key of a list of values (absent and null group together, as SQL NULLs do). */
export const valuesKey = (values: readonly unknown[]): string => JSON.stringify(values.map(keyValue));

/**
 * One value of a {@link valuesKey}. A bigint is written by its digits: a `bigint()` column's sum
 * DISTINCT compares may be past int64, which `convexToJson` refuses; no Convex object collides with
 * it, as a Convex field name cannot start with `$`.
 */
function keyValue(value: unknown): unknown {
  if (value === undefined) return null;
  return typeof value === 'bigint' ? { $bigint: String(value) } : convexToJson(value as Value);
}

/**
 * GROUP BY over rows already read (the fill loop's bound applies): one row
 * per distinct key, with every aggregate computed, filtered by HAVING.
 * Without key fields all rows form one group, even when there are none
 * (`count()` of nothing is 0, as in SQL).
 */
export function groupRows(
  rows: readonly JoinedRow[],
  grouping: Pick<Grouping, 'keys' | 'aggregates' | 'having'>,
): GroupRow[] {
  const groups = new Map<string, JoinedRow[]>();
  if (grouping.keys.length === 0) groups.set('', [...rows]);
  for (const row of grouping.keys.length === 0 ? [] : rows) {
    const key = valuesKey(grouping.keys.map((field) => row.flat[field]));
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const result: GroupRow[] = [];
  for (const members of groups.values()) {
    const row: Record<string, unknown> = { ...members[0]?.flat };
    // Absent and null rows share the group: its key reads null whichever came first, so groups sort as Postgres's do.
    for (const field of grouping.keys) row[field] ??= null;
    for (const aggregate of grouping.aggregates) row[aggregate.key] = aggregateValue(aggregate, members);
    if (matchesFilter(grouping.having, row)) result.push(row);
  }
  return result;
}

/** One aggregate over a group, with Postgres's null rules: nulls are skipped, no values give null (count gives 0). */
function aggregateValue({ fn, field }: AggregateSpec, rows: readonly JoinedRow[]): Value | null {
  if (field === null) return rows.length;
  let values = rows
    .map((row) => row.flat[field] as Value | undefined)
    .filter((value): value is Value => value !== undefined && value !== null);
  if (fn === 'countDistinct' || fn === 'sumDistinct' || fn === 'avgDistinct') {
    const byKey = new Map(values.map((value) => [valuesKey([value]), value]));
    values = [...byKey.values()];
  }
  switch (fn) {
    case 'count':
    case 'countDistinct':
      return values.length;
    case 'min':
    case 'max':
      return extremeValue(fn, values);
    default:
      return totalOf(fn === 'sum' || fn === 'sumDistinct' ? 'sum' : 'avg', values);
  }
}
