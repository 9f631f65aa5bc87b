import type { FilterNode } from '../filter/tree.js';
import { planQuery } from '../planner/plan.js';
import type { TableConfig } from '../schema/table.js';
import type { QueryExecution } from './execution.js';
import { columnSpecs, type OrderTerm, sortByTerms } from './orderTerms.js';
import type { Doc } from './readIndex.js';
import { selectRows, type Window } from './selectRows.js';

/**
 * Rows of `table` matching `filter` in `terms` order, windowed. Column
 * orders go through the planner (index order when it can); relation
 * orders read every match within the budget and sort in memory.
 */
export async function selectOrdered(
  execution: QueryExecution,
  table: TableConfig,
  filter: FilterNode | null,
  terms: readonly OrderTerm[],
  window: Window,
): Promise<Doc[]> {
  const specs = columnSpecs(terms);
  if (specs) {
    const wanted = window.limit === undefined ? undefined : (window.offset ?? 0) + window.limit;
    const plan = planQuery({ table, filter, orderBy: specs, ...(wanted === undefined ? {} : { limit: wanted }) });
    return selectRows(execution.context, plan, window);
  }
  const rows = await selectRows(execution.context, planQuery({ table, filter }));
  const sorted = await sortByTerms(execution, rows, terms);
  const offset = window.offset ?? 0;
  return sorted.slice(offset, window.limit === undefined ? undefined : offset + window.limit);
}
