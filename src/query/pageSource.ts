import type { IndexPlan, IndexRange, SearchPlan, UnionPlan } from '../planner/types.js';
import type { ExecutionContext } from './context.js';
import { chainsAfter, chainsUpTo, type IndexKey, indexKey } from './indexKey.js';
import { type Doc, type RangeChain, readIndex, readUnion } from './readIndex.js';
import { readSearch } from './readSearch.js';

/** What a page reads: the rows between two positions, each with its own position. */
export interface PageSource {
  readonly plan: IndexPlan | SearchPlan | UnionPlan;
  /**
   * The rows after `start` (`null`: from the first) up to `end`, itself
   * included (`undefined`: to the last), in read order, each with its
   * position: preceded by the {@link skipped} rows the source must read
   * again to get there, and followed by none past `end`.
   */
  rows(start: IndexKey | null, end: IndexKey | undefined): AsyncIterable<readonly [Doc, IndexKey]>;
  /** How many rows at or before `start` {@link rows} reads again first (they count against the page's read limits). */
  skipped(start: IndexKey | null): number;
}

/**
 * Index ranges: a position is the row's index key, and a page reads the
 * ranges after its start, cut at its end (the merge's read-ahead too stays
 * within them).
 */
export function indexSource(context: ExecutionContext, plan: IndexPlan): PageSource {
  return {
    plan,
    async *rows(start, end) {
      const chains = pageChains(plan, start, end);
      for await (const doc of readIndex(context.db, plan, chains, context.budget)) yield [doc, indexKey(plan, doc)];
    },
    skipped() {
      return 0;
    },
  };
}

const oneRangeEach = (ranges: readonly IndexRange[]): RangeChain[] => ranges.map((range) => [range]);

/**
 * The plan's ranges holding the rows after `start` up to `end`. After a key, each planned range is
 * a chain of ranges read one after another, so the merge reads ahead one row per planned range, as
 * a first page does (what the page's caps allow for).
 */
function pageChains(plan: IndexPlan, start: IndexKey | null, end: IndexKey | undefined): RangeChain[] {
  const after = start === null ? oneRangeEach(plan.ranges) : chainsAfter(plan, start);
  return end === undefined ? after : chainsUpTo(plan, after, end);
}

/**
 * A union read in its order (a page plans one only when its branches merge in the page's order): a
 * position is a row's key in the branches' shared sort key, so each branch resumes after it as an
 * index read does. A row two branches reach comes twice, one after the other (the page passes it
 * once), and a page that ends on it resumes past both.
 */
export function unionSource(context: ExecutionContext, plan: UnionPlan): PageSource {
  return {
    plan,
    async *rows(start, end) {
      const chains = plan.branches.flatMap((branch) =>
        pageChains(branch, start, end).map((ranges) => ({ source: branch, ranges })),
      );
      for await (const doc of readUnion(context.db, plan, chains, context.budget)) yield [doc, indexKey(plan, doc)];
    },
    skipped() {
      return 0;
    },
  };
}

/**
 * A search: a position is the number of results read, and a later page
 * reads the earlier ones again (they count against its read limits), so
 * page p of n reads about p · n results. Convex's own `.paginate()` of a
 * search resumes after the last result's key in the search index, but the
 * ORM reads a search by iterating it (a page is filled row by row, and
 * Convex allows one `.paginate()` per function), which yields documents
 * without that key. Convex returns at most 1,024 results, which bounds the
 * reread; a result whose relevance changes between pages may move across
 * the cursor. Positions are consecutive, so a page pinned at `end` stops
 * at that result without asking for the next.
 */
export function searchSource(context: ExecutionContext, plan: SearchPlan): PageSource {
  return {
    plan,
    async *rows(_start, end) {
      const last = end === undefined ? Number.POSITIVE_INFINITY : Number(end[0]);
      let position = 0;
      for await (const doc of readSearch(context.db, plan)) {
        yield [doc, [++position]];
        if (position >= last) return;
      }
    },
    skipped(start) {
      return start === null ? 0 : Number(start[0]);
    },
  };
}
