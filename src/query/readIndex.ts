import type { GenericDatabaseReader, PaginationOptions, PaginationResult } from 'convex/server';
import { compareValues, type Value } from 'convex/values';
import { storedField } from '../ownField.js';
import { rangeChains } from '../planner/rangeChains.js';
import type { Bound, GetPlan, IndexPlan, IndexRange, Plan, UnionPlan } from '../planner/types.js';
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
  const read = plan.index === 'by_id' ? idRange(db, plan.table, range) : range;
  return db
    .query(plan.table)
    .withIndex(plan.index, ((q: RangeBuilder) => bounded(q, plan, read)) as never)
    .order(plan.order) as unknown as ConvexQuery;
}

/** `value` as an id of `table`, or null: an id of another table or a malformed one matches nothing. */
export function documentId(db: GenericDatabaseReader<any>, table: string, value: unknown): string | null {
  return typeof value === 'string' ? db.normalizeId(table, value) : null;
}

/** The plan's distinct ids that can name a document of its table: those its read gets. */
export function documentIds(db: GenericDatabaseReader<any>, plan: GetPlan): Set<string> {
  const ids = new Set<string>();
  for (const value of plan.ids) {
    const id = documentId(db, plan.table, value);
    if (id !== null) ids.add(id);
  }
  return ids;
}

/**
 * `plan` as its read runs on `db`, for `explain()`: a get of the distinct ids of its table only
 * (none: no read), a `by_id` range without the bounds that are no id of the table (none left: the
 * whole table, as strict mode refuses it); as planned without a `db` (a prepared query's ctx-less
 * `explain(values)`). `kept`: whether a value stands for one known only when the read runs (a
 * relation plan's parent value, a join's row value), kept as it is.
 */
export function planAsRead(
  db: GenericDatabaseReader<any> | null | undefined,
  plan: Plan,
  kept: (value: unknown) => boolean = () => false,
): Plan {
  if (!db) return plan;
  if (plan.kind === 'get') {
    const ids = [...plan.ids.filter(kept), ...documentIds(db, plan)];
    const bound = boundIdsAsRead(db, plan);
    if (ids.length === 0 || bound === null) return { kind: 'empty', table: plan.table };
    return { ...plan, ids: ids as GetPlan['ids'], ...(bound ? { paramEqualities: bound } : {}) };
  }
  if (plan.kind !== 'index' || plan.index !== 'by_id' || !plan.ranges.some(({ interval }) => interval)) return plan;
  const bounds = plan.ranges.flatMap(({ interval }) => [interval?.lower?.value, interval?.upper?.value]);
  if (bounds.some(kept)) return plan;
  return {
    ...plan,
    ranges: plan.ranges.map((range) => idRange(db, plan.table, range)),
    fullScan: plan.fullScan || !idBoundsHold(db, plan),
  };
}

/**
 * A get plan's param equalities on `_id` (a relation read by id: the values its parent's id may
 * take) with the values that are no id of the table left out, for `explain()` (`allowed` only,
 * what it shows); null when one is left with none (no parent's id is read); undefined without any.
 */
function boundIdsAsRead(db: GenericDatabaseReader<any>, plan: GetPlan): GetPlan['paramEqualities'] | null {
  if (!plan.paramEqualities) return undefined;
  const equalities = plan.paramEqualities.map((equality) =>
    equality.field === '_id' && equality.allowed
      ? { ...equality, allowed: equality.allowed.filter((value) => documentId(db, plan.table, value) !== null) }
      : equality,
  );
  return equalities.some(({ allowed }) => allowed?.length === 0) ? null : equalities;
}

/** True when a read of `by_id` keeps a bound once its bounds that are no id of the table are left out ({@link idRange}). */
export function idBoundsHold(db: GenericDatabaseReader<any>, plan: IndexPlan): boolean {
  return plan.ranges.some((range) => {
    const { lower, upper } = idRange(db, plan.table, range).interval ?? {};
    return lower !== undefined || upper !== undefined;
  });
}

/**
 * A range of `by_id` with each bound that is an id of the table as `normalizeId` gives it, and one
 * that is not left out (the read is wider; its condition stays residual, `evaluateById`).
 */
function idRange(db: GenericDatabaseReader<any>, table: string, range: IndexRange): IndexRange {
  if (!range.interval) return range;
  const lower = idBound(db, table, range.interval.lower);
  const upper = idBound(db, table, range.interval.upper);
  return { eq: range.eq, interval: { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) } };
}

/** `bound` with its value as an id of `table` (`normalizeId`), or undefined when it is none. */
function idBound(db: GenericDatabaseReader<any>, table: string, bound: Bound | undefined): Bound | undefined {
  const id = typeof bound?.value === 'string' ? db.normalizeId(table, bound.value) : null;
  return id === null ? undefined : { value: id, inclusive: bound!.inclusive };
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
export function indexComparator(plan: Pick<IndexPlan | UnionPlan, 'order' | 'sortKey'>): (a: Doc, b: Doc) => number {
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

/**
 * Ranges read one after another, each one's rows read after the previous
 * one's in the plan's order (a planned range resumed after a cursor's key).
 */
export type RangeChain = readonly IndexRange[];

/** One chain of a merge: the index it reads, the range open in it (none before the first), and where the next one to open stands. */
interface OpenChain {
  readonly source: RangeSource;
  iterator: AsyncIterator<Doc> | undefined;
  readonly ranges: RangeChain;
  next: number;
}

/** A chain with the document it is on. */
interface Head extends OpenChain {
  doc: Doc;
}

/**
 * What a merge tells a query's scan budget (`ReadBudget`) of the rows it reads ahead of what it
 * hands over: each row it reads into its heads, and each it then hands over, which the consumer
 * counts as it takes it. So the budget counts every row read once, those held ahead included.
 */
export interface ReadAheadCounter {
  /** A row read ahead; throws the typed budget error when it is one past what the query may read. */
  readAhead(plan: IndexPlan | UnionPlan): void;
  /** A row read ahead is handed over now. */
  handedOver(): void;
}

/** Ranges of one index read one after another: a chain of the merge. */
export interface SourcedChain {
  readonly source: RangeSource;
  readonly ranges: RangeChain;
}

/**
 * Every range of the plan as one stream in index order, or `chains` of its
 * ranges (default: one chain when the ranges come one after another in the read's order, else each
 * planned range a chain of one, {@link rangeChains}): one range is read as
 * is (its own iterator, no wrapper per document); several chains are merged
 * lazily, so each is read only as far as the consumer needs (a per-range
 * `take(limit)` without knowing the limit), and a chain opens its next
 * range only when the one before it ends. A consumer that stops early
 * closes every range still open (Convex frees the query), the one the last
 * document came from included.
 */
export function readIndex(
  db: GenericDatabaseReader<any>,
  plan: IndexPlan,
  chains: readonly RangeChain[] = rangeChains(plan),
  counter?: ReadAheadCounter,
): AsyncIterable<Doc> {
  const only = chains.length === 1 && chains[0]!.length === 1 ? chains[0]![0]! : undefined;
  if (only) return openRange(db, plan, only);
  return mergeChains(
    db,
    plan,
    chains.map((ranges) => ({ source: plan, ranges })),
    counter,
  );
}

/**
 * The branches of a union, each document as often as branches reach it: merged in the order they
 * give, else one branch after another (to be sorted). `chains`: the branches' ranges to merge
 * (default: each planned range a chain of one; a page's, resumed after its cursor).
 */
export function readUnion(
  db: GenericDatabaseReader<any>,
  plan: UnionPlan,
  chains: readonly SourcedChain[] = plan.branches.flatMap((branch) =>
    branch.ranges.map((range) => ({ source: branch, ranges: [range] })),
  ),
  counter?: ReadAheadCounter,
): AsyncIterable<Doc> {
  if (!plan.orderServed) {
    return concatenated(plan.branches.map((branch) => readIndex(db, branch, undefined, counter)));
  }
  return mergeChains(db, plan, chains, counter);
}

async function* concatenated(sources: readonly AsyncIterable<Doc>[]): AsyncGenerator<Doc> {
  for (const source of sources) yield* source;
}

/**
 * The chain's next document: its open range's, else the first of the ranges after it (opened in
 * turn, and held in `open` until read to its end).
 */
async function advance(
  db: GenericDatabaseReader<any>,
  open: Set<AsyncIterator<Doc>>,
  chain: OpenChain,
): Promise<Doc | undefined> {
  for (;;) {
    if (chain.iterator) {
      const next = await chain.iterator.next();
      if (!next.done) return next.value;
      open.delete(chain.iterator);
    }
    const range = chain.ranges[chain.next++];
    if (range === undefined) return undefined;
    chain.iterator = openRange(db, chain.source, range)[Symbol.asyncIterator]();
    open.add(chain.iterator);
  }
}

/**
 * Chains of ranges merged in the order `compare` gives (their indexes'
 * order): each chain's first document is read up front (the merge needs
 * every chain's head before its first row, so it reads one row ahead in
 * each chain but the one it gives a row from), then a heap of the heads
 * gives the next row.
 */
async function* mergeChains(
  db: GenericDatabaseReader<any>,
  plan: IndexPlan | UnionPlan,
  chains: readonly SourcedChain[],
  counter: ReadAheadCounter | undefined,
): AsyncGenerator<Doc> {
  const compare = indexComparator(plan);
  const heads = new MinHeap<Head>((a, b) => compare(a.doc, b.doc));
  // Ranges not read to their end, closed if the consumer stops early (or a read throws).
  const open = new Set<AsyncIterator<Doc>>();
  try {
    for (const { source, ranges } of chains) {
      const chain: OpenChain = { source, iterator: undefined, ranges, next: 0 };
      const doc = await advance(db, open, chain);
      if (doc === undefined) continue;
      counter?.readAhead(plan);
      heads.push({ ...chain, doc });
    }
    for (let head = heads.peek(); head; head = heads.peek()) {
      counter?.handedOver();
      yield head.doc;
      const doc = await advance(db, open, head);
      if (doc === undefined) heads.pop();
      else {
        counter?.readAhead(plan);
        head.doc = doc;
        heads.siftDown();
      }
    }
  } finally {
    await Promise.all([...open].map((iterator) => iterator.return?.()));
  }
}
