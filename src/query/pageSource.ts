import type { IndexPlan, SearchPlan } from '../planner/types.js';
import type { ExecutionContext } from './context.js';
import { compareKeys, type IndexKey, indexKey, rangesAfter } from './indexKey.js';
import { type Doc, readIndex } from './readIndex.js';
import { readSearch } from './readSearch.js';

/** What a page reads: rows after a position, each with its own position, and how positions compare. */
export interface PageSource {
  readonly plan: IndexPlan | SearchPlan;
  /** The rows after `start` (`null`: from the first), in read order, each with its position. */
  rows(start: IndexKey | null): AsyncIterable<readonly [Doc, IndexKey]>;
  /** Negative when `a` is read before `b`. */
  compare(a: IndexKey, b: IndexKey): number;
}

/** Index ranges: a position is the row's index key, and a page reads the ranges after it. */
export function indexSource(context: ExecutionContext, plan: IndexPlan): PageSource {
  return {
    plan,
    async *rows(start) {
      const ranges = start === null ? plan.ranges : rangesAfter(plan, start);
      if (ranges.length === 0) return;
      for await (const doc of readIndex(context.db, { ...plan, ranges })) yield [doc, indexKey(plan, doc)];
    },
    compare(a, b) {
      return compareKeys(plan, a, b);
    },
  };
}

/**
 * A search: results have no key to resume from, so a position is the number
 * of results read, and a later page reads (and is charged for) the earlier
 * ones again. Convex returns at most 1,024 results, which bounds that; a
 * result whose relevance changes between pages may move across the cursor.
 */
export function searchSource(context: ExecutionContext, plan: SearchPlan): PageSource {
  return {
    plan,
    async *rows(start) {
      const skip = start === null ? 0 : Number(start[0]);
      let position = 0;
      for await (const doc of readSearch(context.db, plan)) {
        position++;
        if (position > skip) yield [doc, [position]];
        else context.budget.spend(plan);
      }
    },
    compare(a, b) {
      return Number(a[0]) - Number(b[0]);
    },
  };
}
