import type { Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { planSearch } from '../planner/planSearch.js';
import type { Plan } from '../planner/types.js';
import type { QueryExecution } from './execution.js';
import { readBesideLoad } from './filterBesideLoad.js';
import type { ParsedQuery } from './parseQuery.js';
import { planOrdered, runOrdered } from './selectOrdered.js';
import { shapeResult } from './shape.js';
import { type Window, windowEnd } from './window.js';

/**
 * The plan of a root query: what `explain()` shows, `paginate` and `count` run, and `findMany` runs.
 * `params`: the values a prepared query's template binds after planning (see `PlanInput.params`).
 */
export function planRoot(query: ParsedQuery, params: readonly Value[] = []): Plan {
  if (query.search) {
    const { index, query: text } = query.search;
    const limit = windowEnd(rootWindow(query));
    return planSearch({ table: query.table.name, index, query: text, filter: query.filter, limit, params });
  }
  return planOrdered(query.table, query.filter, query.orderBy, rootWindow(query), query.paged, [], params);
}

function rootWindow(query: ParsedQuery): Window {
  return { offset: query.offset, ...(query.limit === undefined ? {} : { limit: query.limit }) };
}

/**
 * Runs a root query: plan (unless a prepared query brings its own), fill
 * loop, relation loading, shaping. A chain of `.then`s, not an async
 * function: every lookup runs it (one promise less, and rows with nothing
 * to load are shaped in the same turn); a throw while planning rejects.
 */
export function runFind(execution: QueryExecution, query: ParsedQuery, plan?: Plan): Promise<unknown[]> {
  try {
    const root = plan ?? planRoot(query);
    readBesideLoad(execution, query, root);
    return runOrdered(execution, root, query.orderBy, rootWindow(query)).then((rows) =>
      shapeResult(execution, query, rows),
    );
  } catch (error) {
    return Promise.reject(error);
  }
}

const firstOrNull = (rows: readonly unknown[]): unknown => rows[0] ?? null;

/** `findFirst`: the first row of a root query, or `null`. */
export function runFirst(execution: QueryExecution, query: ParsedQuery, plan?: Plan): Promise<unknown> {
  return runFind(execution, query, plan).then(firstOrNull);
}

/** `findFirstOrThrow`: the first row of a root query; `NOT_FOUND` when there is none. */
export function runFirstOrThrow(execution: QueryExecution, query: ParsedQuery, plan?: Plan): Promise<unknown> {
  return runFind(execution, query, plan).then(([row]) => {
    if (row === undefined) {
      throw new OrmError('NOT_FOUND', `No "${query.table.name}" row matches the query.`, { table: query.table.name });
    }
    return row;
  });
}
