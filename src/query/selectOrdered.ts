import type { Value } from 'convex/values';
import type { FilterNode } from '../filter/tree.js';
import { planQuery } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import type { TableConfig } from '../schema/table.js';
import type { QueryExecution } from './execution.js';
import { columnSpecs, type OrderTerm, sortByTerms } from './orderTerms.js';
import type { Doc } from './readIndex.js';
import { selectRows } from './selectRows.js';
import { type Window, windowEnd, windowRows } from './window.js';

/**
 * The plan of rows of `table` matching `filter` in `terms` order (what {@link runOrdered} runs and `explain()` shows): column orders go
 * to the planner with `offset + limit` as the rows wanted; relation orders
 * read every match (no order, no limit) to sort in memory. `pinned`: the
 * key fields of a keyed read (see `PlanInput.pinned`); `params`: values
 * bound after planning (see `PlanInput.params`).
 */
export function planOrdered(
  table: TableConfig,
  filter: FilterNode | null,
  terms: readonly OrderTerm[],
  window: Window,
  inIndexOrder = false,
  pinned: readonly string[] = [],
  params: readonly Value[] = [],
): Plan {
  const specs = columnSpecs(terms);
  const end = windowEnd(window);
  // A window of no rows plans no read, whatever the order.
  const wanted = specs || end === 0 ? end : undefined;
  return planQuery({
    table,
    filter,
    orderBy: specs ?? [],
    ...(wanted === undefined ? {} : { limit: wanted }),
    ...(inIndexOrder ? { inIndexOrder } : {}),
    pinned,
    params,
  });
}

/**
 * Runs a plan of {@link planOrdered}: rows in `terms` order, windowed.
 * Column orders come from the plan (index order, or its in-memory sort);
 * relation orders read every match within the budget and sort in memory.
 */
export function runOrdered(
  execution: QueryExecution,
  plan: Plan,
  terms: readonly OrderTerm[],
  window: Window,
): Promise<Doc[]> {
  if (columnSpecs(terms)) return selectRows(execution.context, plan, window);
  return selectRows(execution.context, plan)
    .then((rows) => sortByTerms(execution, rows, terms))
    .then((sorted) => windowRows(sorted, window));
}
