import type { GenericDatabaseReader } from 'convex/server';
import { compareValues, type Value } from 'convex/values';
import { type AggregatePlan, describeAggregatePlan, describeBucketRead, planAggregates } from '../aggregate/plan.js';
import type { Group } from '../aggregate/read.js';
import { type AggregateSpec, parseSpec, SPEC_KEYS } from '../aggregate/spec.js';
import { type AggregateState, isServed, readState } from '../aggregate/state.js';
import { averageTotal, shapeTotals, sumTotal } from '../aggregate/totals.js';
import { OrmError } from '../errors.js';
import { ownField } from '../ownField.js';
import { describePlan } from '../planner/describe.js';
import { planQuery } from '../planner/plan.js';
import { decodeColumnValue } from '../schema/codec.js';
import { givenText } from '../schema/conforms.js';
import { columnOf, type TableConfig } from '../schema/table.js';
import { aggregateGroups, building, COUNT_SPEC, countMatching, scanRuns } from './aggregateGroups.js';
import type { QueryExecution, ReadOptions } from './execution.js';
import { explainQuery, type QueryExplain } from './explain.js';
import { nonNegativeInteger, type ParsedQuery } from './parseQuery.js';
import type { SchemaContext } from './schemaContext.js';

/** The keys `aggregate` and `groupBy` take besides the count config (`where`, `scanBudget`, `withDeleted`). */
export const AGGREGATE_KEYS: readonly string[] = SPEC_KEYS;
export { COUNT_SPEC };
export const GROUP_BY_KEYS: readonly string[] = [...SPEC_KEYS, 'by', 'orderBy', 'limit'];

function invalid(table: TableConfig, message: string): never {
  throw new OrmError('INVALID_QUERY', message, { table: table.name });
}

/** `count({ where })`: served by an aggregate index that keeps `.count()`, else the bounded scan. */
export async function runCount(execution: QueryExecution, query: ParsedQuery): Promise<number> {
  return countMatching(execution, query.table, query.filter);
}

/** `aggregate({ where, _count, _sum, _avg, _min, _max })`, its aggregates parsed (`parseSpec`). */
export async function runAggregate(execution: QueryExecution, query: ParsedQuery, spec: AggregateSpec) {
  // Nothing asked (`{}`, `_sum: {}`, `_count: false`): the result is `{}` whatever the rows, so none is read.
  if (asksNothing(spec)) return {};
  const [group] = await aggregateGroups(execution, query.table, query.filter, spec, []);
  return shapeTotals(query.table, spec, group!.totals);
}

const asksNothing = (spec: AggregateSpec): boolean =>
  !spec.count && spec.sum.length + spec.avg.length + spec.min.length + spec.max.length === 0;

/** One term of a `groupBy` `orderBy`: a `by` column (`['status']`) or a requested aggregate (`['_sum', 'views']`), and its direction. */
export interface GroupOrder {
  readonly path: readonly string[];
  readonly direction: 'asc' | 'desc';
}

function parseBy(table: TableConfig, by: unknown): string[] {
  if (!Array.isArray(by) || by.length === 0) invalid(table, 'groupBy needs "by": a non-empty array of column names.');
  for (const field of by) {
    if (typeof field !== 'string' || !columnOf(table, field)) {
      invalid(table, `groupBy "by" names "${givenText(field)}", which is not a column of table "${table.name}".`);
    }
  }
  return by as string[];
}

const direction = (table: TableConfig, value: unknown, at: string): 'asc' | 'desc' =>
  value === 'asc' || value === 'desc' ? value : invalid(table, `groupBy orderBy ${at} must be 'asc' or 'desc'.`);

/** `orderBy: { authorId: 'asc' }`, `{ _count: 'desc' }`, `{ _sum: { views: 'desc' } }`: by fields and requested aggregates only. */
function parseGroupOrder(
  table: TableConfig,
  orderBy: unknown,
  by: readonly string[],
  spec: AggregateSpec,
): GroupOrder[] {
  if (orderBy === undefined) return [];
  if (typeof orderBy !== 'object' || orderBy === null) invalid(table, 'groupBy orderBy must be an object.');
  const terms: GroupOrder[] = [];
  for (const [key, value] of Object.entries(orderBy)) {
    if (by.includes(key)) terms.push({ path: [key], direction: direction(table, value, key) });
    else if (key === '_count' && spec.count) terms.push({ path: [key], direction: direction(table, value, key) });
    else if ((SPEC_KEYS as readonly string[]).includes(key) && typeof value === 'object' && value !== null) {
      const requested = spec[key.slice(1) as 'sum' | 'avg' | 'min' | 'max'];
      for (const [field, dir] of Object.entries(value)) {
        if (!requested.includes(field))
          invalid(table, `groupBy orderBy ${key}.${field} needs ${key}: { ${field}: true }.`);
        terms.push({ path: [key, field], direction: direction(table, dir, `${key}.${field}`) });
      }
    } else invalid(table, `groupBy orderBy "${key}" must be a "by" column or a requested aggregate.`);
  }
  return terms;
}

/** The stored value a group is ordered by: its key field or its total, before decoding (a string-mode timestamp sorts by time). */
function storedValue(table: TableConfig, group: Group, by: readonly string[], [key, field]: readonly string[]): Value {
  const { totals } = group;
  if (key === '_count') return totals.count;
  if (key === '_sum') return sumTotal(table, totals, field!);
  if (key === '_avg') return averageTotal(totals, field!);
  if (key === '_min') return ownField(totals.min, field!) ?? null;
  if (key === '_max') return ownField(totals.max, field!) ?? null;
  return group.key[by.indexOf(key!)] ?? null;
}

/** A `groupBy` config without its count config: the aggregates, the `by` columns, and the order and limit of the groups. */
export interface GroupByRead {
  readonly spec: AggregateSpec;
  readonly by: readonly string[];
  readonly order: readonly GroupOrder[];
  readonly limit: number | undefined;
}

/**
 * Parses the `groupBy` keys of `config` (aggregates, `by`, `orderBy`,
 * `limit`) for the read and for its `explain()`, so both reject the same
 * configs; throws `INVALID_QUERY` naming the key at fault.
 */
export function parseGroupBy(table: TableConfig, config: Record<string, unknown>): GroupByRead {
  // The spec first: it checks that the config is an object before `by` is read from it.
  const spec = parseSpec(table, config);
  const by = parseBy(table, config.by);
  return {
    spec,
    by,
    order: parseGroupOrder(table, config.orderBy, by, spec),
    limit: nonNegativeInteger('limit', config.limit, table.name),
  };
}

/** `groupBy({ by, where, _count, _sum, ..., orderBy, limit })`, its keys parsed (`parseGroupBy`): one row per distinct `by` value. */
export async function runGroupBy(
  execution: QueryExecution,
  query: ParsedQuery,
  { spec, by, order, limit }: GroupByRead,
) {
  const { table } = query;
  // No group wanted: nothing read, as a window of no rows reads nothing elsewhere.
  if (limit === 0) return [];
  const groups = await aggregateGroups(execution, table, query.filter, spec, by);
  if (order.length > 0) {
    groups.sort((a, b) => {
      for (const { path, direction } of order) {
        const result = compareValues(storedValue(table, a, by, path), storedValue(table, b, by, path));
        if (result !== 0) return direction === 'asc' ? result : -result;
      }
      return 0;
    });
  }
  return (limit === undefined ? groups : groups.slice(0, limit)).map(({ key, totals }) => ({
    ...Object.fromEntries(by.map((field, i) => [field, decodeColumnValue(columnOf(table, field)!.definition, key[i])])),
    ...shapeTotals(table, spec, totals),
  }));
}

export const EXTREMA_FALLBACK =
  '; then _min/_max per group through the index, unless those lookups would read more than the rows the buckets count or the budget left: then the bounded scan';
/** {@link EXTREMA_FALLBACK} where strict mode refuses the scan: the lookups run unless they cannot finish. */
const EXTREMA_STRICT =
  '; then _min/_max per group through the index, unless those lookups would read more than the budget left: then FULL_SCAN_FORBIDDEN, as the scan strict refuses would read the whole table';

/**
 * How an aggregate read runs: served by the first ready aggregate index that
 * serves it (the bucket range it reads), `building` (none is backfilled yet:
 * the bounded scan described runs; names the preferred one), or the bounded
 * scan when no index serves it. Reads the indexes' state documents as the
 * read itself does: one per index tried.
 */
export async function explainAggregate(
  db: GenericDatabaseReader<any>,
  schema: SchemaContext,
  query: ParsedQuery,
  { scanBudget, strict }: Pick<ReadOptions, 'scanBudget' | 'strict'>,
  spec: AggregateSpec,
  by: readonly string[] = [],
  limit?: number,
): Promise<QueryExplain> {
  if (limit === 0) {
    return { ...describePlan({ kind: 'empty', table: query.table.name }), scanBudget, aggregate: 'none: limit 0' };
  }
  if (by.length === 0 && asksNothing(spec)) {
    return {
      ...describePlan({ kind: 'empty', table: query.table.name }),
      scanBudget,
      aggregate: 'none: no aggregate asked',
    };
  }
  const plans = planAggregates(query.table, query.filter, spec, by);
  // As the read decides it (`aggregateGroups`): whether strict refuses the scan that stands in for an index.
  const scanRefused = !scanRuns(strict, planQuery({ table: query.table, filter: query.filter }));
  if (plans.length === 0)
    return {
      ...explainQuery(schema, query, scanBudget, { db }),
      aggregate: 'none: bounded scan of the matching rows',
    };
  // As the read: the first ready index, one state read per index tried.
  let preferred: { plan: AggregatePlan; state: AggregateState | null } | undefined;
  for (const plan of plans) {
    const state = await readState(db, query.table.name, plan.aggregate);
    if (isServed(state, plan.aggregate)) {
      // Whether the extrema lookups pay is known only once the buckets are read (`readGroups`).
      const extrema = spec.min.length + spec.max.length === 0 ? '' : scanRefused ? EXTREMA_STRICT : EXTREMA_FALLBACK;
      return { ...describeBucketRead(query.table, plan), scanBudget, aggregate: describeAggregatePlan(plan) + extrema };
    }
    preferred ??= { plan, state };
  }
  const { plan, state } = preferred!;
  const meanwhile = scanRefused
    ? 'until it is ready the read is refused (FULL_SCAN_FORBIDDEN), as the scan strict refuses would read the whole table'
    : 'the bounded scan runs until it is ready';
  return {
    ...explainQuery(schema, query, scanBudget, { db }),
    aggregate: `building: ${describeAggregatePlan(plan)} is ${building(state, plan)}; ${meanwhile}`,
  };
}
