import { compareValues, type Value } from 'convex/values';
import { keyId } from '../aggregate/buckets.js';
import { type AggregatePlan, describeAggregatePlan, planAggregates } from '../aggregate/plan.js';
import { type Group, readGroups } from '../aggregate/read.js';
import type { AggregateSpec } from '../aggregate/spec.js';
import { type AggregateState, isCurrent, isServed, readState } from '../aggregate/state.js';
import { addRowTotals, emptyTotals } from '../aggregate/totals.js';
import { OrmError } from '../errors.js';
import type { FilterNode } from '../filter/tree.js';
import { storedField } from '../ownField.js';
import { planQuery } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';
import type { ExecutionContext } from './context.js';
import type { QueryExecution } from './execution.js';
import { selectRows } from './selectRows.js';

/** The spec of `count()`. */
export const COUNT_SPEC: AggregateSpec = { count: true, sum: [], avg: [], min: [], max: [] };

function compareKeys(a: readonly Value[], b: readonly Value[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareValues(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return 0;
}

/** The state of an aggregate index, read once per query execution. */
export function aggregateState(
  context: ExecutionContext,
  table: TableConfig,
  aggregate: AggregateIndexConfig,
): Promise<AggregateState | null> {
  let state = context.aggregateStates.get(aggregate);
  if (!state) {
    state = readState(context.db, table.name, aggregate);
    context.aggregateStates.set(aggregate, state);
  }
  return state;
}

/**
 * The first of `plans` (best first) whose index is ready, with its state;
 * null when none is. Reads one state per plan, only while the ones before
 * it are not ready, so a new index still building does not take reads
 * away from a built one that also serves them.
 */
export async function readyPlan(
  context: ExecutionContext,
  table: TableConfig,
  plans: readonly AggregatePlan[],
): Promise<{ plan: AggregatePlan; state: AggregateState } | null> {
  for (const plan of plans) {
    const state = await aggregateState(context, table, plan.aggregate);
    if (isServed(state, plan.aggregate)) return { plan, state: state! };
  }
  return null;
}

/**
 * The groups of a read served by the first ready index of `plans`, or null
 * when none is ready or its `_min`/`_max` lookups do not pay (`readGroups`).
 */
export async function servedGroups(
  context: ExecutionContext,
  table: TableConfig,
  plans: readonly AggregatePlan[],
  spec: AggregateSpec,
  groupDepth: number,
  scanMayReplace: boolean,
): Promise<Group[] | null> {
  const ready = await readyPlan(context, table, plans);
  if (!ready) return null;
  return readGroups(context.db, table, ready.plan, spec, groupDepth, context.budget, ready.state, scanMayReplace);
}

/** What an aggregate index that does not serve reads yet waits for, as `explain()` and strict mode's refusal say. */
export function building(state: AggregateState | null, plan: AggregatePlan): string {
  if (state === null) return 'not backfilled yet';
  if (!isCurrent(state, plan.aggregate)) {
    return 'built for an earlier definition; run `npx convex-orm aggregate backfill` to rebuild it';
  }
  return state.status === 'clearing' ? 'being repaired' : 'being backfilled';
}

/**
 * Under `strict`, a read an aggregate index will serve, which meanwhile would scan the whole
 * table: `FULL_SCAN_FORBIDDEN` naming the index and what it waits for (the table has the index
 * the read needs; advice to add one would mislead). A ready index got here because its
 * `_min`/`_max` lookups would not fit in what the transaction has left: the error says so.
 */
export async function assertNoScanWhileBuilding(
  context: ExecutionContext,
  table: TableConfig,
  plans: readonly AggregatePlan[],
  scan: Plan,
): Promise<void> {
  if (scanRuns(context.strict, scan) || plans.length === 0) return;
  const ready = await readyPlan(context, table, plans);
  if (ready) {
    throw new OrmError(
      'FULL_SCAN_FORBIDDEN',
      `Query on "${table.name}" would scan the whole table: ${describeAggregatePlan(ready.plan)} serves it, but its _min/_max lookups (one per group and column) would read more than the transaction has left (scan budget or index ranges); narrow the where to fewer groups, or drop strict mode.`,
      { table: table.name, details: { aggregateIndex: ready.plan.aggregate.name } },
    );
  }
  const plan = plans[0]!;
  const state = await aggregateState(context, table, plan.aggregate);
  throw new OrmError(
    'FULL_SCAN_FORBIDDEN',
    `Query on "${table.name}" would scan the whole table while ${describeAggregatePlan(plan)}, which serves it, is ${building(state, plan)}; \`npx convex-orm aggregate backfill\` builds it, or drop strict mode.`,
    { table: table.name, details: { aggregateIndex: plan.aggregate.name } },
  );
}

/**
 * The groups of the rows of `table` matching `filter`, by the `by` fields:
 * from the first ready aggregate index that serves the read (buckets,
 * O(keys) reads), else from the bounded scan of the matching rows grouped
 * in memory (`FULL_SCAN_FORBIDDEN` under `strict` when no index narrows it).
 * `pinned`: the key fields of a keyed read, one per row, or the key field of a read over many
 * keys' span (see `PlanInput.pinned`).
 */
export async function aggregateGroups(
  execution: QueryExecution,
  table: TableConfig,
  filter: FilterNode | null,
  spec: AggregateSpec,
  by: readonly string[],
  pinned: readonly string[] = [],
): Promise<Group[]> {
  const { context } = execution;
  const scan = planQuery({ table, filter, pinned });
  const plans = planAggregates(table, filter, spec, by);
  const served = await servedGroups(
    context,
    table,
    plans,
    spec,
    by.length,
    readsOnlyMatches(scan) && scanRuns(context.strict, scan),
  );
  if (served) return served;
  await assertNoScanWhileBuilding(context, table, plans, scan);
  const rows = await selectRows(context, scan);
  const byKey = new Map<string, Group>();
  for (const row of rows) {
    const key = by.map((field) => (storedField(row, field) ?? null) as Value);
    const id = keyId(key);
    const group = byKey.get(id) ?? { key, totals: emptyTotals() };
    byKey.set(id, group);
    addRowTotals(group.totals, spec, row);
  }
  if (by.length === 0 && byKey.size === 0) return [{ key: [], totals: emptyTotals() }];
  return [...byKey.values()].sort((a, b) => compareKeys(a.key, b.key));
}

/** True when strict mode lets a scan plan run: it is no full scan. */
export function scanRuns(strict: boolean, plan: Plan): boolean {
  return !(strict && plan.kind === 'index' && plan.fullScan);
}

/** True when a scan plan reads exactly the rows that match (no residual filter drops any). */
export function readsOnlyMatches(plan: Plan): boolean {
  return plan.kind === 'empty' || (plan.kind !== 'get' && plan.residual === null);
}

/**
 * The number of rows of `table` matching `filter`: buckets when an aggregate
 * index serves, else the bounded scan (`pinned` as in {@link aggregateGroups}).
 */
export async function countMatching(
  execution: QueryExecution,
  table: TableConfig,
  filter: FilterNode | null,
  pinned: readonly string[] = [],
): Promise<number> {
  const [group] = await aggregateGroups(execution, table, filter, COUNT_SPEC, [], pinned);
  return group!.totals.count;
}
