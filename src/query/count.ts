import type { Plan } from '../planner/types.js';
import type { QueryExecution } from './execution.js';
import { planRoot } from './find.js';
import type { ParsedQuery } from './parseQuery.js';
import { selectRows } from './selectRows.js';

/** Counts the rows matching the query's filter: the fill loop without a limit, within the budget. */
export async function countRows(
  execution: QueryExecution,
  query: ParsedQuery,
  plan: Plan = planRoot(query),
): Promise<number> {
  return (await selectRows(execution.context, plan)).length;
}
