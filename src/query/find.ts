import { OrmError } from '../errors.js';
import { planSearch } from '../planner/planSearch.js';
import type { Plan } from '../planner/types.js';
import type { QueryExecution } from './execution.js';
import type { ParsedQuery } from './parseQuery.js';
import { planOrdered, runOrdered } from './selectOrdered.js';
import { shapeRows } from './shape.js';
import type { Window } from './window.js';

/** The plan of a root query: what `explain()` shows, `paginate` and `count` run, and `findMany` runs. */
export function planRoot(query: ParsedQuery): Plan {
  if (query.search) {
    const { index, query: text } = query.search;
    return planSearch({ table: query.table.name, index, query: text, filter: query.filter });
  }
  return planOrdered(query.table, query.filter, query.orderBy, rootWindow(query), query.paged);
}

function rootWindow(query: ParsedQuery): Window {
  return { offset: query.offset, ...(query.limit === undefined ? {} : { limit: query.limit }) };
}

/** Runs a root query: plan (unless a prepared query brings its own), fill loop, relation loading, shaping. */
export async function runFind(
  execution: QueryExecution,
  query: ParsedQuery,
  plan: Plan = planRoot(query),
): Promise<unknown[]> {
  const rows = await runOrdered(execution, plan, query.orderBy, rootWindow(query));
  return shapeRows(execution, query, rows);
}

/** `findFirst`: the first row of a root query, or `null`. */
export async function runFirst(execution: QueryExecution, query: ParsedQuery, plan?: Plan): Promise<unknown> {
  return (await runFind(execution, query, plan))[0] ?? null;
}

/** `findFirstOrThrow`: the first row of a root query; `NOT_FOUND` when there is none. */
export async function runFirstOrThrow(execution: QueryExecution, query: ParsedQuery, plan?: Plan): Promise<unknown> {
  const [row] = await runFind(execution, query, plan);
  if (row === undefined) {
    throw new OrmError('NOT_FOUND', `No "${query.table.name}" row matches the query.`, { table: query.table.name });
  }
  return row;
}
