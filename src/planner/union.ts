import type { Value } from 'convex/values';
import { andNodes, type FilterNode } from '../filter/tree.js';
import { chooseIndex, MAX_RANGES, pinsEquality } from './chooseIndex.js';
import { analyzeConditions, paramEqualitiesOf } from './conditions.js';
import { type IndexRead, indexPlan } from './indexPlan.js';
import type { IndexPlan, OrderSpec, UnionPlan } from './types.js';

/**
 * The read of one branch of an `OR`: its index range when an equality pins it, `'none'` when it can
 * match nothing, null when no index pins it (or it names ids: a get is no range to merge).
 */
function branchRead(read: IndexRead, params: readonly Value[], filter: FilterNode | null): IndexPlan | 'none' | null {
  const conditions = analyzeConditions(filter, params);
  if (conditions.never) return 'none';
  if (conditions.equalities.has('_id')) return null;
  const { choice, overflow } = chooseIndex(read.table, conditions, read.orderBy);
  return pinsEquality(choice) ? indexPlan({ ...read, conditions, choice, overflow }) : null;
}

const sameKey = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((field, i) => field === b[i]);

/**
 * The order a union reads in: the query's, else the single read's own (its index key), so that a
 * query without `orderBy` returns its rows in the order it did before, and a page of it (never a
 * union) agrees.
 */
function unionOrder({ orderBy, choice }: IndexRead): readonly OrderSpec[] {
  return orderBy.length > 0 ? orderBy : choice.sortKey.map((field) => ({ field, direction: choice.order }));
}

/** The union of the `OR` at conjunct `at`, each of its `children` ANDed with the other conjuncts, or null when a branch has no equality to read by. */
function unionOf(
  read: IndexRead,
  params: readonly Value[],
  at: number,
  children: readonly FilterNode[],
): UnionPlan | null {
  const { conjuncts } = read.conditions;
  const others = conjuncts.filter((_, i) => i !== at);
  const ordered = { ...read, orderBy: unionOrder(read) };
  const branches: IndexPlan[] = [];
  for (const child of children) {
    const branch = branchRead(ordered, params, andNodes([...others, child]));
    if (branch === null) return null;
    if (branch !== 'none') branches.push(branch);
  }
  if (branches.reduce((sum, branch) => sum + branch.ranges.length, 0) > MAX_RANGES) return null;
  const [first] = branches;
  // Branches that each give the order, in one index order past their prefixes, merge in it.
  const orderServed = branches.every(
    (branch) => branch.orderServed && branch.order === first!.order && sameKey(branch.sortKey, first!.sortKey),
  );
  return {
    kind: 'union',
    table: read.table.name,
    branches,
    order: first?.order ?? 'asc',
    sortKey: first?.sortKey ?? [],
    orderBy: ordered.orderBy,
    orderServed,
    residual: andNodes(conjuncts)!,
    ...paramEqualitiesOf(read.conditions),
  };
}

/**
 * An `OR` across fields read through an index per branch (DESIGN.md section 14: a read bounded by
 * equality ranges before one that grows with the table): when the single index read `read` pins
 * no field by an equality (it walks the table, its live rows, or a range), the union of the first
 * `OR` conjunct whose every branch an equality pins. `OR: [{ authorId }, { status }]` reads the
 * author's range and the status's, not every post. Null when no `OR` qualifies, or when `read`
 * walks an index in `orderBy` order to stop at a limit and the branches cannot merge in that order
 * (the union would read every match to sort it, the single read may stop early).
 */
export function planUnion(read: IndexRead, params: readonly Value[]): UnionPlan | null {
  if (pinsEquality(read.choice)) return null;
  const { conjuncts } = read.conditions;
  for (let at = 0; at < conjuncts.length; at++) {
    const node = conjuncts[at]!;
    if (node.kind !== 'or') continue;
    const union = unionOf(read, params, at, node.children);
    if (union && (union.orderServed || !read.choice.orderServed || read.limit === undefined)) return union;
  }
  return null;
}
