import type { Plan } from '../planner/types.js';
import type { QueryExecution } from './execution.js';
import type { ParsedQuery } from './parseQuery.js';
import { planOrdered, runOrdered } from './selectOrdered.js';
import { shapeRows } from './shape.js';
import type { Window } from './window.js';

/** The plan of a root query: what `explain()` shows, `paginate` and `count` run, and `findMany` runs. */
export function planRoot(query: ParsedQuery): Plan {
  return planOrdered(query.table, query.filter, query.orderBy, rootWindow(query));
}

function rootWindow(query: ParsedQuery): Window {
  return { offset: query.offset, ...(query.limit === undefined ? {} : { limit: query.limit }) };
}

/** Runs a root query: plan, fill loop, relation loading, shaping. */
export async function runFind(execution: QueryExecution, query: ParsedQuery): Promise<unknown[]> {
  const rows = await runOrdered(execution, planRoot(query), query.orderBy, rootWindow(query));
  return shapeRows(execution, query, rows);
}
