import { andNodes, type FilterNode } from '../filter/tree.js';
import type { TableConfig } from '../schema/table.js';
import { narrowsPastLiveRows } from './chooseIndex.js';
import { type Conditions, paramEqualitiesOf } from './conditions.js';
import type { IndexChoice } from './evaluateIndex.js';
import { ordersByCreationTime, suggestIndex } from './suggestIndex.js';
import type { IndexPlan, OrderSpec, RangeOverflow, UnionPlan } from './types.js';

/** The conjuncts the read does not serve by itself, ANDed: what it filters rows by. */
export function residualWithout(conditions: Conditions, consumed: ReadonlySet<number>): FilterNode | null {
  return andNodes(conditions.conjuncts.filter((_, i) => !consumed.has(i)));
}

/**
 * True when an index of the table starts with `fields` (with `exactly`, has just them): an index
 * the table has is no advice (it was not chosen for a reason `explain()` gives, such as a list too
 * long for it: the plan's `rangeOverflow`). An order that goes on to `_creationTime` needs the
 * index to end there: `(priority, due)` orders `priority, _creationTime` by `due` first.
 */
function hasIndex(table: TableConfig, fields: readonly string[], exactly: boolean): boolean {
  return table.indexes.some(
    (index) =>
      (!exactly || index.fields.length === fields.length) && fields.every((field, i) => index.fields[i] === field),
  );
}

/** What an index read is planned from: the index chosen for the conditions, and the read's order and size. */
export interface IndexRead {
  readonly table: TableConfig;
  readonly conditions: Conditions;
  readonly choice: IndexChoice;
  readonly overflow: RangeOverflow | null;
  readonly orderBy: readonly OrderSpec[];
  /** The number of rows wanted; `undefined` reads every match. */
  readonly limit: number | undefined;
}

/** The plan reading `choice`'s ranges, with what they leave of the conditions as its residual. */
export function indexPlan({ table, conditions, choice, overflow, orderBy, limit }: IndexRead): IndexPlan {
  const residual = residualWithout(conditions, choice.consumed);
  const fullScan =
    !narrowsPastLiveRows(choice, table) && (residual !== null || !choice.orderServed || limit === undefined);
  const suggestion = residual !== null || !choice.orderServed || fullScan ? suggestIndex(conditions, orderBy) : null;
  return {
    kind: 'index',
    table: table.name,
    index: choice.index,
    keyFields: choice.keyFields,
    ranges: choice.ranges,
    prefixLength: choice.prefixLength,
    order: choice.order,
    orderBy,
    orderServed: choice.orderServed,
    sortKey: choice.sortKey,
    residual,
    fullScan,
    suggestedIndex: suggestion && !hasIndex(table, suggestion, ordersByCreationTime(orderBy)) ? suggestion : null,
    rangeOverflow: overflow,
    ...paramEqualitiesOf(conditions),
  };
}

/** The index ranges a read opens at first: an index read's, or every branch's of a union. */
export function plannedRanges(plan: IndexPlan | UnionPlan): number {
  if (plan.kind === 'index') return plan.ranges.length;
  return plan.branches.reduce((sum, branch) => sum + branch.ranges.length, 0);
}
