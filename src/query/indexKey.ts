import { compareValues, type Value } from 'convex/values';
import { storedField } from '../ownField.js';
import { holdsNoValue, sideOf } from '../planner/interval.js';
import type { Bound, IndexPlan, IndexRange, Interval } from '../planner/types.js';
import type { Doc, RangeChain } from './readIndex.js';

/**
 * Where a row stands in a plan's read order: its values of the plan's sort
 * key (the index fields merged on, then `_id`). `undefined` is an absent
 * field, which Convex orders before `null`.
 */
export type IndexKey = readonly (Value | undefined)[];

/** The key of `doc` in the read order of `plan` (a union's: its branches' shared sort key). */
export function indexKey(plan: Pick<IndexPlan, 'sortKey'>, doc: Doc): IndexKey {
  return plan.sortKey.map((field) => storedField(doc, field) as Value | undefined);
}

/** Compares keys field by field in Convex value order, in the plan's direction (negative: `a` is read first). */
function compareKeys(plan: IndexPlan, a: IndexKey, b: IndexKey): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const order = compareValues(a[i], b[i]);
    if (order !== 0) return plan.order === 'asc' ? order : -order;
  }
  return 0;
}

/** Which rows of a range a key splits off: those read after it, or those read up to it (itself included). */
type Side = 'after' | 'upTo';

/**
 * The interval of rows read after `value` on one field (`side` 'after'), or
 * before it (`'upTo'`, `value` itself included when `inclusive`), within
 * `within` (the range's own interval, which `value` stands inside).
 */
function beside(
  plan: IndexPlan,
  value: Value | undefined,
  side: Side,
  inclusive: boolean,
  within: Interval = {},
): Interval {
  const bound: Bound = { value: value as Value, inclusive };
  const { lower, upper } = within;
  if ((plan.order === 'asc') === (side === 'after')) return upper ? { lower: bound, upper } : { lower: bound };
  return lower ? { lower, upper: bound } : { upper: bound };
}

/**
 * Where `value` stands against a range's interval on the same field, in read
 * order: before it (every row of the interval is read after `value`), after
 * it (none is), or inside it.
 */
function standing(plan: IndexPlan, value: Value | undefined, interval: Interval): 'before' | 'after' | 'inside' {
  const side = plan.order === 'asc' ? sideOf(value, interval) : -sideOf(value, interval);
  return side < 0 ? 'before' : side > 0 ? 'after' : 'inside';
}

/**
 * Where `key` stands against `range` in read order: before every row of it,
 * after every row of it, or inside it, with the key's values from the
 * range's interval field to `_creationTime` (`rest`). A range whose pinned
 * values of the sort key differ from the key's stands wholly on one side;
 * so does one whose interval lies wholly before or after the key's value on
 * its field (`ne` / `notIn` plan several intervals under one prefix, and a
 * key stands in at most one of them).
 */
function keyAgainst(plan: IndexPlan, range: IndexRange, key: IndexKey): KeyStanding {
  const start = plan.keyFields.length - (plan.sortKey.length - 1);
  const pinned = range.eq.slice(start);
  const position = compareKeys(plan, pinned, key.slice(0, pinned.length));
  if (position !== 0) return { stands: position > 0 ? 'before' : 'after' };
  const rest = key.slice(range.eq.length - start, -1);
  const stands = rest.length > 0 && range.interval ? standing(plan, rest[0], range.interval) : 'inside';
  return stands === 'inside' ? { stands, rest } : { stands };
}

type KeyStanding =
  | { readonly stands: 'before' }
  | { readonly stands: 'after' }
  | { readonly stands: 'inside'; readonly rest: IndexKey };

/**
 * The ranges within `range` holding the rows read after the key whose values
 * from the range's interval field on are `rest` (`side` 'after'), or up to it
 * (`'upTo'`), in read order: one per value of `rest`, but one that holds no
 * value (the key on the inclusive bound of the range's interval) is not
 * opened. "After (a, b, t)" is (a, b, after t), (a, after b), (after a); "up
 * to (a, b, t)" is (before a), (a, before b), (a, b, up to t). Rows equal up
 * to `_creationTime` are not split by `_id`: Convex gives each document of a
 * table its own creation time.
 */
function split(plan: IndexPlan, range: IndexRange, rest: IndexKey, side: Side): IndexRange[] {
  const last = rest.length - 1;
  const ranges = rest.map((value, j) => ({
    eq: [...range.eq, ...(rest.slice(0, j) as Value[])],
    interval: beside(plan, value, side, side === 'upTo' && j === last, j === 0 ? range.interval : {}),
  }));
  const opened = ranges.filter(({ interval }) => !holdsNoValue(interval));
  return side === 'after' ? opened.reverse() : opened;
}

/**
 * The ranges of `plan` that hold exactly the rows read after `key`, as one
 * chain per planned range still to read. A key is a tuple, but a Convex
 * range pins a prefix and bounds one field, so the range the key stands in
 * is {@link split} into disjoint ranges, each read after the one before it:
 * a chain is read one range after another and only the chains are merged (a
 * merge of every range would read each one's first row up front). A range
 * read wholly after the key is kept whole, one read wholly before it left
 * out ({@link keyAgainst}).
 */
export function chainsAfter(plan: IndexPlan, key: IndexKey): RangeChain[] {
  const chains: RangeChain[] = [];
  for (const range of plan.ranges) {
    const at = keyAgainst(plan, range, key);
    const chain = at.stands === 'before' ? [range] : at.stands === 'inside' ? split(plan, range, at.rest, 'after') : [];
    if (chain.length > 0) chains.push(chain);
  }
  return chains;
}

/**
 * `chains` cut at `end`: the ranges that hold exactly their rows read up to
 * `end`, itself included (the mirror of {@link chainsAfter}), so a page
 * pinned at `end` knows it has ended when its ranges do, and reads no row
 * past it, a merge's read-ahead in the other chains included. A chain's
 * ranges are read in turn: those read wholly before `end` are kept, the one
 * `end` stands in is {@link split} up to it, and those after it are left
 * out, as is a chain left with none.
 */
export function chainsUpTo(plan: IndexPlan, chains: readonly RangeChain[], end: IndexKey): RangeChain[] {
  const cut: RangeChain[] = [];
  for (const chain of chains) {
    const kept: IndexRange[] = [];
    for (const range of chain) {
      const at = keyAgainst(plan, range, end);
      if (at.stands === 'before') break;
      if (at.stands === 'after') {
        kept.push(range);
        continue;
      }
      // A range pinned to `_creationTime` holds the end's row alone.
      kept.push(...(at.rest.length > 0 ? split(plan, range, at.rest, 'upTo') : [range]));
      break;
    }
    if (kept.length > 0) cut.push(kept);
  }
  return cut;
}
