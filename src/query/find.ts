import { planQuery } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import type { QueryExecution } from './execution.js';
import { columnSpecs } from './orderTerms.js';
import type { ParsedQuery } from './parseQuery.js';
import { selectOrdered } from './selectOrdered.js';
import { shapeRows } from './shape.js';

/** The plan of a root query (what `explain()` shows): relation orders read every match. */
export function planRoot(query: ParsedQuery): Plan {
  const specs = columnSpecs(query.orderBy);
  const wanted = query.limit === undefined || !specs ? undefined : query.offset + query.limit;
  return planQuery({
    table: query.table,
    filter: query.filter,
    orderBy: specs ?? [],
    ...(wanted === undefined ? {} : { limit: wanted }),
  });
}

/** Runs a root query: plan, fill loop, relation loading, shaping. */
export async function runFind(execution: QueryExecution, query: ParsedQuery): Promise<unknown[]> {
  const rows = await selectOrdered(execution, query.table, query.filter, query.orderBy, {
    offset: query.offset,
    ...(query.limit === undefined ? {} : { limit: query.limit }),
  });
  return shapeRows(execution, query, rows);
}
