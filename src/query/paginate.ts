import type { PaginationOptions, PaginationResult } from 'convex/server';
import { OrmError } from '../errors.js';
import { indexAdvice } from './budget.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { QueryExecution } from './execution.js';
import { planRoot } from './find.js';
import { columnSpecs } from './orderTerms.js';
import type { ParsedQuery } from './parseQuery.js';
import { openRange } from './readIndex.js';
import { residualTest } from './residual.js';
import { assertNotForbidden } from './selectRows.js';
import { shapeRows } from './shape.js';

/**
 * The page options checked as Convex checks them, but with typed errors:
 * `numItems` a non-negative integer, `cursor` a string or null.
 */
export function parsePagination(table: string, options: unknown): PaginationOptions {
  const invalid = (problem: string) => new OrmError('INVALID_QUERY', `paginate on "${table}": ${problem}.`, { table });
  if (typeof options !== 'object' || options === null) {
    throw invalid('takes Convex pagination options { numItems, cursor }');
  }
  const { numItems, cursor } = options as Partial<PaginationOptions>;
  if (typeof numItems !== 'number' || !Number.isInteger(numItems) || numItems < 0) {
    throw invalid(`"numItems" must be a non-negative integer; got ${String(numItems)}`);
  }
  if (cursor !== null && typeof cursor !== 'string') {
    throw invalid(`"cursor" must be a string or null; got ${String(cursor)}`);
  }
  return options as PaginationOptions;
}

/**
 * The rows a page plans to read: `numItems`, and one row for an empty page,
 * so a page of 0 items plans the same read (and cursor) as the pages around it.
 */
export function pageRows(table: string, options: unknown): number {
  return Math.max(1, parsePagination(table, options).numItems);
}

/**
 * One page through Convex's own `paginate` on the planned index range, so
 * `usePaginatedQuery` works unchanged; its cursors carry Convex's own,
 * wrapped with the read they belong to (`cursor.ts`). The
 * residual filter is applied to the page read, so a page may hold fewer
 * than `numItems` rows (documented divergence); the order must come from
 * the index.
 */
export async function runPaginate(
  execution: QueryExecution,
  query: ParsedQuery,
  given: PaginationOptions,
): Promise<PaginationResult<unknown>> {
  const options = parsePagination(query.table.name, given);
  if (!columnSpecs(query.orderBy)) {
    throw new OrmError(
      'INVALID_QUERY',
      `paginate on "${query.table.name}" cannot order by relations; order by indexed columns.`,
      { table: query.table.name },
    );
  }
  const plan = planRoot(query);
  const cursor = decodeCursor(plan, options.cursor);
  // Like Convex: an empty page is not the end, and its cursor stays where it was.
  if (options.numItems === 0) return { page: [], isDone: false, continueCursor: encodeCursor(plan, cursor) };
  if (plan.kind === 'empty') return { page: [], isDone: true, continueCursor: encodeCursor(plan, cursor) };
  if (plan.kind !== 'index' || plan.ranges.length !== 1 || !plan.orderServed) {
    throw new OrmError(
      'INVALID_QUERY',
      `paginate on "${plan.table}" needs one index range that gives the order; ${plan.kind === 'index' ? indexAdvice(plan) : 'filter _id with findMany instead'}.`,
      { table: plan.table },
    );
  }
  assertNotForbidden(execution.context, plan);
  // Convex reads the whole page before the budget sees it, so an oversized page is refused up front.
  const { limit: scanBudget } = execution.context.budget;
  if (options.numItems > scanBudget) {
    throw new OrmError(
      'SCAN_BUDGET_EXCEEDED',
      `paginate on "${plan.table}" asks for pages of ${options.numItems} documents, more than the scan budget (${scanBudget}); ask for smaller pages or raise scanBudget.`,
      { table: plan.table, details: { scanBudget } },
    );
  }
  const result = await openRange(execution.context.db, plan, plan.ranges[0]!).paginate({
    ...options,
    cursor,
    ...(typeof options.endCursor === 'string' ? { endCursor: decodeCursor(plan, options.endCursor, 'endCursor') } : {}),
  });
  for (const _ of result.page) execution.context.budget.spend(plan);
  const passes = residualTest(execution.context, plan.table, plan.residual);
  const kept = [];
  for (const doc of result.page) if (await passes(doc)) kept.push(doc);
  return {
    ...result,
    page: await shapeRows(execution, query, kept),
    continueCursor: encodeCursor(plan, result.continueCursor),
    ...(typeof result.splitCursor === 'string' ? { splitCursor: encodeCursor(plan, result.splitCursor) } : {}),
  };
}
