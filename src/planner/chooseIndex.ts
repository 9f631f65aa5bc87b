import type { Value } from 'convex/values';
import { CONVEX_TRANSACTION_LIMITS, DEFAULT_TRANSACTION_BUDGET } from '../limits/convexLimits.js';
import type { TableConfig } from '../schema/table.js';
import type { Conditions } from './conditions.js';
import type { RangeCondition } from './fieldRange.js';
import { orderServed } from './orderServed.js';
import type { IndexRange, Interval, OrderSpec, RangeOverflow } from './types.js';

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

/** Every index Convex can read for `table`, with its key fields, but `by_id` ({@link BY_ID}). */
function indexesOf(table: TableConfig): { name: string; keyFields: string[] }[] {
  return [
    { name: 'by_creation_time', keyFields: ['_creationTime'] },
    ...table.indexes.map((index) => ({ name: index.name, keyFields: [...index.fields, '_creationTime'] })),
  ];
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
function byIdChoice(conditions: Conditions, orderBy: readonly OrderSpec[]): IndexChoice {
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
 * True when `range` is exactly an `isNull`: absent or null, one interval up to null. Read as one
 * range it gives the absent rows, then the null ones, each in the order of the fields after it.
 */
function absentOrNull(range: RangeCondition): boolean {
  const [interval, ...more] = range.intervals;
  return (
    range.exact.length === 1 &&
    range.conjuncts.length === 1 &&
    more.length === 0 &&
    interval?.lower === undefined &&
    interval?.upper?.value === null &&
    interval.upper.inclusive
  );
}

/** `conditions` with the `isNull` range on `field` read as two equalities instead: absent, then null. */
function asTwoPoints(conditions: Conditions, field: string, range: RangeCondition): Conditions {
  const equalities = new Map(conditions.equalities).set(field, { conjuncts: range.conjuncts, values: [ABSENT, null] });
  const ranges = new Map(conditions.ranges);
  ranges.delete(field);
  return { ...conditions, equalities, ranges };
}

/** {@link evaluatePaged} for a read by pages, {@link evaluate} otherwise. */
function narrowed(
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

/**
 * True when the choice bounds every one of `pinned`: in its equality prefix (in any order within
 * the prefix), or, for a read over the span of many keys (`spanGroups`), as its range.
 */
function pinsAll(choice: IndexChoice, pinned: readonly string[]): boolean {
  return pinned.every((field) => {
    const at = choice.keyFields.indexOf(field);
    return at >= 0 && (at < choice.prefixLength || (at === choice.prefixLength && choice.range !== undefined));
  });
}

/**
 * `read` with its `isNull` range on the `deletion()` column read as two points instead, absent
 * then null: a candidate where that lets a condition on the field after the column narrow the read
 * (`by_deleted_project (deletedAt, projectId)` read for one project: the project's live rows, two
 * ranges, where the one range reads every live row with the project residual), or, for an unkeyed
 * read, where the two points merged in order serve an order `read` does not give
 * (`by_deleted (deletedAt)` read newest first: two ranges read as far as the limit or page, where
 * the one range is read whole and sorted). Keyed reads (a relation's, per parent) take them only
 * to narrow: two ranges a key for the order alone would halve the parents a transaction's ranges
 * allow.
 */
function pointsOf(
  read: IndexChoice,
  conditions: Conditions,
  orderBy: readonly OrderSpec[],
  rank: Ranking,
  keyed: boolean,
): IndexChoice | undefined {
  if (!readsLiveRows(read, rank.liveColumn)) return undefined;
  const points = asTwoPoints(conditions, read.keyFields[read.prefixLength]!, read.range!);
  const choice = narrowed(read.index, read.keyFields, points, orderBy, rank.inIndexOrder);
  const narrowsPast = choice.prefixLength > read.prefixLength + 1 || choice.range !== undefined;
  const givesOrder = !keyed && orderBy.length > 0 && !read.orderServed && choice.orderServed;
  return narrowsPast || givesOrder ? { ...choice, twoPoints: true } : undefined;
}

/** The choice reads less than the whole table (an equality prefix or a range). */
const narrows = (choice: IndexChoice) => choice.prefixLength > 0 || choice.range !== undefined;

/**
 * The choice reads less than the table's live rows: an equality prefix, or a range other than the
 * `isNull` of its `deletion()` column. Narrowed by that alone, a read walks every live row (nearly
 * the whole table), once per row of a join or parent of a load: a full scan.
 */
export const narrowsPastLiveRows = (choice: IndexChoice, table: TableConfig): boolean =>
  pinnedPrefix(choice) > 0 || (choice.range !== undefined && !readsLiveRows(choice, table.deletion?.column));

/** The fields the choice's equality prefix pins: the live rows' two points are a prefix field that pins nothing. */
const pinnedPrefix = (choice: IndexChoice) => (choice.twoPoints ? choice.prefixLength - 1 : choice.prefixLength);

/** The choice's read is bounded by an equality: its prefix pins a field (the live rows' two points pin none). */
export const pinsEquality = (choice: IndexChoice): boolean => pinnedPrefix(choice) > 0;

/**
 * How narrow the choice's equality is likely to be, to compare reads (greater is narrower): the
 * fields its prefix pins, then their {@link pinnedSelectivity}.
 */
export const equalityStrength = (choice: IndexChoice, table: TableConfig): readonly [number, number] => [
  pinnedPrefix(choice),
  pinnedSelectivity(choice, table),
];

/**
 * Lexicographic preference: an equality prefix that serves the order; the
 * longest equality prefix; a range; order; any narrowing at all; one range
 * rather than two points; fewer ranges (an `in` list's values each open one,
 * per parent in a keyed read); pinned fields likely narrower
 * ({@link pinnedSelectivity}); fewer fields. An equality prefix comes before a
 * range serving the order: its reads are bounded by the matching rows (one
 * parent's key range, in a relation load), while a range read in order grows
 * with the table when the rest of the filter is residual. The `isNull` of the
 * `deletion()` column (the live rows, nearly the whole table) narrows least,
 * and so do its two points (they count as that range, not as an equality):
 * they win only over reads that narrow nothing, or do not give the order.
 * A condition they let narrow after the column counts as it would without it:
 * `(deletedAt, projectId)`'s points for one project rank as the equality
 * prefix `projectId`, so `(projectId)` or `(projectId, deletedAt)` still wins
 * for it, all else tied (one range rather than two points).
 */
function score(choice: IndexChoice, rank: Ranking): number[] {
  const prefixLength = pinnedPrefix(choice);
  const { inIndexOrder } = rank;
  return [
    inIndexOrder && choice.orderServed ? 1 : 0,
    prefixLength > 0 && choice.orderServed ? 1 : 0,
    prefixLength,
    choice.range && !readsLiveRows(choice, rank.liveColumn) ? 1 : 0,
    choice.orderServed ? 1 : 0,
    narrows(choice) ? 1 : 0,
    choice.twoPoints ? 0 : 1,
    -choice.ranges.length,
    pinnedSelectivity(choice, rank.table),
    -choice.keyFields.length,
  ];
}

/**
 * How narrow the fields the equality prefix pins are likely to be, for ties: an id pinned to one
 * value (a foreign key: one parent's rows) counts 1, a boolean or an enum (a few values, each
 * shared by many rows) -1, any other 0. `{ authorId, status }` reads one author's posts by
 * `(authorId, publishedAt)` rather than every post of the status by `(status)`.
 */
function pinnedSelectivity(choice: IndexChoice, table: TableConfig): number {
  const live = choice.twoPoints ? table.deletion?.column : undefined;
  let sum = 0;
  for (let i = 0; i < choice.prefixLength; i++) {
    const field = choice.keyFields[i]!;
    // The live rows' two points pin nothing; an id pins one parent's rows only as one value.
    if (field === live) continue;
    const kind = table.columns[field]?.definition.kind;
    if (kind === 'id' && choice.prefixValues[i]!.length === 1) sum++;
    else if (kind === 'boolean' || kind === 'textEnum') sum--;
  }
  return sum;
}

/** How reads of one query are ranked: by pages or not, and the table's `deletion()` column. */
interface Ranking {
  readonly inIndexOrder: boolean;
  readonly liveColumn: string | undefined;
  readonly table: TableConfig;
}

/**
 * True when `choice` ends in the `isNull` of the table's `deletion()` column: its live rows,
 * nearly the whole table (a user's `isNull` on another column is usually a few rows, and ranks as
 * any range).
 */
function readsLiveRows(choice: IndexChoice, liveColumn: string | undefined): boolean {
  const { range, keyFields, prefixLength } = choice;
  return range !== undefined && keyFields[prefixLength] === liveColumn && absentOrNull(range);
}

function better(a: IndexChoice, b: IndexChoice, rank: Ranking): boolean {
  const [sa, sb] = [score(a, rank), score(b, rank)];
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i]! > sb[i]!;
  return false;
}

/** The best read so far, and the best of those pinning a keyed read's key. */
interface Picks {
  best?: IndexChoice;
  bestPinning?: IndexChoice;
}

function consider(picks: Picks, candidate: IndexChoice, pinned: readonly string[], rank: Ranking): void {
  if (!picks.best || better(candidate, picks.best, rank)) picks.best = candidate;
  if (pinned.length === 0 || !pinsAll(candidate, pinned)) return;
  if (!picks.bestPinning || better(candidate, picks.bestPinning, rank)) picks.bestPinning = candidate;
}

/**
 * Picks the index to read (DESIGN.md sections 6 and 14): prefer an equality
 * prefix that serves the order, otherwise the longest equality prefix, then a
 * range, then the order, ties by fewer fields. `inIndexOrder` (a page) puts
 * serving the order first: a page's cursor is an index key, so a page cannot
 * sort in memory, and its reads are bounded by the page's read limits.
 * `pinned` are the fields a keyed read is bound by per parent or row (a
 * relation's or a join's key): only an index whose equality prefix pins
 * them all (or, for a read over many keys' span, whose range is the key's)
 * is considered, so each read stays within its own keys' rows rather than
 * walking an index of other conditions (or the order) with the key
 * residual; the others only when no index pins the key.
 * Also says which index, if any, was left out for needing too many ranges
 * for a condition the chosen one leaves residual.
 */
export function chooseIndex(
  table: TableConfig,
  conditions: Conditions,
  orderBy: readonly OrderSpec[],
  inIndexOrder = false,
  pinned: readonly string[] = [],
): { choice: IndexChoice; overflow: RangeOverflow | null } {
  const rank: Ranking = { inIndexOrder, liveColumn: table.deletion?.column, table };
  const picks: Picks = {};
  const overflows: RangeOverflow[] = [];
  for (const { name, keyFields } of indexesOf(table)) {
    const choice = narrowed(name, keyFields, conditions, orderBy, inIndexOrder);
    consider(picks, choice, pinned, rank);
    if (choice.overflow) overflows.push(choice.overflow);
    const points = pointsOf(choice, conditions, orderBy, rank, pinned.length > 0);
    if (points) consider(picks, points, pinned, rank);
  }
  if (orderBy[0]?.field === '_id' || conditions.ranges.has('_id')) {
    consider(picks, byIdChoice(conditions, orderBy), pinned, rank);
  }
  const chosen = picks.bestPinning ?? picks.best!;
  // An index left out for its ranges matters only when its condition stays residual.
  const overflow = overflows.find(({ conjunct }) => !chosen.consumed.has(conjunct)) ?? null;
  return { choice: chosen, overflow };
}
