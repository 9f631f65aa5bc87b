import type { GenericDatabaseReader } from 'convex/server';
import { describeAggregatePlan } from '../aggregate/plan.js';
import { setOwnField } from '../ownField.js';
import { describeFilter, describePlan, type PlanDescription } from '../planner/describe.js';
import type { Plan } from '../planner/types.js';
import { EXTREMA_FALLBACK } from '../query/aggregate.js';
import { explainExists, type QueryExplain, SPAN } from '../query/explain.js';
import { planAsRead } from '../query/readIndex.js';
import type { SchemaContext } from '../query/schemaContext.js';
import { windowEnd } from '../query/window.js';
import { spansLookups } from './keyLookups.js';
import type { Grouping, ParsedSelect } from './parse.js';

/** The reads of a read's relation filters (a read rule such as `{ author: { ... } }`), per candidate row, as `findMany`'s explain shows them. */
interface RelationReads {
  readonly exists?: Readonly<Record<string, QueryExplain>>;
}

/** How one join reads: per distinct key of the rows so far, through the lookup plan (`?` is a key value of the outer row). */
export interface JoinExplain extends PlanDescription, RelationReads {
  readonly kind: 'inner' | 'left';
  readonly on: string;
  readonly load: string;
  /** ON conditions on the earlier tables alone, tested per row before its lookup (none when false). */
  readonly before?: string;
  /** ON conditions that read both sides, tested per pair. */
  readonly condition?: string;
}

/** What `select(...).explain()` returns. */
export interface SelectExplain extends PlanDescription, RelationReads {
  readonly scanBudget: number;
  readonly joins: readonly JoinExplain[];
  /** WHERE conditions tested on joined rows (left-joined or several tables). */
  readonly filter?: string;
  readonly groupBy?: readonly string[];
  readonly having?: string;
  /** How a grouped select gets its groups: the aggregate index that serves them, or `none` (the rows below are read and grouped). */
  readonly aggregate?: string;
  /** `stream` stops reading once the window is full; `memory` reads every match, then groups/sorts. */
  readonly execution: 'stream' | 'memory';
  /** Each selected `$count` by its key: the count run per result row, `?` for the row's values. */
  readonly counts?: Readonly<Record<string, SelectExplain>>;
}

/** A value a join lookup or an embedded count takes from the row (`{ param }`), known when it runs. */
const isRowValue = (value: unknown): boolean => typeof value === 'object' && value !== null && 'param' in value;

/** A described lookup with `?` for the params the row's key values are bound to. */
const unknownValues = (described: string): string => described.replace(/\{"param":\d+\}/g, '?');

/** What the relation filters left in a plan's residual read: they are tested per row the plan reads. */
const relationReads = (schema: SchemaContext, plan: Plan, db?: GenericDatabaseReader<any> | null): RelationReads =>
  plan.kind === 'empty' ? {} : explainExists(schema, schema.keyOf(plan.table), plan.residual, null, db ?? undefined);

/** What a served grouping's `min`/`max` add: lookups per group, which the rows may replace ({@link EXTREMA_FALLBACK}). */
const extrema = (grouping: Grouping): string =>
  grouping.aggregates.some(({ fn }) => fn === 'min' || fn === 'max') ? EXTREMA_FALLBACK : '';

/**
 * The plan of a select, without reading anything. With the `db` it runs on, the base read as it
 * runs there (`planAsRead`: ids of other tables are not read).
 */
export function explainSelect(
  schema: SchemaContext,
  select: ParsedSelect,
  scanBudget: number,
  db?: GenericDatabaseReader<any> | null,
): SelectExplain {
  const execution = select.streamed ? 'stream' : 'memory';
  // As runSelect: a window of no rows reads nothing, whatever the joins or grouping.
  if (windowEnd({ limit: select.limit, offset: select.offset }) === 0) {
    return { ...describePlan({ kind: 'empty', table: select.basePlan.table }), scanBudget, joins: [], execution };
  }
  // As runSelect: a select that reads every match looks up all distinct keys at once (keyLookups).
  const readsAllKeys = !select.streamed || select.limit === undefined;
  const joins = select.joins.map((join): JoinExplain => {
    const plan = describePlan(planAsRead(db, join.lookup.plan, isRowValue));
    return {
      ...plan,
      ranges: plan.ranges.map(unknownValues),
      residual: plan.residual === null ? null : unknownValues(plan.residual),
      kind: join.kind,
      on: join.keys.map(({ field, outer }) => `${join.name}.${field} = ${outer}`).join(' and '),
      // Rows sharing a key share its lookup (joinedRows' cache, keyLookups).
      load:
        plan.read === 'get'
          ? 'db.get per distinct key'
          : plan.read === 'none'
            ? 'none: ON matches no row'
            : `index range per distinct key${readsAllKeys && spansLookups(join) ? SPAN : ''}`,
      ...(join.before ? { before: describeFilter(join.before) } : {}),
      ...(join.residual ? { condition: describeFilter(join.residual) } : {}),
      ...relationReads(schema, join.lookup.plan, db),
    };
  });
  const order = select.grouping || !select.streamed ? (select.orderBy.length ? 'memory' : 'read') : undefined;
  return {
    ...describePlan(planAsRead(db, select.basePlan, isRowValue)),
    ...relationReads(schema, select.basePlan, db),
    ...(order ? { order } : {}),
    scanBudget,
    joins,
    ...(select.postFilter ? { filter: describeFilter(select.postFilter) } : {}),
    ...(select.grouping
      ? {
          groupBy: select.grouping.keys,
          ...(select.grouping.having ? { having: describeFilter(select.grouping.having) } : {}),
          aggregate: select.indexedGroups
            ? `${select.indexedGroups.plans.map(describeAggregatePlan).join(', else ')}${extrema(select.grouping)}; while building: the bounded read below`
            : 'none: the rows below are read and grouped',
        }
      : {}),
    execution,
    ...countsExplain(schema, select, scanBudget, db),
  };
}

/**
 * The selected `$count`s' plans, the row's values (`{ param }`) as `?` wherever a description
 * quotes them (ranges, residual, aggregate buckets): a param is JSON in a string, escaped once more.
 */
function countsExplain(
  schema: SchemaContext,
  select: ParsedSelect,
  scanBudget: number,
  db: GenericDatabaseReader<any> | null | undefined,
): { counts?: Record<string, SelectExplain> } {
  if (select.counts.length === 0) return {};
  const counts: Record<string, SelectExplain> = {};
  for (const { key, count } of select.counts) {
    const described = JSON.stringify(explainSelect(schema, count.trial, scanBudget, db));
    setOwnField(counts, key, JSON.parse(described.replace(/\{\\"param\\":\d+\}/g, '?')));
  }
  return { counts };
}
