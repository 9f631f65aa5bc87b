import { OrmError } from '../errors.js';
import { describeOverflow } from '../planner/describe.js';
import type { Plan } from '../planner/types.js';

/**
 * Documents one query may read, relations included, unless `createOrm({
 * scanBudget })` or the call says otherwise. Convex itself stops a
 * transaction at 32,000 scanned documents. The single source of this default.
 */
export const DEFAULT_SCAN_BUDGET = 10_000;

/** Counts the documents a query reads and stops it when the budget runs out. */
export class ReadBudget {
  private used = 0;

  constructor(readonly limit: number = DEFAULT_SCAN_BUDGET) {}

  /** Records one document read; false once the query is past its limit (the caller throws). */
  take(): boolean {
    return ++this.used <= this.limit;
  }

  /** Documents the query may still read. */
  left(): number {
    return this.limit - this.used;
  }

  /** Records one document read for `plan`; throws `SCAN_BUDGET_EXCEEDED` past the limit. */
  spend(plan: Plan): void {
    if (this.take()) return;
    throw new OrmError('SCAN_BUDGET_EXCEEDED', budgetMessage(plan, this.limit), {
      table: plan.table,
      details: { scanBudget: this.limit, ...suggestion(plan) },
    });
  }
}

function suggestion(plan: Plan): { suggestedIndex?: string[] } {
  return plan.kind === 'index' && plan.suggestedIndex ? { suggestedIndex: [...plan.suggestedIndex] } : {};
}

/**
 * "add index on posts(authorId, title)" when the plan knows one that helps;
 * why the index it has went unused when a list was too long for it.
 */
export function indexAdvice(plan: Plan): string {
  if (plan.kind !== 'index') return 'narrow the filter with an indexed field';
  if (plan.rangeOverflow) return `${describeOverflow(plan.rangeOverflow)}: pass fewer values per call`;
  const fields = plan.suggestedIndex;
  return fields ? `add index on ${plan.table}(${fields.join(', ')})` : 'narrow the filter with an indexed field';
}

function budgetMessage(plan: Plan, limit: number): string {
  const via = plan.kind === 'index' ? ` through index "${plan.index}"` : '';
  return `Query on "${plan.table}" read more than ${limit} documents (the scan budget)${via} without finishing; ${indexAdvice(plan)}, or raise scanBudget.`;
}
