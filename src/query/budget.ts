import { OrmError } from '../errors.js';
import { isRuleNode } from '../filter/ruleNodes.js';
import { conjunctsOf, type FilterNode, filterFields } from '../filter/tree.js';
import { analyzeConditions } from '../planner/conditions.js';
import { describeOverflow } from '../planner/describe.js';
import type { Plan } from '../planner/types.js';
import type { RowTest } from './filterRows.js';
import type { Doc } from './readIndex.js';

/**
 * Documents one query may read, relations included, unless `createOrm({
 * scanBudget })` or the call says otherwise. Convex itself stops a
 * transaction at 32,000 scanned documents. The single source of this default.
 */
export const DEFAULT_SCAN_BUDGET = 10_000;

/**
 * Counts the documents a query reads and stops it when the budget runs out.
 * Reads that run at once (relation loads run in parallel) each hold one
 * document of what is left from before they start until they settle
 * ({@link reserve}), so together they never read past the budget.
 */
export class ReadBudget {
  private used = 0;
  /** Rows merges have read and not yet handed over ({@link readAhead}): read, so counted. */
  private ahead = 0;
  /** Reads {@link reserve} let start that have not settled: each holds one document of what is left. */
  private reserved = 0;
  /** Reads held back until one in flight settles; made on the first (most queries hold none back). */
  private waiting: (() => void)[] | undefined;

  constructor(readonly limit: number = DEFAULT_SCAN_BUDGET) {}

  /** Documents the query may still read. */
  left(): number {
    return this.limit - this.used - this.ahead;
  }

  /**
   * Lets one document read start. True when it may start now: it then holds
   * one document of what is left until {@link settle}. A promise of when to
   * ask again while the reads in flight hold all that is left. False once a
   * read has passed the budget (the caller throws its typed error): the reads
   * held back then fail without reading. With nothing in flight a read starts
   * even when nothing is left, as the last read of a query that fits finds no
   * document (its range ends); a document it does find is the one past the
   * budget, and throws. Synchronous when there is room, as it runs per document.
   */
  reserve(): boolean | Promise<void> {
    if (this.used + this.ahead > this.limit) {
      // This read does not start, so nothing will settle for the next one held back: it asks now.
      this.wake();
      return false;
    }
    if (this.reserved > 0 && this.used + this.ahead + this.reserved >= this.limit) {
      this.waiting ??= [];
      const { waiting } = this;
      return new Promise<void>((resolve) => waiting.push(resolve));
    }
    this.reserved++;
    return true;
  }

  /**
   * Ends a read {@link reserve} let start (also one that failed): the
   * document it `found`, if any, is counted, and the first read held back
   * asks again (one read ended, so one may start). False when that document
   * is past the limit (the caller throws).
   */
  settle(found: boolean): boolean {
    this.reserved--;
    const within = !found || this.take();
    this.wake();
    return within;
  }

  /**
   * Records one document read for `plan` by a read with nothing else in
   * flight, which needs no reservation (a page's own rows, read one after
   * another); throws `SCAN_BUDGET_EXCEEDED` past the limit.
   */
  spend(plan: Plan): void {
    if (!this.take()) throw this.exceeded(plan);
  }

  /**
   * A row a merge of `plan`'s ranges read ahead of what it hands over (the head of a range): counted
   * until {@link handedOver}, when its consumer counts it. Throws `SCAN_BUDGET_EXCEEDED` when it is
   * one past the limit, as a read that finds the budget spent does.
   */
  readAhead(plan: Plan): void {
    if (++this.ahead + this.used > this.limit) throw this.exceeded(plan);
  }

  /** A row read ahead is handed over: its consumer counts it now ({@link spend}, {@link settle}). */
  handedOver(): void {
    this.ahead--;
  }

  /** The `SCAN_BUDGET_EXCEEDED` a read of `plan` past the limit throws. */
  exceeded(plan: Plan): OrmError {
    return new OrmError('SCAN_BUDGET_EXCEEDED', budgetMessage(plan, this.limit), {
      table: plan.table,
      details: { budget: 'scanBudget', limit: this.limit, scanBudget: this.limit, ...suggestion(plan) },
    });
  }

  /**
   * Hands the turn of a read woken from {@link reserve}'s wait that starts none (its document was
   * read meanwhile) to the next read held back, as a read that settles would.
   */
  pass(): void {
    this.wake();
  }

  /** Records one document read; false once the query is past its limit. */
  private take(): boolean {
    return ++this.used + this.ahead <= this.limit;
  }

  private wake(): void {
    this.waiting?.shift()?.();
  }
}

/**
 * Reads `docs` in order, handing each document `test` passes to `take` until
 * `take` returns false or the read ends, closes `docs` when it stops early
 * (as a `for await` does), and resolves to `done()`. With `exceeded`, each
 * document's read is reserved on `budget` before it starts
 * ({@link ReadBudget.reserve}), and past the budget the read throws
 * `exceeded()`; without it, `docs` reserves its own reads (reads by id). A
 * loop rather than an iterator: no promise per document on top of the read's
 * own (and an asynchronous test's); `done` spares the caller a promise of
 * its own after the loop, as this runs per relation key.
 */
export async function readEach<R>(
  budget: ReadBudget,
  docs: AsyncIterable<Doc>,
  exceeded: (() => Error) | null,
  test: RowTest<Doc>,
  take: (doc: Doc) => boolean,
  done: () => R,
): Promise<R> {
  const iterator = docs[Symbol.asyncIterator]();
  // Whether the read ended (or failed): then there is nothing to close.
  let ended = false;
  try {
    for (;;) {
      if (exceeded) {
        const room = budget.reserve();
        if (room === false) throw exceeded();
        if (room !== true) {
          await room;
          continue;
        }
      }
      let next: IteratorResult<Doc>;
      try {
        next = await iterator.next();
      } catch (error) {
        ended = true;
        if (exceeded) budget.settle(false);
        throw error;
      }
      if (exceeded && !budget.settle(next.done !== true)) throw exceeded();
      if (next.done) {
        ended = true;
        break;
      }
      const passed = test(next.value);
      if ((passed === true || (passed !== false && (await passed))) && !take(next.value)) break;
    }
  } finally {
    if (!ended) await iterator.return?.();
  }
  return done();
}

function suggestion(plan: Plan): { suggestedIndex?: string[] } {
  return plan.kind === 'index' && plan.suggestedIndex ? { suggestedIndex: [...plan.suggestedIndex] } : {};
}

const NARROW = 'narrow the filter with an indexed field';
const SEARCH_NARROW =
  "narrow the search with equalities on its index's filter fields, more specific text or a smaller limit";

/**
 * "add index on posts(authorId, title)" when the plan knows one that helps;
 * why the index it has went unused when a list was too long for it; that an
 * `OR` across different fields left to the residual is read through no index;
 * for a search, what narrows a search.
 */
export function indexAdvice(plan: Plan): string {
  // An index on a residual field does nothing for a search: it reads its search index alone.
  if (plan.kind === 'search') return SEARCH_NARROW;
  if (plan.kind !== 'index') return NARROW;
  if (plan.rangeOverflow) return `${describeOverflow(plan.rangeOverflow)}: pass fewer values per call`;
  const fields = plan.suggestedIndex;
  if (fields) return `add index on ${plan.table}(${fields.join(', ')})`;
  if (plan.broadOr) {
    return 'an OR across fields whose branches each pin only a boolean or an enum is read through one index, not a union of theirs (their rows may be most of the table, read once per branch): narrow the query beside the OR with an indexed field, or run one query per branch and merge the rows';
  }
  const across = orAcrossFields(plan.residual);
  return across
    ? `an OR across different fields (${across.join(', ')}) is read through indexes only when an index starts with an equality of each of its branches (on a page, one that also gives its order): add the missing index, or run one query per branch (each reads its own index) and merge the rows, or put the OR on one indexed field`
    : NARROW;
}

/**
 * The fields of the first `OR` of the query's own (a rule's the caller can neither see nor split)
 * the residual ANDs in that reads several: one index reads an `OR` only when its branches are
 * equalities and ranges on one field, and a union of indexes (src/planner/union.ts) only when an equality pins
 * every branch (on a page, through an index giving its order), so such an `OR` is tested on every
 * row the read yields. Not an `OR` a branch of which pins no field (`a <> 1 OR b <> 2`, a `NOT` of
 * an AND pushed down): no index can serve it, whatever the advice.
 */
function orAcrossFields(residual: FilterNode | null): string[] | null {
  for (const node of conjunctsOf(residual)) {
    if (node.kind !== 'or' || isRuleNode(node)) continue;
    const fields = filterFields(node);
    if (fields.size > 1 && node.children.every(pinsEquality)) return [...fields];
  }
  return null;
}

/** True when the branch pins a field to values (an equality an index may start with). */
const pinsEquality = (branch: FilterNode): boolean => analyzeConditions(branch).equalities.size > 0;

function budgetMessage(plan: Plan, limit: number): string {
  return `Query on "${plan.table}" read more than ${limit} documents (the scan budget)${readThrough(plan)} without finishing; ${indexAdvice(plan)}, or raise scanBudget.`;
}

/** ` through index "by_x"` (a union: each branch's; a search: its search index), or nothing for reads by id. */
function readThrough(plan: Plan): string {
  if (plan.kind === 'index') return ` through index "${plan.index}"`;
  if (plan.kind === 'search') return ` through search index "${plan.index}"`;
  if (plan.kind !== 'union') return '';
  return ` through indexes ${plan.branches.map((branch) => `"${branch.index}"`).join(', ')}`;
}
