import type { FilterNode } from '../filter/tree.js';
import { planQuery } from '../planner/plan.js';
import { ReadBudget } from '../query/budget.js';
import { selectRows } from '../query/selectRows.js';
import type { TableConfig } from '../schema/table.js';
import type { Doc } from './reader.js';
import type { MutationSession } from './session.js';

/**
 * The rows of `table` that an `update`/`delete`/`$count` targets: the query
 * layer's planner and fill loop (index ranges, `_id` gets, residual filter),
 * bounded by the session's scan budget and `strict` mode. At most `limit` rows.
 */
export function selectTargetRows(
  session: MutationSession,
  table: TableConfig,
  filter: FilterNode | null,
  limit: number,
): Promise<Doc[]> {
  const window = Number.isFinite(limit) ? { limit } : {};
  const plan = planQuery({ table, filter, ...window });
  const context = {
    db: session.db,
    budget: new ReadBudget(session.options.scanBudget),
    strict: session.options.strict ?? false,
    documents: new Map(),
  };
  return selectRows(context, plan, window) as Promise<Doc[]>;
}
