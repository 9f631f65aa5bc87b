import { compareValues, type Value } from 'convex/values';
import { storedField } from '../ownField.js';
import { sideOf } from '../planner/interval.js';
import type { Bound, IndexPlan, IndexRange, Interval } from '../planner/types.js';
import type { Doc, RangeChain } from './readIndex.js';

/**
 * Where a row stands in a plan's read order: its values of the plan's sort
 * key (the index fields merged on, then `_id`). `undefined` is an absent
 * field, which Convex orders before `null`.
 */
export type IndexKey = readonly (Value | undefined)[];

/** The key of `doc` in the read order of `plan`. */
export function indexKey(plan: IndexPlan, doc: Doc): IndexKey {
  return plan.sortKey.map((field) => storedField(doc, field) as Value | undefined);
}

/** Compares keys field by field in Convex value order, in the plan's direction (negative: `a` is read first). */
export function compareKeys(plan: IndexPlan, a: IndexKey, b: IndexKey): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const order = compareValues(a[i], b[i]);
    if (order !== 0) return plan.order === 'asc' ? order : -order;
  }
  return 0;
}

/** The interval of rows read after `value` on one field, within `within` (the range's own interval). */
function after(plan: IndexPlan, value: Value | undefined, within: Interval = {}): Interval {
  const bound: Bound = { value: value as Value, inclusive: false };
  const { lower, upper } = within;
  if (plan.order === 'asc') return upper ? { lower: bound, upper } : { lower: bound };
  return lower ? { lower, upper: bound } : { upper: bound };
}

/**
 * Where `value` stands against a range's interval on the same field, in read
 * order: before it (every row of the interval is read after `value`), after
 * it (none is), or inside it.
 */
function standing(plan: IndexPlan, value: Value | undefined, interval: Interval): 'before' | 'inside' | 'after' {
  const side = plan.order === 'asc' ? sideOf(value, interval) : -sideOf(value, interval);
  return side < 0 ? 'before' : side > 0 ? 'after' : 'inside';
}

/**
 * The ranges of `plan` that hold exactly the rows read after `key`, as one
 * chain per planned range still to read. A key is a tuple, but a Convex
 * range pins a prefix and bounds one field, so "after (a, b, t)" is the
 * union of (a, b, after t), (a, after b) and (after a), each within the
 * plan's range: disjoint ranges, each read after the one before it, so a
 * chain is read one range after another and only the chains are merged (a
 * merge of every range would read each one's first row up front). A range
 * whose pinned values of the sort key come before the key's is left out
 * whole, one after it is kept whole; so is a range whose interval lies
 * wholly before or after the key's value on its field (`ne` / `notIn` plan
 * several intervals under one prefix, and a key stands in at most one of
 * them). Rows equal up to `_creationTime` are not split by `_id`: Convex
 * gives each document of a table its own creation time.
 */
export function chainsAfter(plan: IndexPlan, key: IndexKey): RangeChain[] {
  const start = plan.keyFields.length - (plan.sortKey.length - 1);
  const chains: RangeChain[] = [];
  for (const range of plan.ranges) {
    const pinned = range.eq.slice(start);
    const position = compareKeys(plan, pinned, key.slice(0, pinned.length));
    if (position > 0) chains.push([range]);
    if (position !== 0) continue;
    const rest = key.slice(range.eq.length - start, -1);
    const stands = rest.length > 0 && range.interval ? standing(plan, rest[0], range.interval) : 'inside';
    if (stands === 'before') chains.push([range]);
    if (stands !== 'inside') continue;
    const chain: IndexRange[] = [];
    for (let j = rest.length - 1; j >= 0; j--) {
      const eq = [...range.eq, ...(rest.slice(0, j) as Value[])];
      chain.push({ eq, interval: after(plan, rest[j], j === 0 ? range.interval : {}) });
    }
    if (chain.length > 0) chains.push(chain);
  }
  return chains;
}
