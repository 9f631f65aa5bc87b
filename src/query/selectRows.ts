import { OrmError } from '../errors.js';
import type { GetPlan, IndexPlan, Plan } from '../planner/types.js';
import { indexAdvice } from './budget.js';
import type { ExecutionContext } from './context.js';
import { type Doc, readIndex } from './readIndex.js';
import { residualTest } from './residual.js';
import { sortRows } from './sortRows.js';

/** Which rows of the plan's matches to return: `offset` skipped, at most `limit`. */
export interface Window {
  readonly limit?: number;
  readonly offset?: number;
}

/** Reads one document by id through the per-query cache, charging the budget once. */
export function getDocument(context: ExecutionContext, plan: Plan, id: string): Promise<Doc | null> {
  let pending = context.documents.get(id);
  if (!pending) {
    pending = (context.db.get(id as never) as Promise<Doc | null>).then((doc) => {
      if (doc) context.budget.spend(plan);
      return doc;
    });
    context.documents.set(id, pending);
  }
  return pending;
}

function slice<T>(rows: T[], { limit, offset = 0 }: Window): T[] {
  return rows.slice(offset, limit === undefined ? undefined : offset + limit);
}

async function selectByIds(context: ExecutionContext, plan: GetPlan, window: Window): Promise<Doc[]> {
  const passes = residualTest(context, plan.table, plan.residual);
  const ids = new Set<string>();
  for (const value of plan.ids) {
    // An id of another table or a malformed one matches nothing (it is not an error).
    const id = typeof value === 'string' ? context.db.normalizeId(plan.table, value) : null;
    if (id !== null) ids.add(id);
  }
  const rows: Doc[] = [];
  for (const id of ids) {
    const doc = await getDocument(context, plan, id);
    if (doc && (await passes(doc))) rows.push(doc);
  }
  return slice(sortRows(rows, plan.orderBy), window);
}

/** In strict mode, a plan that must look at the whole table throws `FULL_SCAN_FORBIDDEN` before any read. */
export function assertNotForbidden(context: ExecutionContext, plan: IndexPlan): void {
  if (!plan.fullScan || !context.strict) return;
  throw new OrmError(
    'FULL_SCAN_FORBIDDEN',
    `Query on "${plan.table}" would scan the whole table (no index narrows it); ${indexAdvice(plan)}, or drop strict mode.`,
    { table: plan.table, details: plan.suggestedIndex ? { suggestedIndex: [...plan.suggestedIndex] } : {} },
  );
}

/**
 * The fill loop: reads the plan's ranges in index order, charging every
 * document to the budget, and keeps the rows that pass the residual filter
 * until `offset + limit` have passed. When the index does not give the
 * order, every match is read (bounded by the budget) and sorted in memory.
 */
async function selectByIndex(context: ExecutionContext, plan: IndexPlan, window: Window): Promise<Doc[]> {
  assertNotForbidden(context, plan);
  const passes = residualTest(context, plan.table, plan.residual);
  const wanted = plan.orderServed && window.limit !== undefined ? (window.offset ?? 0) + window.limit : Infinity;
  const rows: Doc[] = [];
  if (wanted === 0) return rows;
  for await (const doc of readIndex(context.db, plan)) {
    context.budget.spend(plan);
    if (!(await passes(doc))) continue;
    rows.push(doc);
    if (rows.length >= wanted) break;
  }
  return slice(plan.orderServed ? rows : sortRows(rows, plan.orderBy), window);
}

/**
 * Executes a plan: the rows of its table that pass its whole filter, in its
 * order, windowed by `limit`/`offset`. Every read is charged to the
 * context's budget. The read path shared by queries and by update/delete.
 */
export function selectRows(context: ExecutionContext, plan: Plan, window: Window = {}): Promise<Doc[]> {
  switch (plan.kind) {
    case 'empty':
      return Promise.resolve([]);
    case 'get':
      return selectByIds(context, plan, window);
    case 'index':
      return selectByIndex(context, plan, window);
  }
}
