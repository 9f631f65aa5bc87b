import type { Value } from 'convex/values';
import { isCommitTsPlaceholder } from '../commitTs.js';
import type { FilterNode } from '../filter/tree.js';
import { MAX_RANGES } from './evaluateIndex.js';
import { rangeChains } from './rangeChains.js';
import type { Bound, IndexPlan, IndexRange, Interval, ParamEquality, Plan, RangeOverflow } from './types.js';

/**
 * A value as `explain()` prints it: JSON, except what JSON cannot say (`7n`, `NaN`, `-Infinity`,
 * `-0`, `<bytes>`), nested values included.
 */
export function showValue(value: Value): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number')
    return Object.is(value, -0) ? '-0' : Number.isFinite(value) ? JSON.stringify(value) : String(value);
  if (value instanceof ArrayBuffer) return '<bytes>';
  // `ctx.db.vars.commitTs`: no object of fields, and its JSON throws.
  if (isCommitTsPlaceholder(value)) return '<commit timestamp>';
  if (Array.isArray(value)) return `[${value.map(showValue).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, field]) => field !== undefined);
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${showValue(field as Value)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const SYMBOLS = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** A filter tree as readable text: `(age > 30 and exists posts(title like "a%"))`. */
export function describeFilter(node: FilterNode): string {
  switch (node.kind) {
    case 'compare':
      return `${node.field} ${SYMBOLS[node.op]} ${showValue(node.value)}`;
    case 'columns':
      return `${node.field} ${SYMBOLS[node.op]} ${node.other}`;
    case 'in':
      return `${node.field} ${node.negated ? 'not in' : 'in'} [${node.values.map(showValue).join(', ')}]`;
    case 'like':
      return `${node.field} ${node.negated ? 'not ' : ''}${node.caseInsensitive ? 'ilike' : 'like'} ${showValue(node.pattern)}`;
    case 'isNull':
      return `${node.field} is ${node.negated ? 'not ' : ''}null`;
    case 'array':
      return `${node.field} ${node.op} [${node.values.map(showValue).join(', ')}]`;
    case 'and':
    case 'or':
      return `(${node.children.map(describeFilter).join(` ${node.kind} `)})`;
    case 'not':
      return `not ${describeFilter(node.child)}`;
    case 'relation':
      return `exists ${node.relation}${node.filter ? `(${describeFilter(node.filter)})` : ''}`;
    case 'const':
      return String(node.value);
    case 'test':
      return node.label;
  }
}

/** One bound of an interval on `field` as text: `publishedAt > 5`, `authorId <= "k57…"`. */
export function describeBound(field: string, bound: Bound, lower: boolean): string {
  const op = lower ? (bound.inclusive ? '>=' : '>') : bound.inclusive ? '<=' : '<';
  return `${field} ${op} ${showValue(bound.value)}`;
}

/** One index range as text: `authorId = "k57…", publishedAt > 5`. */
function describeRange(plan: IndexPlan, range: IndexRange): string {
  const parts = range.eq.map((value, i) =>
    value === undefined ? `${plan.keyFields[i]} is absent` : `${plan.keyFields[i]} = ${showValue(value)}`,
  );
  const field = plan.keyFields[range.eq.length]!;
  if (range.interval?.lower) parts.push(describeBound(field, range.interval.lower, true));
  if (range.interval?.upper) parts.push(describeBound(field, range.interval.upper, false));
  return parts.length ? parts.join(', ') : 'all';
}

/** Why an index was left out: `index "by_author" would need 5000 ranges for authorId, more than …`. */
export function describeOverflow({ index, field, ranges, resumed }: RangeOverflow): string {
  const when = resumed ? ' on a later page (each resumed after the cursor and cut at an endCursor)' : '';
  return `index "${index}" would need ${ranges} ranges for ${field}${when}, more than the ${MAX_RANGES} one transaction may read (the default index-range budget)`;
}

/** What `explain()` shows about the read of one table. */
export interface PlanDescription {
  readonly table: string;
  /**
   * `get` (by `_id`), `index` (index ranges), `union` (an `OR` across fields, each branch through
   * its own index: `indexes`, and `ranges` prefixed by their index), `search` (a search index) or
   * `none` (the filter can match nothing).
   */
  readonly read: 'get' | 'index' | 'union' | 'search' | 'none';
  readonly index?: string;
  /** A union's branches' indexes, one per branch. */
  readonly indexes?: readonly string[];
  readonly ranges: readonly string[];
  readonly residual: string | null;
  /** For a search: the text searched and the filter-field equalities the search index applies. */
  readonly search?: string;
  /** Where the order comes from: the index (`index asc`/`index desc`), relevance, or an in-memory sort. */
  readonly order: string;
  readonly fullScan: boolean;
  readonly suggestedIndex?: readonly string[];
  /** Why an index the filter names was not used (a list needing more ranges than a transaction reads). */
  readonly unusedIndex?: string;
  /**
   * For a read through a value bound later (`?`: a relation's or join's key) on a field other
   * equalities or ranges constrain too (a rule's): the values it reads anything for, `owner in
   * ["mal"]`, `path >= "mal/" and path < "mal0"`; bound to any other, the read reads nothing.
   */
  readonly boundWithin?: readonly string[];
  /**
   * `'in turn'` when the ranges come one after another in the read's order: they are read so, in
   * the order listed, each only as far as needed, and a read that stops early opens none after
   * ({@link rangeChains}). Absent: the ranges are merged, each opened.
   */
  readonly rangesRead?: 'in turn';
}

/** Intervals on one field as text: `path >= "mal/" and path < "mal0"`, several as `(… or …)`. */
function describeIntervals(field: string, intervals: readonly Interval[]): string {
  const each = intervals.map(({ lower, upper }) =>
    [lower && describeBound(field, lower, true), upper && describeBound(field, upper, false)]
      .filter((part) => part !== undefined)
      .join(' and '),
  );
  return each.length === 1 ? each[0]! : `(${each.join(' or ')})`;
}

/** What a param equality's bound value must be to read anything: `owner in ["mal"]`, `level > null and level <= 2`. */
function describeParamEquality({ field, allowed, within = [] }: ParamEquality): string {
  const values = allowed ? [`${field} in [${allowed.map(showValue).join(', ')}]`] : [];
  return [...values, ...within.map((intervals) => describeIntervals(field, intervals))].join(' and ');
}

/** The `boundWithin` of a plan's param equalities, when it has any. */
function describeParamEqualities(paramEqualities: readonly ParamEquality[] | undefined) {
  return paramEqualities ? { boundWithin: paramEqualities.map(describeParamEquality) } : {};
}

/** A plan as plain data for `explain()`. */
export function describePlan(plan: Plan): PlanDescription {
  switch (plan.kind) {
    case 'empty':
      return { table: plan.table, read: 'none', ranges: [], residual: null, order: 'none', fullScan: false };
    case 'get':
      return {
        table: plan.table,
        read: 'get',
        ranges: plan.ids.map((id) => `_id = ${showValue(id)}`),
        residual: plan.residual && describeFilter(plan.residual),
        order: plan.orderBy.length ? 'memory' : 'ids',
        fullScan: false,
        ...describeParamEqualities(plan.paramEqualities),
      };
    case 'index': {
      const chains = rangeChains(plan);
      const inTurn = chains.length === 1 && plan.ranges.length > 1;
      return {
        table: plan.table,
        read: 'index',
        index: plan.index,
        ranges: (inTurn ? chains[0]! : plan.ranges).map((range) => describeRange(plan, range)),
        ...(inTurn ? { rangesRead: 'in turn' as const } : {}),
        residual: plan.residual && describeFilter(plan.residual),
        order: plan.orderServed ? `index ${plan.order}` : 'memory',
        fullScan: plan.fullScan,
        ...(plan.suggestedIndex ? { suggestedIndex: plan.suggestedIndex } : {}),
        ...(plan.rangeOverflow ? { unusedIndex: describeOverflow(plan.rangeOverflow) } : {}),
        ...describeParamEqualities(plan.paramEqualities),
      };
    }
    case 'union':
      return {
        table: plan.table,
        read: 'union',
        indexes: plan.branches.map((branch) => branch.index),
        ranges: plan.branches.flatMap((branch) =>
          branch.ranges.map((range) => `${branch.index}: ${describeRange(branch, range)}`),
        ),
        residual: describeFilter(plan.residual),
        order: plan.orderServed ? `index ${plan.order}` : 'memory',
        fullScan: false,
        ...describeParamEqualities(plan.paramEqualities),
      };
    case 'search':
      return {
        table: plan.table,
        read: 'search',
        index: plan.index,
        search: `${plan.searchField} matches ${showValue(plan.query)}`,
        ranges: plan.filters.map(({ field, value }) => `${field} = ${showValue(value)}`),
        residual: plan.residual && describeFilter(plan.residual),
        order: 'relevance',
        fullScan: false,
        ...describeParamEqualities(plan.paramEqualities),
      };
  }
}
