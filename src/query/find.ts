import { planQuery } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import type { QueryExecution } from './execution.js';
import type { ParsedQuery } from './parseQuery.js';
import { selectRows } from './selectRows.js';
import { shapeRows } from './shape.js';

/** The plan of a root query: its filter and order, wanting `offset + limit` rows. */
export function planRoot(query: ParsedQuery): Plan {
  const wanted = query.limit === undefined ? undefined : query.offset + query.limit;
  return planQuery({
    table: query.table,
    filter: query.filter,
    orderBy: query.orderBy,
    ...(wanted === undefined ? {} : { limit: wanted }),
  });
}

/** Runs a root query: plan, fill loop, relation loading, shaping. */
export async function runFind(execution: QueryExecution, query: ParsedQuery): Promise<unknown[]> {
  const rows = await selectRows(execution.context, planRoot(query), {
    offset: query.offset,
    ...(query.limit === undefined ? {} : { limit: query.limit }),
  });
  return shapeRows(execution, query, rows);
}
