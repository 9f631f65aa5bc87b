import type { Value } from 'convex/values';
import { CONVEX_TRANSACTION_LIMITS, DEFAULT_TRANSACTION_BUDGET } from '../limits/convexLimits.js';
import type { Conditions } from './conditions.js';
import type { RangeCondition } from './fieldRange.js';
import { orderServed } from './orderServed.js';
import type { IndexRange, Interval, OrderSpec, RangeOverflow } from './types.js';

// How one index reads a query's conditions: the equality prefix and range it can take, within the
// ranges one transaction may open, and the order it gives. Which index wins is `chooseIndex`'s.

/**
 * More ranges than one transaction may read under the default budget (a little
 * under Convex's 4,096), and the planner narrows less (the rest stays
 * residual): such a read could never run. Below it, the transaction meter
 * checks at run time what the transaction has left.
 */
export const MAX_RANGES = Math.min(CONVEX_TRANSACTION_LIMITS.indexRanges, DEFAULT_TRANSACTION_BUDGET.indexRanges);

/** One way to read a table through one index. */
export interface IndexChoice {
  readonly index: string;
  readonly keyFields: readonly string[];
  readonly ranges: readonly IndexRange[];
  readonly prefixLength: number;
  /** The values each field of the equality prefix takes. */
  readonly prefixValues: readonly (readonly Value[])[];
  readonly range: RangeCondition | undefined;
  /** True when one equality of the prefix is an `isNull` read as two points (`pointsOf`). */
  readonly twoPoints?: true;
  readonly order: 'asc' | 'desc';
  readonly orderServed: boolean;
  readonly sortKey: readonly string[];
  /** Conjunct positions the index range fully expresses. */
  readonly consumed: ReadonlySet<number>;
  /** The condition on the next key field this index left out for needing more than {@link MAX_RANGES} ranges. */
  readonly overflow: RangeOverflow | null;
}

/**
 * Convex's `by_id` index ("for manual pagination", convex/server's `SystemIndexes`), for the order
 * it gives (`orderBy: { _id }`) and a range on `_id` (`where: { _id: { gt: last } }`, a keyset
 * page); an `_id` equality is a `db.get`. Within a table, ids sort as the index does: the table
 * number, then the document's internal id, encoded in an order-preserving base32 of one length.
 */
const BY_ID = { name: 'by_id', keyFields: ['_id'] } as const;

/**
 * The read of `by_id`: its range on `_id`, whose conditions stay residual too, as a bound that is
 * no id of the table is left out of the range when it is read (`openRange`: Convex may refuse it
 * in an index range), and the order it gives. One interval at most (`ne` on `_id` is two; beside a
 * bound, the bound's): a range widened so may not overlap another.
 */
export function evaluateById(conditions: Conditions, orderBy: readonly OrderSpec[]): IndexChoice {
  let choice = evaluate(BY_ID.name, BY_ID.keyFields, conditions, orderBy, RANGE_ONLY);
  // Beside a bound, an `ne` splits the range in two: the bound's one interval (the range's core) is read.
  if (choice.ranges.length > 1) choice = evaluate(BY_ID.name, BY_ID.keyFields, conditions, orderBy, CORE_ONLY);
  // `isNull`'s bounds (absent, null) are no ids: the range would be read whole.
  if (choice.ranges.length > 1 || nullBound(choice.ranges[0]?.interval)) {
    choice = evaluate(BY_ID.name, BY_ID.keyFields, conditions, orderBy, ORDER_ONLY);
  }
  return { ...choice, consumed: new Set() };
}

/**
 * True when the interval holds only absent or null values (`isNull`'s: its upper bound is null);
 * an `_id` operand is otherwise a string, or a param bound to one, and a lower bound of null is
 * how `lt` leaves nulls out.
 */
function nullBound(interval: Interval | undefined): boolean {
  const upper = interval?.upper;
  return upper !== undefined && (upper.value ?? null) === null;
}

function cartesian(sets: readonly (readonly Value[])[]): Value[][] {
  return sets.reduce<Value[][]>((rows, values) => rows.flatMap((row) => values.map((value) => [...row, value])), [[]]);
}

/**
 * How far {@link evaluate} may narrow: the equality prefix's length, and whether a range may follow
 * it (`'core'`: only a range's one-interval core, its complements tested in memory).
 */
interface Narrowing {
  readonly prefix: number;
  readonly range: boolean | 'core';
}

const ANY_NARROWING: Narrowing = { prefix: Number.POSITIVE_INFINITY, range: true };
const RANGE_ONLY: Narrowing = { prefix: 0, range: true };
const CORE_ONLY: Narrowing = { prefix: 0, range: 'core' };
const ORDER_ONLY: Narrowing = { prefix: 0, range: false };

/** The best range this index can read for the conditions, narrowed at most as `narrowing` allows, and whether it serves the order. */
function evaluate(
  name: string,
  keyFields: readonly string[],
  conditions: Conditions,
  orderBy: readonly OrderSpec[],
  narrowing: Narrowing,
): IndexChoice {
  const consumed = new Set<number>();
  const eqSets: (readonly Value[])[] = [];
  let count = 1;
  let overflow: RangeOverflow | null = null;
  for (const field of keyFields) {
    const equality = conditions.equalities.get(field);
    if (!equality || eqSets.length === narrowing.prefix) break;
    const ranges = count * equality.values.length;
    if (ranges > MAX_RANGES) {
      overflow = { index: name, field, ranges, resumed: false, conjunct: equality.conjuncts[0]! };
      break;
    }
    eqSets.push(equality.values);
    count = ranges;
    for (const conjunct of equality.conjuncts) consumed.add(conjunct);
  }
  const prefixLength = eqSets.length;
  const next = keyFields[prefixLength] ?? '';
  const field = overflow || !narrowing.range ? undefined : conditions.ranges.get(next);
  const candidate = narrowing.range === 'core' ? (field?.core ?? field) : field;
  // Past the ranges a read may open, the complements on the field are tested in memory instead.
  const range = fitsUnder(count, candidate)
    ? candidate
    : fitsUnder(count, candidate?.core)
      ? candidate!.core
      : undefined;
  if (candidate && !range) {
    overflow = {
      index: name,
      field: next,
      ranges: count * candidate.intervals.length,
      resumed: false,
      conjunct: candidate.conjuncts[0]!,
    };
  }
  for (const conjunct of range?.exact ?? []) consumed.add(conjunct);
  const prefixes = cartesian(eqSets);
  const ranges = range
    ? prefixes.flatMap((eq) => range.intervals.map((interval) => ({ eq, interval })))
    : prefixes.map((eq) => ({ eq }));
  const singleValued = new Set(keyFields.slice(0, prefixLength).filter((_, i) => eqSets[i]!.length === 1));
  const { served, order, sortKey } = orderServed(keyFields, prefixLength, singleValued, orderBy);
  return {
    index: name,
    keyFields,
    ranges,
    prefixLength,
    prefixValues: eqSets,
    range,
    order,
    orderServed: served,
    sortKey,
    consumed,
    overflow,
  };
}

/** True when `range`, read under each of `prefixes` equality prefixes, opens at most {@link MAX_RANGES} ranges. */
function fitsUnder(prefixes: number, range: RangeCondition | undefined): boolean {
  return range !== undefined && prefixes * range.intervals.length <= MAX_RANGES;
}

/**
 * The ranges a later page of `choice` opens at most, one pinned by `endCursor` (the most): a range
 * whose values of the sort key stand level with the cursor's key resumes as d ranges (one per key
 * field past the equalities: `chainsAfter`), one level with the end's key is cut into d more
 * (`chainsUpTo`; the range both stand in, into 2d − 1), the others are kept whole or left out: d − 1
 * ranges more at each end per level range. Ranges level with a key are those differing only in
 * prefix fields outside the sort key: all of them when the fields with several values are not in
 * the order, one when they are.
 */
export function resumedRanges(choice: IndexChoice): number {
  const { keyFields, prefixLength, sortKey, prefixValues } = choice;
  const sortStart = keyFields.length - (sortKey.length - 1);
  let level = 1;
  for (let i = 0; i < Math.min(sortStart, prefixLength); i++) level *= prefixValues[i]!.length;
  const resumed = Math.max(1, keyFields.length - prefixLength);
  return choice.ranges.length + 2 * level * (resumed - 1);
}

/**
 * {@link evaluate} for a read by pages: it narrows only as far as its later pages, resumed after a
 * cursor, stay within {@link MAX_RANGES} too (a first page that fits and a second that never can
 * would strand the walk), leaving the range, then the last equalities, residual until they do.
 */
function evaluatePaged(
  name: string,
  keyFields: readonly string[],
  conditions: Conditions,
  orderBy: readonly OrderSpec[],
): IndexChoice {
  let choice = evaluate(name, keyFields, conditions, orderBy, ANY_NARROWING);
  let overflow: RangeOverflow | null = null;
  for (let ranges = resumedRanges(choice); ranges > MAX_RANGES; ranges = resumedRanges(choice)) {
    const field = keyFields[choice.range ? choice.prefixLength : choice.prefixLength - 1]!;
    const conjunct = choice.range ? choice.range.conjuncts[0]! : conditions.equalities.get(field)!.conjuncts[0]!;
    overflow = { index: name, field, ranges, resumed: true, conjunct };
    // A range with complements narrows to its core first, then to none.
    const core = choice.range?.core !== undefined;
    const narrowing = {
      prefix: choice.range ? choice.prefixLength : choice.prefixLength - 1,
      range: core ? ('core' as const) : false,
    };
    choice = evaluate(name, keyFields, conditions, orderBy, narrowing);
  }
  return overflow ? { ...choice, overflow } : choice;
}

/** An absent field as an equality value: Convex's `q.eq(field, undefined)` reads the documents without it. */
const ABSENT = undefined as unknown as Value;

/**
 * True when `range` is exactly an `isNull`: absent or null, one interval up to null, every one of
 * its conditions answered by it (`isNull`, or an `isNull` beside `OR: [{ isNull }, { gt: 5 }]`).
 * Read as one range it gives the absent rows, then the null ones, each in the order of the fields
 * after it.
 */
export function absentOrNull(range: RangeCondition): boolean {
  const [interval, ...more] = range.intervals;
  return (
    range.exact.length === range.conjuncts.length &&
    more.length === 0 &&
    interval?.lower === undefined &&
    interval?.upper?.value === null &&
    interval.upper.inclusive
  );
}

/** `conditions` with the `isNull` range on `field` read as two equalities instead: absent, then null. */
export function asTwoPoints(conditions: Conditions, field: string, range: RangeCondition): Conditions {
  const equalities = new Map(conditions.equalities).set(field, { conjuncts: range.conjuncts, values: [ABSENT, null] });
  const ranges = new Map(conditions.ranges);
  ranges.delete(field);
  return { ...conditions, equalities, ranges };
}

/**
 * The read of index `name` (its `keyFields`, `_creationTime` last) for `conditions`: narrowed as
 * far as its later pages stay within {@link MAX_RANGES} too for a read by pages
 * ({@link evaluatePaged}), as far as it can otherwise ({@link evaluate}).
 */
export function evaluateIndex(
  name: string,
  keyFields: readonly string[],
  conditions: Conditions,
  orderBy: readonly OrderSpec[],
  inIndexOrder: boolean,
): IndexChoice {
  return inIndexOrder
    ? evaluatePaged(name, keyFields, conditions, orderBy)
    : evaluate(name, keyFields, conditions, orderBy, ANY_NARROWING);
}
