import type { Value } from 'convex/values';
import type { FilterNode } from '../filter/tree.js';

/** One sort key: a top-level field and its direction. */
export interface OrderSpec {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/** One end of an index interval; `value` may be `null` (Convex orders absent < null < everything else). */
export interface Bound {
  readonly value: Value;
  readonly inclusive: boolean;
}

/** An interval on one index field; a missing bound is open. */
export interface Interval {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

/**
 * One Convex index range: equality on the first `eq.length` key fields,
 * then at most one interval on the next field.
 */
export interface IndexRange {
  /** The equalities on the leading key fields; `undefined` stands for the field's absence (`isNull` read as two points). */
  readonly eq: readonly Value[];
  readonly interval?: Interval;
}

/**
 * An equality holding params (values bound after planning: a relation's or join's key, a
 * prepared query's placeholder) on a field that known equalities (a rule's `{ owner: viewer }`)
 * or ranges (a rule's `{ path: { like: 'mal/%' } }`) constrain too. Planning cannot intersect
 * them: the params are read, the others stay residual, and `bindPlan` reads nothing when no bound
 * value is one of `allowed` and inside `within`, as planning the bound values would
 * (`analyzeConditions`), so a key another user holds never reads that user's rows.
 */
export interface ParamEquality {
  readonly field: string;
  /** The equality's values as planned, params among them. */
  readonly values: readonly Value[];
  /** The values every known equality on the field allows, within its ranges (sorted, distinct); absent without one. */
  readonly allowed?: readonly Value[];
  /** `allowed` by `valueKey`: a bound value's test is one lookup, per parent key too. */
  readonly allowedKeys?: ReadonlySet<string>;
  /**
   * Without a known equality, the intervals the range conditions on the field allow together
   * (then those of any left out of them: `fieldRange`): a bound value must be inside one of each.
   */
  readonly within?: readonly (readonly Interval[])[];
}

/** The {@link ParamEquality}s of a plan made with params; absent when it has none (the common case). */
interface BoundLater {
  readonly paramEqualities?: readonly ParamEquality[];
}

/** Read documents by `_id` with `db.get` (invalid ids are skipped). */
export interface GetPlan extends BoundLater {
  readonly kind: 'get';
  readonly table: string;
  readonly ids: readonly Value[];
  readonly residual: FilterNode | null;
  readonly orderBy: readonly OrderSpec[];
}

/** Read one or more ranges of an index, merged in index order. */
export interface IndexPlan extends BoundLater {
  readonly kind: 'index';
  readonly table: string;
  readonly index: string;
  /** The index's key fields as Convex sees them (declared fields, then `_creationTime`). */
  readonly keyFields: readonly string[];
  readonly ranges: readonly IndexRange[];
  /** Number of leading key fields pinned by equality in every range. */
  readonly prefixLength: number;
  readonly order: 'asc' | 'desc';
  readonly orderBy: readonly OrderSpec[];
  /** True when reading in index order yields `orderBy` order (no in-memory sort). */
  readonly orderServed: boolean;
  /** The fields merged ranges are compared by to keep index order (then `_id`). */
  readonly sortKey: readonly string[];
  readonly residual: FilterNode | null;
  /** The read is not narrowed by the index (past the live rows of a soft-delete table) and must look at the whole table. */
  readonly fullScan: boolean;
  /** The index that would serve this query, when the chosen one does not narrow it and the table has none. */
  readonly suggestedIndex: readonly string[] | null;
  /** An index left unused because the condition on `field` would need more ranges than a transaction reads. */
  readonly rangeOverflow: RangeOverflow | null;
  /**
   * An `OR` across fields whose branches indexes pin stays residual because two branches pin only
   * booleans or enums (a union could read the table once per branch).
   */
  readonly broadOr?: true;
}

/** An index a condition could narrow, left out: it would take `ranges` index ranges, more than one transaction reads. */
export interface RangeOverflow {
  readonly index: string;
  readonly field: string;
  /** The ranges a read would open: on a later page, each range resumed after the cursor and cut at an end cursor (see `resumedRanges`). */
  readonly ranges: number;
  /** True when it is a later page that would open them. */
  readonly resumed: boolean;
  /** The conjunct of the filter that condition comes from. */
  readonly conjunct: number;
}

/** The filter can match nothing; no read at all. */
export interface EmptyPlan {
  readonly kind: 'empty';
  readonly table: string;
}

/** Read a search index: relevance order, equalities on its filter fields inside the search. */
export interface SearchPlan extends BoundLater {
  readonly kind: 'search';
  readonly table: string;
  readonly index: string;
  readonly searchField: string;
  readonly query: string;
  /** Equalities `withSearchIndex` applies (`q.eq(field, value)`), in the index's filter-field order. */
  readonly filters: readonly { readonly field: string; readonly value: Value }[];
  readonly residual: FilterNode | null;
}

/**
 * Read an `OR` across fields as the union of its branches: each branch (the `OR`'s child ANDed
 * with the filter's other conditions) through its own index range, pinned by an equality, where
 * one index would read the whole table. A document two branches reach is read by both and passes
 * once; every document read is tested against the whole filter.
 */
export interface UnionPlan extends BoundLater {
  readonly kind: 'union';
  readonly table: string;
  /** One read per branch of the `OR`, each narrowed by an equality prefix (their residuals unused). */
  readonly branches: readonly IndexPlan[];
  readonly order: 'asc' | 'desc';
  /** The fields the branches merge on, when they do (`orderServed`): `orderBy`'s. */
  readonly sortKey: readonly string[];
  /**
   * The rows' order, total: the query's `orderBy`, then the key of the index a page of the query
   * walks (without `orderBy`, that key alone).
   */
  readonly orderBy: readonly OrderSpec[];
  /** True when each branch reads in `orderBy`, and they merge in it; else they are read in turn and sorted. */
  readonly orderServed: boolean;
  /** True when each branch's index key is `orderBy`'s fields, so a page's cursor (a key of them) resumes each branch. */
  readonly pageable: boolean;
  /** The whole filter. */
  readonly residual: FilterNode;
}

/** How the executor reads one table for one filter and order. */
export type Plan = GetPlan | IndexPlan | SearchPlan | UnionPlan | EmptyPlan;
