import type { IndexPlan, SearchPlan } from '../planner/types.js';
import type { ExecutionContext } from './context.js';
import { chainsAfter, compareKeys, type IndexKey, indexKey } from './indexKey.js';
import { type Doc, readIndex } from './readIndex.js';
import { readSearch } from './readSearch.js';

/** What a page reads: rows after a position, each with its own position, and how positions compare. */
export interface PageSource {
  readonly plan: IndexPlan | SearchPlan;
  /**
   * The rows from `start` (`null`: from the first), in read order, each with
   * its position: the rows after it, preceded by the {@link skipped} rows
   * the source must read again to get there.
   */
  rows(start: IndexKey | null): AsyncIterable<readonly [Doc, IndexKey]>;
  /** How many rows at or before `start` {@link rows} reads again first (they count against the page's read limits). */
  skipped(start: IndexKey | null): number;
  /** Negative when `a` is read before `b`. */
  compare(a: IndexKey, b: IndexKey): number;
}

/** Index ranges: a position is the row's index key, and a page reads the ranges after it. */
export function indexSource(context: ExecutionContext, plan: IndexPlan): PageSource {
  return {
    plan,
    async *rows(start) {
      // After a key, each planned range is a chain of ranges read one after another, so the merge
      // reads ahead one row per planned range, as a first page does (what the page's caps allow for).
      const chains = start === null ? undefined : chainsAfter(plan, start);
      for await (const doc of readIndex(context.db, plan, chains)) yield [doc, indexKey(plan, doc)];
    },
    skipped() {
      return 0;
    },
    compare(a, b) {
      return compareKeys(plan, a, b);
    },
  };
}

/**
 * A search: results have no key to resume from, so a position is the number
 * of results read, and a later page reads the earlier ones again (they count
 * against its read limits). Convex returns at most 1,024 results, which
 * bounds that; a result whose relevance changes between pages may move
 * across the cursor.
 */
export function searchSource(context: ExecutionContext, plan: SearchPlan): PageSource {
  return {
    plan,
    async *rows() {
      let position = 0;
      for await (const doc of readSearch(context.db, plan)) yield [doc, [++position]];
    },
    skipped(start) {
      return start === null ? 0 : Number(start[0]);
    },
    compare(a, b) {
      return Number(a[0]) - Number(b[0]);
    },
  };
}
