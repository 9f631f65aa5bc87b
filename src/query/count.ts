import { planQuery } from '../planner/plan.js';
import type { QueryExecution } from './execution.js';
import type { ParsedQuery } from './parseQuery.js';
import { selectRows } from './selectRows.js';

/** Counts the rows matching the query's filter: the fill loop without a limit, within the budget. */
export async function countRows(execution: QueryExecution, query: ParsedQuery): Promise<number> {
  const plan = planQuery({ table: query.table, filter: query.filter });
  return (await selectRows(execution.context, plan)).length;
}
