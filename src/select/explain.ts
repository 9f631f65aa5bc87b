import { describeAggregatePlan } from '../aggregate/plan.js';
import { describeFilter, describePlan, type PlanDescription } from '../planner/describe.js';
import { SPAN } from '../query/explain.js';
import { spansLookups } from './keyLookups.js';
import type { ParsedSelect } from './parse.js';

/** How one join reads: per row so far, through the lookup plan (`?` is a key value of the outer row). */
export interface JoinExplain extends PlanDescription {
  readonly kind: 'inner' | 'left';
  readonly on: string;
  readonly load: string;
  /** ON conditions on the earlier tables alone, tested per row before its lookup (none when false). */
  readonly before?: string;
  /** ON conditions that read both sides, tested per pair. */
  readonly condition?: string;
}

/** What `select(...).explain()` returns. */
export interface SelectExplain extends PlanDescription {
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
}

/** A described lookup with `?` for the params the row's key values are bound to. */
const unknownValues = (described: string): string => described.replace(/\{"param":\d+\}/g, '?');

/** The plan of a select, without reading anything. */
export function explainSelect(select: ParsedSelect, scanBudget: number): SelectExplain {
  // As runSelect: a select that reads every match looks up all distinct keys at once (keyLookups).
  const readsAllKeys = !select.streamed || select.limit === undefined;
  const joins = select.joins.map((join): JoinExplain => {
    const plan = describePlan(join.lookup.plan);
    return {
      ...plan,
      ranges: plan.ranges.map(unknownValues),
      residual: plan.residual === null ? null : unknownValues(plan.residual),
      kind: join.kind,
      on: join.keys.map(({ field, outer }) => `${join.name}.${field} = ${outer}`).join(' and '),
      load:
        plan.read === 'get'
          ? 'db.get per row'
          : plan.read === 'none'
            ? 'none: ON matches no row'
            : `index range per row${readsAllKeys && spansLookups(join) ? SPAN : ''}`,
      ...(join.before ? { before: describeFilter(join.before) } : {}),
      ...(join.residual ? { condition: describeFilter(join.residual) } : {}),
    };
  });
  const order = select.grouping || !select.streamed ? (select.orderBy.length ? 'memory' : 'read') : undefined;
  return {
    ...describePlan(select.basePlan),
    ...(order ? { order } : {}),
    scanBudget,
    joins,
    ...(select.postFilter ? { filter: describeFilter(select.postFilter) } : {}),
    ...(select.grouping
      ? {
          groupBy: select.grouping.keys,
          ...(select.grouping.having ? { having: describeFilter(select.grouping.having) } : {}),
          aggregate: select.indexedGroups
            ? `${select.indexedGroups.plans.map(describeAggregatePlan).join(', else ')}; while building: the bounded read below`
            : 'none: the rows below are read and grouped',
        }
      : {}),
    execution: select.streamed ? 'stream' : 'memory',
  };
}
