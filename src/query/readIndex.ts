import type { GenericDatabaseReader, PaginationOptions, PaginationResult } from 'convex/server';
import { compareValues, type Value } from 'convex/values';
import { storedField } from '../ownField.js';
import type { IndexPlan, IndexRange } from '../planner/types.js';
import { MinHeap } from './minHeap.js';

/** A stored document as the executor handles it. */
export type Doc = Record<string, unknown>;

/** The part of Convex's ordered query the executor uses. */
export interface ConvexQuery extends AsyncIterable<Doc> {
  paginate(options: PaginationOptions): Promise<PaginationResult<Doc>>;
}

// Convex's index range builder, untyped: the plan names fields at runtime.
interface RangeBuilder {
  eq(field: string, value: Value): RangeBuilder;
  gt(field: string, value: Value): RangeBuilder;
  gte(field: string, value: Value): RangeBuilder;
  lt(field: string, value: Value): RangeBuilder;
  lte(field: string, value: Value): RangeBuilder;
}

/** Which index a range is opened on, and in which order. */
export type RangeSource = Pick<IndexPlan, 'table' | 'index' | 'keyFields' | 'order'>;

/** Opens one index range of the plan, in the plan's order (a Convex query, not yet executed). */
export function openRange(db: GenericDatabaseReader<any>, plan: RangeSource, range: IndexRange): ConvexQuery {
  return db
    .query(plan.table)
    .withIndex(plan.index, ((q: RangeBuilder) => bounded(q, plan, range)) as never)
    .order(plan.order) as unknown as ConvexQuery;
}

/** `q` narrowed to `range`: its equalities on the leading key fields, then its interval on the next one. */
function bounded(q: RangeBuilder, plan: RangeSource, range: IndexRange): RangeBuilder {
  const field = plan.keyFields[range.eq.length]!;
  let builder = range.eq.reduce((b, value, i) => b.eq(plan.keyFields[i]!, value), q);
  const { lower, upper } = range.interval ?? {};
  if (lower) builder = lower.inclusive ? builder.gte(field, lower.value) : builder.gt(field, lower.value);
  if (upper) builder = upper.inclusive ? builder.lte(field, upper.value) : builder.lt(field, upper.value);
  return builder;
}

/** Compares documents by the plan's sort key in the plan's direction (Convex value order): the order its read yields. */
export function indexComparator(plan: Pick<IndexPlan, 'order' | 'sortKey'>): (a: Doc, b: Doc) => number {
  const sign = plan.order === 'asc' ? 1 : -1;
  return (a, b) => {
    for (const field of plan.sortKey) {
      const order = compareValues(
        storedField(a, field) as Value | undefined,
        storedField(b, field) as Value | undefined,
      );
      if (order !== 0) return sign * order;
    }
    return 0;
  };
}

/** One open range of a merge: its iterator and the document it is on. */
interface Head {
  readonly iterator: AsyncIterator<Doc>;
  doc: Doc;
}

/**
 * Every range of the plan as one stream in index order: one range is read
 * as is (its own iterator, no wrapper per document); several are merged
 * lazily, so each range is read only as far as the consumer needs (a
 * per-range `take(limit)` without knowing the limit). A consumer that stops
 * early closes every range still open (Convex frees the query), the one the
 * last document came from included.
 */
export function readIndex(db: GenericDatabaseReader<any>, plan: IndexPlan): AsyncIterable<Doc> {
  return plan.ranges.length === 1 ? openRange(db, plan, plan.ranges[0]!) : mergeRanges(db, plan);
}

/**
 * Several ranges of a plan merged in index order: each range's first
 * document is read up front (the merge needs every range's head before its
 * first row), then a heap of the heads gives the next row.
 */
async function* mergeRanges(db: GenericDatabaseReader<any>, plan: IndexPlan): AsyncGenerator<Doc> {
  const compare = indexComparator(plan);
  const heads = new MinHeap<Head>((a, b) => compare(a.doc, b.doc));
  // Ranges not read to their end, closed if the consumer stops early (or a read throws).
  const open = new Set<AsyncIterator<Doc>>();
  try {
    for (const range of plan.ranges) {
      const iterator = openRange(db, plan, range)[Symbol.asyncIterator]();
      open.add(iterator);
      const first = await iterator.next();
      if (first.done) open.delete(iterator);
      else heads.push({ iterator, doc: first.value });
    }
    for (let head = heads.peek(); head; head = heads.peek()) {
      yield head.doc;
      const next = await head.iterator.next();
      if (next.done) {
        open.delete(head.iterator);
        heads.pop();
      } else {
        head.doc = next.value;
        heads.siftDown();
      }
    }
  } finally {
    await Promise.all([...open].map((iterator) => iterator.return?.()));
  }
}
