import { compareValues, type Value } from 'convex/values';
import { likePrefix } from '../filter/like.js';
import { neverTrue } from '../filter/neverTrue.js';
import { isRuleNode, markRuleNodes } from '../filter/ruleNodes.js';
import { conjunctsOf, type FilterNode, orNodes } from '../filter/tree.js';
import { valueKey } from '../filter/valueKey.js';
import { type ConjunctRange, fieldRange, type RangeCondition } from './fieldRange.js';
import { holdsParamBound, insideEach, intersectIntervals, unionIntervals } from './interval.js';
import type { Interval, ParamEquality } from './types.js';

/** Equality on a field, from the conjuncts listed: the field is one of `values` (sorted, distinct, never null). */
export interface EqualityCondition {
  readonly conjuncts: readonly number[];
  readonly values: readonly Value[];
}

/** What the top-level AND of a filter says about single fields, for index planning. */
export interface Conditions {
  readonly conjuncts: readonly FilterNode[];
  readonly equalities: ReadonlyMap<string, EqualityCondition>;
  /** The equalities read through params beside known equalities or ranges on their field, for `bindPlan` to intersect. */
  readonly paramEqualities: readonly ParamEquality[];
  readonly ranges: ReadonlyMap<string, RangeCondition>;
  /**
   * Per field with a range condition bounded by a param (a value bound later: an embedded
   * `$count`'s row value), each of its range conditions on its own: a read of them, or a check of
   * an equality's values against them, waits for the value, as the field's `ranges` and
   * `equalities` do not tell. What an aggregate plan made before it (a trial plan, for
   * `explain()`) answers as each row's plan will.
   */
  readonly paramRanges: ReadonlyMap<string, readonly ConjunctRange[]>;
  /** A conjunct is constant false: nothing can match. */
  readonly never: boolean;
}

const sortedDistinct = (values: readonly Value[]): Value[] =>
  [...values]
    .filter((value) => value !== null)
    .sort(compareValues)
    .filter((value, i, all) => i === 0 || compareValues(all[i - 1]!, value) !== 0);

/**
 * Values a node pins `field` to, or undefined when it is not a plain equality (`eq`, `in`, a
 * `like` without a wildcard, an OR of those on one field). Null is no value (`x = NULL` is never
 * TRUE).
 */
export function equalityOf(node: FilterNode): { field: string; values: Value[] } | undefined {
  if (node.kind === 'compare' && node.op === 'eq') return { field: node.field, values: sortedDistinct([node.value]) };
  if (node.kind === 'in' && !node.negated) return { field: node.field, values: sortedDistinct(node.values) };
  if (node.kind === 'like') return likeEquality(node);
  if (node.kind === 'or') {
    const parts = node.children.map(equalityOf);
    const field = parts[0]?.field;
    if (field === undefined || parts.some((part) => part?.field !== field)) return undefined;
    return { field, values: sortedDistinct(parts.flatMap((part) => part!.values)) };
  }
  return undefined;
}

/**
 * A case-sensitive `like` without a wildcard (`like: 'draft'`, `like: '100\\%'`) matches its literal
 * alone, as `eq` does (a non-string matches neither): an equality an index or a search filter reads.
 */
function likeEquality(node: Extract<FilterNode, { kind: 'like' }>): { field: string; values: Value[] } | undefined {
  if (node.negated || node.caseInsensitive) return undefined;
  const { prefix, whole } = likePrefix(node.pattern);
  return whole ? { field: node.field, values: [prefix] } : undefined;
}

/** Intervals strictly between the sorted `values` (and above the last): the complement, nulls excluded. */
function complement(values: readonly Value[]): Interval[] {
  const intervals: Interval[] = [];
  let lower: Value = null;
  for (const value of values) {
    intervals.push({ lower: { value: lower, inclusive: false }, upper: { value, inclusive: false } });
    lower = value;
  }
  intervals.push({ lower: { value: lower, inclusive: false } });
  return intervals;
}

/** The smallest string greater than every string starting with `prefix` (UTF-8 order), if any. */
function prefixSuccessor(prefix: string): string | undefined {
  const points = [...prefix].map((ch) => ch.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last < 0x10ffff) {
      points.push(last === 0xd7ff ? 0xe000 : last + 1);
      return String.fromCodePoint(...points);
    }
  }
  return undefined;
}

/** The comparisons that bound a range on one side. */
export type RangeOp = 'gt' | 'gte' | 'lt' | 'lte';

/** The values `op value` passes: above or below `value`, never null or absent (a comparison with them is not TRUE). */
export function comparisonInterval(op: RangeOp, value: Value): Interval {
  const bound = { value, inclusive: op === 'gte' || op === 'lte' };
  return op === 'gt' || op === 'gte' ? { lower: bound } : { lower: { value: null, inclusive: false }, upper: bound };
}

/** The values a range condition on `field` allows; `exact` when it says no more than them. */
interface FieldIntervals {
  readonly field: string;
  readonly intervals: Interval[];
  readonly exact: boolean;
}

/**
 * A node's range condition (no null operand at the top: see `neverTrue`), if it has one: a
 * comparison, a complement, `isNull`, a `like` prefix, or an AND / OR of range conditions and
 * equalities on one field ({@link combinedRange}).
 */
function rangeOf(node: FilterNode, params: readonly Value[]): FieldIntervals | undefined {
  switch (node.kind) {
    case 'compare':
      if (node.op === 'eq') return undefined;
      return {
        field: node.field,
        intervals: node.op === 'ne' ? complement([node.value]) : [comparisonInterval(node.op, node.value)],
        exact: true,
      };
    case 'in':
      // NOT IN () is TRUE for null rows too, so only a non-empty list is a complement range.
      return node.negated && node.values.length > 0
        ? { field: node.field, intervals: complement(sortedDistinct(node.values)), exact: true }
        : undefined;
    case 'isNull':
      return {
        field: node.field,
        intervals: [
          node.negated ? { lower: { value: null, inclusive: false } } : { upper: { value: null, inclusive: true } },
        ],
        exact: true,
      };
    case 'like': {
      if (node.negated || node.caseInsensitive) return undefined;
      const { prefix, exactPrefixPattern } = likePrefix(node.pattern);
      if (prefix === '') return undefined;
      const next = prefixSuccessor(prefix);
      const interval: Interval = {
        lower: { value: prefix, inclusive: true },
        ...(next === undefined ? {} : { upper: { value: next, inclusive: false } }),
      };
      return { field: node.field, intervals: [interval], exact: exactPrefixPattern };
    }
    case 'and':
    case 'or':
      return combinedRange(node, params);
    default:
      return undefined;
  }
}

/**
 * An AND or OR of range conditions and equalities on one field (`notBetween`'s `a < 1 OR a > 8`,
 * `OR: [{ lt: 1 }, { eq: 5 }]`): the intersection or the union of their intervals, exact when
 * each is (SQL's OR is TRUE where one branch is, its AND where each is). Not when a bound holds a
 * param: its value is not known, so it cannot be ordered against the others. A branch no row
 * passes is left out.
 */
function combinedRange(node: Extract<FilterNode, { kind: 'and' | 'or' }>, params: readonly Value[]) {
  // A child no row passes (a comparison with null at any depth: `neverTrue`) adds nothing to an OR,
  // and an AND holding one is never TRUE; `rangeOf` takes no null operand.
  const children = node.kind === 'or' ? node.children.filter((child) => !neverTrue(child)) : node.children;
  if (children.length === 0 || (node.kind === 'and' && children.some(neverTrue))) return undefined;
  const parts: FieldIntervals[] = [];
  for (const child of children) {
    const equality = equalityOf(child);
    const part = equality
      ? { field: equality.field, intervals: equality.values.map(pointInterval), exact: true }
      : rangeOf(child, params);
    if (!part || part.field !== (parts[0]?.field ?? part.field)) return undefined;
    if (part.intervals.some((interval) => holdsParamBound(interval, params))) return undefined;
    parts.push(part);
  }
  const intervals =
    node.kind === 'or'
      ? unionIntervals(parts.flatMap((part) => part.intervals))
      : parts.map((part) => part.intervals).reduce((all, next) => intersectIntervals(all, next, params));
  return { field: parts[0]!.field, intervals, exact: parts.every((part) => part.exact) };
}

const pointInterval = (value: Value): Interval => ({
  lower: { value, inclusive: true },
  upper: { value, inclusive: true },
});

/**
 * A top-level conjunct without the `OR` branches no row passes ({@link neverTrue}), as
 * conjuncts: `OR: [{ age: { eq: null } }, { done: { ne: true } }]` is `done <> true`, an `OR`
 * of no branch left FALSE. A row passes the filter only when each conjunct is TRUE, and such
 * a branch never makes its `OR` TRUE. Only there: under NOT, a branch that is UNKNOWN (not
 * FALSE) would turn FALSE rows into passing ones. A rule's `OR` stays a rule's (kept as it
 * is, or its rebuilt node marked): the scan budget's advice never names it to the caller.
 */
function withoutNeverTrueBranches(node: FilterNode): readonly FilterNode[] {
  if (node.kind !== 'or') return [node];
  const kept = node.children.filter((child) => !neverTrue(child));
  if (kept.length === node.children.length) return [node];
  const conjuncts = conjunctsOf(orNodes(kept) ?? { kind: 'const', value: false });
  if (isRuleNode(node)) for (const conjunct of conjuncts) markRuleNodes(conjunct);
  return conjuncts;
}

/** One conjunct's equality on a field: its position and the values it allows. */
interface FoundEquality {
  readonly conjunct: number;
  readonly values: readonly Value[];
}

/** The values every one of `sets` holds (each sorted and distinct), by Convex's value equality ({@link valueKey}). */
function intersection(sets: readonly (readonly Value[])[]): Value[] {
  const [first = [], ...rest] = sets;
  const others = rest.map((set) => new Set(set.map(valueKey)));
  return first.filter((value) => others.every((keys) => keys.has(valueKey(value))));
}

/** True when `values` holds one of `params` (a value bound after planning). */
function holdsParam(values: readonly Value[], params: readonly Value[]): boolean {
  return params.length > 0 && values.some((value) => params.includes(value));
}

/**
 * The equality of a field pinned by the conjuncts `found` (in filter order), and whether none of
 * their values can pass them all. Known values intersect, as SQL's AND of them would
 * (`owner = 'vic' AND owner = 'mal'` is never TRUE): a rule's equality and the query's read the
 * rows both allow, never the query's alone with the rule a residual. So do the field's `ranges`
 * (the intersection of its range conditions, then any left out of it: {@link fieldRange}): a
 * value outside one passes no row (`path = 'vic/x' AND path LIKE 'mal/%'` is never TRUE), and
 * their exact conjuncts say nothing more of the values kept, so they are the equality's too. An
 * equality holding a param (a value bound after planning) cannot be intersected: it is the one
 * read (still `never` when the others alone allow no value); what they allow is its `param`
 * equality, for `bindPlan` to intersect once the value is known, so a read of one param answers
 * them (they are its conjuncts, not residual: the query with the value written reads the same).
 */
function fieldEquality(
  field: string,
  found: readonly FoundEquality[],
  params: readonly Value[],
  allRanges: readonly RangeCondition[],
): { equality: EqualityCondition; never: boolean; param?: ParamEquality } {
  // A range bounded by a param is not compared with a value now (its bound is not known): residual.
  const ranges =
    params.length === 0
      ? allRanges
      : allRanges.filter(({ intervals }) => !intervals.some((interval) => holdsParamBound(interval, params)));
  // One equality on the field and no range, as most filters have: nothing to intersect.
  const [only] = found;
  if (found.length === 1 && ranges.length === 0 && !holdsParam(only!.values, params)) {
    return { equality: { conjuncts: [only!.conjunct], values: only!.values }, never: only!.values.length === 0 };
  }
  const limits = ranges.map(({ intervals }) => intervals);
  const known = found.filter(({ values }) => !holdsParam(values, params));
  const values = intersection(known.map((equality) => equality.values)).filter((value) => insideEach(value, limits));
  const never = known.length > 0 && values.length === 0;
  const bound = found.find(({ values }) => holdsParam(values, params));
  if (!bound) {
    const implied = ranges.flatMap(({ exact }) => exact);
    return { equality: { conjuncts: [...known.map(({ conjunct }) => conjunct), ...implied], values }, never };
  }
  const checked = [...known.map(({ conjunct }) => conjunct), ...ranges.flatMap(({ exact }) => exact)];
  // A read of one bound value answers them too: `bindPlan` reads nothing when the value does not pass
  // them. Of a list of params, a value they do not allow would still be read: they stay residual.
  const equality = { conjuncts: [bound.conjunct, ...(bound.values.length === 1 ? checked : [])], values: bound.values };
  if (never) return { equality, never };
  // The known values kept are within the ranges: a bound value is checked against them alone.
  if (known.length > 0) {
    const allowedKeys = new Set(values.map(valueKey));
    return { equality, never, param: { field, values: bound.values, allowed: values, allowedKeys } };
  }
  if (limits.length === 0) return { equality, never };
  return { equality, never, param: { field, values: bound.values, within: limits } };
}

/**
 * Splits a filter into its top-level conjuncts and records, per field, the
 * equalities (`eq`, `in`, same-field `OR` of equalities) and intervals
 * (comparisons, `ne`/`notIn` complements, `like 'prefix%'`, `isNull`, a
 * same-field `OR` / `AND` of these and equalities: {@link combinedRange}) an
 * index range can express: several equalities on one field are intersected,
 * and so are they with its intervals ({@link fieldEquality}), and its
 * intervals with each other ({@link fieldRange}). A conjunct no row can pass (`in: []`, any
 * comparison with null, `notIn` a list holding null: {@link neverTrue})
 * makes the whole filter `never`, a read of nothing, and is not analysed
 * further: no range is built from a null operand. So do equalities on one
 * field that no value passes together, and intervals on one field with no
 * value in common. An `OR` branch no row passes is
 * dropped first, so the rest of its `OR` plans as written alone. `params`
 * stand for values bound after planning (a template's, `explain()`'s `?`):
 * an equality holding one is read, and what the others and the intervals on
 * its field allow is kept for binding (`paramEqualities`).
 */
export function analyzeConditions(filter: FilterNode | null, params: readonly Value[] = []): Conditions {
  const all = conjunctsOf(filter).flatMap(withoutNeverTrueBranches);
  // A constant TRUE (`notIn: []`) or a range every value is in (`OR: [{ isNull }, { isNotNull }]`)
  // says nothing, and an `isNull` said again (a user's own `deletedAt isNull` beside the one the ORM
  // adds) says nothing more; left in, any would be a residual, or a range read as if it narrowed.
  const conjuncts = all.filter(
    (node, i) =>
      !(node.kind === 'const' && node.value) &&
      !everyValueIn(node, params) &&
      !all.slice(0, i).some((earlier) => sameIsNull(earlier, node)),
  );
  const found = new Map<string, FoundEquality[]>();
  const rangesOn = new Map<string, ConjunctRange[]>();
  let never = false;
  conjuncts.forEach((node, i) => {
    if (neverTrue(node)) {
      never = true;
      return;
    }
    const equality = equalityOf(node);
    if (equality) {
      const onField = found.get(equality.field);
      const entry = { conjunct: i, values: equality.values };
      if (onField) onField.push(entry);
      else found.set(equality.field, [entry]);
      return;
    }
    const range = rangeOf(node, params);
    if (!range) return;
    const entry = { conjunct: i, intervals: range.intervals, exact: range.exact };
    const onField = rangesOn.get(range.field);
    if (onField) onField.push(entry);
    else rangesOn.set(range.field, [entry]);
  });
  // Per field, the intersection an index reads, then any condition left out of it.
  const fieldRanges = new Map([...rangesOn].map(([field, onField]) => [field, fieldRange(onField, params)]));
  const paramRanges = new Map<string, ConjunctRange[]>();
  for (const [field, onField] of params.length > 0 ? rangesOn : []) {
    if (onField.some(({ intervals }) => intervals.some((interval) => holdsParamBound(interval, params)))) {
      paramRanges.set(field, onField);
    }
  }
  const ranges = new Map([...fieldRanges].map(([field, [read]]) => [field, read!]));
  never ||= [...ranges.values()].some(({ intervals }) => intervals.length === 0);
  const equalities = new Map<string, EqualityCondition>();
  const paramEqualities: ParamEquality[] = [];
  for (const [field, onField] of found) {
    // Beside a range bounded by a param, the field's other ranges one by one: intersected with it,
    // they would not be checked against the equality's values (a param's bound is not compared).
    const within = paramRanges.has(field)
      ? paramRanges.get(field)!.map(({ conjunct, intervals, exact }) => conjunctCondition(conjunct, intervals, exact))
      : (fieldRanges.get(field) ?? []);
    const { equality, never: noValue, param } = fieldEquality(field, onField, params, within);
    equalities.set(field, equality);
    if (param) paramEqualities.push(param);
    never ||= noValue;
  }
  return { conjuncts, equalities, paramEqualities, ranges, paramRanges, never };
}

/**
 * The plan field of `conditions`' {@link ParamEquality}s: none at all when there are none (a plan
 * without params, or whose params' fields nothing else pins), so `bindPlan` checks nothing then.
 */
export function paramEqualitiesOf({ paramEqualities }: Conditions): { paramEqualities?: readonly ParamEquality[] } {
  return paramEqualities.length > 0 ? { paramEqualities } : {};
}

/** True when `node` is an `OR` of range conditions on one field whose union holds every value, absent included. */
function everyValueIn(node: FilterNode, params: readonly Value[]): boolean {
  if (node.kind !== 'or') return false;
  const range = combinedRange(node, params);
  const [interval, ...more] = range?.intervals ?? [];
  return range?.exact === true && interval !== undefined && more.length === 0 && !interval.lower && !interval.upper;
}

/** True when both nodes are the same `isNull` (or `isNotNull`) of one field. */
function sameIsNull(a: FilterNode, b: FilterNode): boolean {
  return a.kind === 'isNull' && b.kind === 'isNull' && a.field === b.field && a.negated === b.negated;
}

/** The range condition of one conjunct, as {@link fieldRange} makes them. */
function conjunctCondition(conjunct: number, intervals: readonly Interval[], exact: boolean): RangeCondition {
  return { conjuncts: [conjunct], intervals, exact: exact ? [conjunct] : [] };
}
