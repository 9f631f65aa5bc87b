import { compareValues, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { storedField } from '../ownField.js';
import { compileLike, type LikePattern, matchesLike } from './like.js';
import { compareColumnValues } from './mixedNumbers.js';
import type { ComparisonOp, FilterNode, RelationFilterNode } from './tree.js';
import { valueKey } from './valueKey.js';

/** SQL three-valued truth: `null` is UNKNOWN. */
export type Truth = boolean | null;

/** Answers a relation (EXISTS) node for one row; the query layer supplies it. */
export type RelationResolver = (node: RelationFilterNode, row: Record<string, unknown>) => Truth;

/**
 * Evaluates a filter against one document with SQL three-valued logic
 * (Kleene AND/OR/NOT): a comparison with a null or absent value is UNKNOWN.
 * Values compare in Convex's total order (`compareValues`), but two columns'
 * int64 and float64 by their numbers ({@link compareColumnValues}).
 */
export function evaluateFilter(
  node: FilterNode,
  row: Record<string, unknown>,
  resolveRelation?: RelationResolver,
): Truth {
  switch (node.kind) {
    case 'const':
      return node.value;
    case 'test':
      return node.test(row);
    case 'compare': {
      const value = storedField(row, node.field) as Value | undefined;
      if (value === undefined || value === null || node.value === null) return null;
      return compareMatches(node.op, compareValues(value, node.value));
    }
    case 'columns': {
      const value = storedField(row, node.field) as Value | undefined;
      const other = storedField(row, node.other) as Value | undefined;
      if (value === undefined || value === null || other === undefined || other === null) return null;
      return compareMatches(node.op, compareColumnValues(value, other));
    }
    case 'in': {
      const value = storedField(row, node.field) as Value | undefined;
      if (value === undefined || value === null) return node.values.length === 0 ? node.negated : null;
      const { keys, hasNull } = membership(node);
      if (keys.has(valueKey(value))) return !node.negated;
      return hasNull ? null : node.negated;
    }
    case 'like': {
      const value = storedField(row, node.field);
      if (typeof value !== 'string') return null;
      return matchesLike(compiledLike(node), value) !== node.negated;
    }
    case 'isNull': {
      const value = storedField(row, node.field);
      return (value === undefined || value === null) !== node.negated;
    }
    case 'array':
      return evaluateArray(node.op, storedField(row, node.field), node.values);
    case 'and':
      return kleene(node.children, false, row, resolveRelation);
    case 'or':
      return kleene(node.children, true, row, resolveRelation);
    case 'not': {
      const truth = evaluateFilter(node.child, row, resolveRelation);
      return truth === null ? null : !truth;
    }
    case 'relation':
      if (!resolveRelation) {
        throw new OrmError(
          'INVALID_FILTER',
          `No resolver for relation filter "${node.relation}": relation filters work in queries and in update/delete where only.`,
        );
      }
      return resolveRelation(node, row);
  }
}

type LikeNode = Extract<FilterNode, { kind: 'like' }>;

// Compiled once per filter node (a query evaluates one node for many rows), released with the node.
const likePatterns = new WeakMap<LikeNode, LikePattern>();

function compiledLike(node: LikeNode): LikePattern {
  let pattern = likePatterns.get(node);
  if (!pattern) {
    pattern = compileLike(node.pattern, node.caseInsensitive);
    likePatterns.set(node, pattern);
  }
  return pattern;
}

type InNode = Extract<FilterNode, { kind: 'in' }>;
interface Membership {
  readonly keys: ReadonlySet<string>;
  /** A null candidate makes a miss UNKNOWN (`x NOT IN (1, NULL)` is never TRUE). */
  readonly hasNull: boolean;
}

// An `in` list as a set of value keys, built once per node: a row costs one lookup, not one comparison per value.
const memberships = new WeakMap<InNode, Membership>();

function membership(node: InNode): Membership {
  let found = memberships.get(node);
  if (!found) {
    const keys = new Set<string>();
    let hasNull = false;
    for (const candidate of node.values) {
      if (candidate === null) hasNull = true;
      else keys.add(valueKey(candidate));
    }
    found = { keys, hasNull };
    memberships.set(node, found);
  }
  return found;
}

/** True when the whole filter is TRUE for `row` (UNKNOWN does not pass). */
export function matchesFilter(
  node: FilterNode | null,
  row: Record<string, unknown>,
  resolveRelation?: RelationResolver,
): boolean {
  return node === null || evaluateFilter(node, row, resolveRelation) === true;
}

/**
 * Kleene AND (`decisive` false) or OR (`decisive` true): one child equal to
 * `decisive` decides; otherwise any UNKNOWN child makes the result UNKNOWN.
 */
function kleene(
  children: readonly FilterNode[],
  decisive: boolean,
  row: Record<string, unknown>,
  resolveRelation: RelationResolver | undefined,
): Truth {
  let result: Truth = !decisive;
  for (const child of children) {
    const truth = evaluateFilter(child, row, resolveRelation);
    if (truth === decisive) return decisive;
    if (truth === null) result = null;
  }
  return result;
}

function compareMatches(op: ComparisonOp, order: number): boolean {
  switch (op) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'gte':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'lte':
      return order <= 0;
  }
}

function evaluateArray(op: 'contains' | 'contained' | 'overlaps', value: unknown, values: readonly Value[]): Truth {
  if (!Array.isArray(value)) return null;
  switch (op) {
    case 'contains':
      return values.every((item) => includesValue(value, item));
    case 'contained':
      return value.every((item) => includesValue(values, item));
    case 'overlaps':
      return values.some((item) => includesValue(value, item));
  }
}

/**
 * Whether `list` holds a value equal to `item` by Convex's order, the two
 * zeros aside: they are one integer (the ORM stores a nested `integer()` -0
 * as 0; documents written before, or raw, may hold -0). A null element
 * equals nothing, as in Postgres (`ARRAY['a', NULL] @> ARRAY[NULL]` is false).
 */
function includesValue(list: readonly unknown[], item: unknown): boolean {
  if (item === null) return false;
  return list.some((candidate) => candidate === item || compareValues(candidate as Value, item as Value) === 0);
}
