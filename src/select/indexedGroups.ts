import type { Value } from 'convex/values';
import { type AggregatePlan, planAggregates } from '../aggregate/plan.js';
import type { AggregateSpec as IndexSpec } from '../aggregate/spec.js';
import { averageTotal, sumTotal, type Totals } from '../aggregate/totals.js';
import { matchesFilter } from '../filter/evaluate.js';
import type { FilterNode } from '../filter/tree.js';
import { ownField } from '../ownField.js';
import { servedGroups } from '../query/aggregateGroups.js';
import type { ExecutionContext } from '../query/context.js';
import { columnOf, type TableConfig } from '../schema/table.js';
import { type AggregateSpec, aggregateOf, tableOf } from './fields.js';
import type { GroupRow } from './group.js';

/** GROUP BY served by an aggregate index: its key range and what the select's aggregates read from it. */
export interface IndexedGroups {
  /** The indexes that serve it, best first: the first that is ready reads the groups. */
  readonly plans: readonly AggregatePlan[];
  readonly spec: IndexSpec;
}

/** What the select's grouping needs to be planned against the aggregate indexes. */
export interface GroupingRead {
  readonly keys: readonly string[];
  readonly aggregates: readonly AggregateSpec[];
  /** Every field the selection, HAVING and ORDER BY read (aggregates included). */
  readonly referenced: readonly string[];
}

/** The column of a qualified field (`name.column`) of table `name`, or null for another table's. */
function ownColumn(name: string, field: string): string | null {
  return tableOf(field) === name ? field.slice(name.length + 1) : null;
}

/**
 * The aggregate index that serves a grouped select of one table, or null
 * (the bounded read then groups the rows). It serves when every group key
 * leads its key, the whole filter (where, read rule, `deletedAt isNull`) is
 * equality on a key prefix plus at most one range (`planAggregates` decides,
 * as for `db.query.x.count`), the select reads nothing but group keys and
 * aggregates, and each aggregate is one the index keeps: `count()`,
 * `count(c)` of a column that is never null, `sum`, `avg`, `min`, `max`.
 * DISTINCT aggregates and `count` of a nullable column need the rows.
 */
export function planIndexedGroups(
  table: TableConfig,
  name: string,
  filter: FilterNode | null,
  grouping: GroupingRead,
  params: readonly Value[] = [],
): IndexedGroups | null {
  if (table.aggregateIndexes.length === 0) return null;
  const by = grouping.keys.map((field) => ownColumn(name, field));
  if (by.some((field) => field === null)) return null;
  if (grouping.referenced.some((field) => !aggregateOf(field) && !grouping.keys.includes(field))) return null;
  const spec: { count: boolean; sum: string[]; avg: string[]; min: string[]; max: string[] } = {
    count: false,
    sum: [],
    avg: [],
    min: [],
    max: [],
  };
  for (const { fn, field } of grouping.aggregates) {
    const column = field === null ? null : ownColumn(name, field);
    if (field !== null && column === null) return null;
    if (fn === 'count' && (column === null || columnOf(table, column)?.definition.notNull)) spec.count = true;
    else if (column !== null && (fn === 'sum' || fn === 'avg' || fn === 'min' || fn === 'max')) spec[fn].push(column);
    else return null;
  }
  const plans = planAggregates(table, filter, spec, by as string[], params);
  return plans.length > 0 ? { plans, spec } : null;
}

/**
 * The groups of a served select as grouped rows (group keys and aggregates
 * under their qualified fields), HAVING applied, in key order, from the
 * first ready index of its plans; null while none is ready, or when its min/max lookups would not pay
 * (`readGroups`; `scanMayReplace`: the caller's read of the rows reads just
 * the matching ones, and may run): the caller reads the rows instead.
 */
export async function readIndexedGroups(
  context: ExecutionContext,
  table: TableConfig,
  served: IndexedGroups,
  keys: readonly string[],
  aggregates: readonly AggregateSpec[],
  having: FilterNode | null,
  scanMayReplace: boolean,
): Promise<GroupRow[] | null> {
  const groups = await servedGroups(context, table, served.plans, served.spec, keys.length, scanMayReplace);
  if (!groups) return null;
  const rows: GroupRow[] = [];
  for (const group of groups) {
    const row: Record<string, unknown> = {};
    keys.forEach((field, i) => {
      row[field] = group.key[i];
    });
    for (const aggregate of aggregates) row[aggregate.key] = totalOf(table, aggregate, group.totals);
    if (matchesFilter(having, row)) rows.push(row);
  }
  return rows;
}

/** One aggregate's value from an index group's totals, with SQL's nulls (no values: null; count: 0). */
function totalOf(table: TableConfig, { fn, field }: AggregateSpec, totals: Totals): Value | null {
  if (fn === 'count') return totals.count;
  const column = field!.slice(tableOf(field!).length + 1);
  if (fn === 'min' || fn === 'max') return ownField(totals[fn], column) ?? null;
  return fn === 'sum' ? sumTotal(table, totals, column) : averageTotal(totals, column);
}
