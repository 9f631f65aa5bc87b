import type { Value } from 'convex/values';
import { andNodes, type FilterNode } from '../filter/tree.js';
import type { TableConfig } from '../schema/table.js';
import {
  type BoundedFields,
  boundedFields,
  chooseIndex,
  equalityStrength,
  type IndexPreference,
  narrowsPastLiveRows,
  pinsEquality,
} from './chooseIndex.js';
import { analyzeConditions, type Conditions, paramEqualitiesOf } from './conditions.js';
import { type IndexChoice, MAX_RANGES, resumedRanges } from './evaluateIndex.js';
import { type IndexRead, indexPlan, plannedRanges } from './indexPlan.js';
import type { EmptyPlan, IndexPlan, OrderSpec, UnionPlan } from './types.js';

/** A branch's read, the ranges a later page of it opens at most (resumed after a cursor, cut at an end), and how narrow its equality is. */
interface Branch {
  readonly plan: IndexPlan;
  readonly resumedRanges: number;
  readonly strength: readonly number[];
}

/**
 * What each branch of a union must narrow past when the single index read pins an equality
 * already: the fields it bounds, and how narrow its equality is ({@link equalityStrength}).
 * `[0, 0]`, no field, when it pins none.
 */
interface Floor extends BoundedFields {
  readonly strength: readonly number[];
}

const NO_FLOOR: Floor = { pinned: [], ranged: undefined, strength: [0, 0] };

/**
 * How the branches of a union are read: past which equality ({@link Floor}), and what their index
 * ranks first ({@link IndexPreference}): the narrowest equality where the read takes every match
 * anyway (no limit stops it, no page walks it), an equality that serves the order where merging
 * in it may stop the read at a limit.
 */
interface BranchTerms {
  readonly floor: Floor;
  readonly preference: IndexPreference;
}

/**
 * The choice reads within the floor's read (it pins each field the floor pins, and pins or reads
 * a range of the one it reads a range of, to values the floor's conditions allow, as a branch
 * holds them too) and narrows past it: it pins more fields. Past {@link NO_FLOOR}, it pins any
 * field. A branch that drops the floor's range (`(projectId, ownerId)` beside `(projectId, n >=
 * 195)`) may read every row of its equality: not narrower.
 */
function narrowsPast(choice: IndexChoice, table: TableConfig, floor: Floor): boolean {
  const { pinned, ranged } = boundedFields(choice, table);
  const within =
    floor.pinned.every((field) => pinned.includes(field)) &&
    (floor.ranged === undefined || floor.ranged === ranged || pinned.includes(floor.ranged));
  return within && pinned.length > floor.pinned.length;
}

/**
 * The read of one branch of an `OR`: its index range when an equality pins it past the floor,
 * `'none'` when it can match nothing, null when no index does (or it names ids: a get is no range
 * to merge). The index that serves the order may pin no more than the floor where another does:
 * then the narrowest is read, its rows sorted.
 */
function branchRead(
  read: IndexRead,
  params: readonly Value[],
  filter: FilterNode | null,
  { floor, preference }: BranchTerms,
): Branch | 'none' | null {
  const conditions = analyzeConditions(filter, params);
  if (conditions.never) return 'none';
  if (conditions.equalities.has('_id')) return null;
  let picked = chooseIndex(read.table, conditions, read.orderBy, preference);
  if (preference !== 'narrowest' && floor.pinned.length > 0 && !narrowsPast(picked.choice, read.table, floor)) {
    picked = chooseIndex(read.table, conditions, read.orderBy, 'narrowest');
  }
  const { choice, overflow } = picked;
  if (!narrowsPast(choice, read.table, floor)) return null;
  return {
    plan: indexPlan({ ...read, conditions, choice, overflow }),
    resumedRanges: resumedRanges(choice),
    strength: equalityStrength(choice, read.table),
  };
}

/** `specs`, then each of `fields` not among them yet, in `direction`. */
function thenBy(specs: readonly OrderSpec[], fields: readonly string[], direction: 'asc' | 'desc'): OrderSpec[] {
  const added = fields.filter((field) => !specs.some((spec) => spec.field === field));
  return [...specs, ...added.map((field) => ({ field, direction }))];
}

/**
 * The union's order, total: the query's `orderBy`, then the key of the index a page of the query
 * walks (without `orderBy`, that key alone), so that rows tied on `orderBy` come in the order its
 * pages give (and, without `orderBy`, in the single index read's order); when no index gives a
 * page its order (no page of it reads one index), `_creationTime` and `_id`.
 */
function totalOrder({ orderBy }: IndexRead, page: IndexChoice): OrderSpec[] {
  return thenBy(orderBy, page.orderServed ? page.sortKey : ['_creationTime', '_id'], page.order);
}

const sameFields = (specs: readonly OrderSpec[], fields: readonly string[]) =>
  specs.length === fields.length && specs.every(({ field }, i) => field === fields[i]);

/**
 * How many filter nodes planning the unions of one read may analyze: each branch is the whole
 * filter with one `OR` swapped for one of its children, so an AND of k `OR`s of k children is k²
 * analyses of a filter of k² nodes. Past it, the `OR`s not yet tried stay residual. A filter of a
 * few dozen nodes with a few `OR`s stays far below it.
 */
const PLANNING_NODES = 50_000;

/** The nodes of a filter the planner analyzes (a relation filter's own filter is planned apart). */
function nodeCount(node: FilterNode): number {
  if (node.kind === 'and' || node.kind === 'or') return node.children.reduce((sum, child) => sum + nodeCount(child), 1);
  return node.kind === 'not' ? 1 + nodeCount(node.child) : 1;
}

/** A union that may be read, and how narrow its reads are likely to be: its weakest branch's equality. */
interface Candidate {
  readonly plan: UnionPlan;
  readonly weakest: readonly number[];
}

/**
 * A branch whose pinned fields past the floor's are all booleans or enums ({@link equalityStrength}):
 * each value many rows share.
 */
const isBroad = ({ strength }: Branch, floor: Floor) =>
  strength[1]! - floor.strength[1]! <= -(strength[0]! - floor.strength[0]!);

/** Compares equality strengths lexicographically (negative: `a` is weaker). */
function compareStrength(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * The union of the `OR` at conjunct `at`, each of its `children` ANDed with the other conjuncts and
 * read by `terms`, or null when a branch has no equality to read by or does not narrow past the
 * floor; `'broad'` when two branches pin only booleans or enums past it ({@link isBroad});
 * `'empty'` when every branch matches nothing.
 */
function unionOf(
  read: IndexRead,
  params: readonly Value[],
  at: number,
  children: readonly FilterNode[],
  page: IndexChoice,
  terms: BranchTerms,
): Candidate | 'broad' | 'empty' | null {
  const { conjuncts } = read.conditions;
  const others = conjuncts.filter((_, i) => i !== at);
  const order = totalOrder(read, page);
  const reads: Branch[] = [];
  for (const child of children) {
    const branch = branchRead({ ...read, orderBy: order }, params, andNodes([...others, child]), terms);
    if (branch === null) return null;
    if (branch !== 'none') reads.push(branch);
  }
  // Every branch matches nothing: the read is of nothing, narrower than any.
  if (reads.length === 0) return 'empty';
  const branches = reads.map(({ plan }) => plan);
  const direction = branches[0]!.order;
  // Branches that each read in the order merge in it, compared on all its fields in one direction:
  // a field a branch pins to one value orders nothing in it, but tells its rows from another
  // branch's, in that direction, so every field of the order must be in it.
  const orderServed =
    order.every((spec) => spec.direction === direction) &&
    branches.every((branch) => branch.orderServed && branch.order === direction);
  const plan: UnionPlan = {
    kind: 'union',
    table: read.table.name,
    branches,
    order: direction,
    sortKey: orderServed ? order.map(({ field }) => field) : [],
    orderBy: order,
    orderServed,
    // A page resumes each branch after its cursor's key, which must be the branch's own index key;
    // and its later pages must open no more ranges than a transaction reads, as a first page.
    pageable:
      orderServed &&
      branches.every((branch) => sameFields(order, branch.sortKey)) &&
      reads.reduce((sum, branch) => sum + branch.resumedRanges, 0) <= MAX_RANGES,
    residual: andNodes(conjuncts)!,
    ...paramEqualitiesOf(read.conditions),
  };
  if (plannedRanges(plan) > MAX_RANGES) return null;
  // Two broad branches may each hold most of the table: the union would read it about once each.
  if (reads.filter((branch) => isBroad(branch, terms.floor)).length > 1) return 'broad';
  let weakest = reads[0]!.strength;
  for (const { strength } of reads) if (compareStrength(strength, weakest) < 0) weakest = strength;
  return { plan, weakest };
}

/**
 * True when an `OR` conjunct of `conditions` has no branch a row passes beside the other
 * conjuncts (`{ ownerId: 'al', OR: [{ ownerId: 'bo' }, { ownerId: 'cy' }] }`): a read of nothing.
 * {@link planUnion} finds it as its `empty` case; a keyed read, which stays in its key's index and
 * plans no union, asks this alone. Tried while the planning fits {@link PLANNING_NODES}.
 */
export function orMatchesNothing(conditions: Conditions, params: readonly Value[]): boolean {
  const { conjuncts } = conditions;
  for (const at of plannableOrs(conjuncts)) {
    const others = conjuncts.filter((_, i) => i !== at);
    const { children } = conjuncts[at] as Extract<FilterNode, { kind: 'or' }>;
    if (children.every((child) => analyzeConditions(andNodes([...others, child]), params).never)) return true;
  }
  return false;
}

const isOr = (node: FilterNode): boolean => node.kind === 'or';

/**
 * The positions of the `OR` conjuncts of `conjuncts`, in order, while planning them fits
 * {@link PLANNING_NODES}: each plans every branch beside the whole filter.
 */
function plannableOrs(conjuncts: readonly FilterNode[]): number[] {
  // Most filters hold no OR: no walk of their nodes then (keyed reads ask per plan).
  if (!conjuncts.some(isOr)) return [];
  const size = conjuncts.reduce((sum, node) => sum + nodeCount(node), 0);
  const found: number[] = [];
  let left = PLANNING_NODES;
  for (let at = 0; at < conjuncts.length; at++) {
    const node = conjuncts[at]!;
    if (node.kind !== 'or') continue;
    left -= size * node.children.length;
    if (left < 0) break;
    found.push(at);
  }
  return found;
}

/**
 * An `OR` read through an index per branch (DESIGN.md section 14: a read bounded by equality ranges
 * before one that grows with the table):
 * - the union of an `OR` conjunct whose every branch an equality pins, where the single index read
 *   `read` pins no field by an equality (it walks the table, its live rows, or a range), or where
 *   each branch pins more fields than it does, its own among them (and pins or bounds the field it
 *   takes a range of: {@link narrowsPast}). `OR: [{ authorId }, { status }]` reads the author's
 *   range and the status's, not every post; `{ projectId, OR: [{ ownerId: viewer }, { public:
 *   true, archived: false }] }` the project's rows of each branch, not every row of the project;
 * - a read of nothing (`empty`) where every branch of an `OR` matches nothing beside the rest;
 * - where the read takes every match anyway (no limit stops it, no page walks it), each branch by
 *   its narrowest equality; else by one that serves the order, to merge and stop at the limit;
 * - of several such `OR`s (a rule's beside the query's own), the one whose weakest branch pins the
 *   narrowest equality ({@link equalityStrength}: an id before a text before a boolean), the first
 *   of equals;
 * - not by a page (`inIndexOrder`) it cannot serve (`pageable`), nor when `read` walks a range in
 *   `orderBy` order to stop at a limit and the branches cannot merge in that order: the union would
 *   read every match to sort it, the single read may stop early (unless the limit only caps the
 *   read, `capped`). A walk of the whole table (or its live rows) in order is not kept so: it may
 *   read all of it before the limit's rows match, where the union reads its branches' matches;
 * - not where a branch only an index range narrows, nor two broad branches (each pins only booleans
 *   or enums past what `read` pins, whose rows may be most of the table or of its equality): a
 *   range's size is unknown, and the union would read the rows the branches share once per branch,
 *   up to the table once each (`'broad'` when that alone kept an `OR` residual over a read pinning
 *   nothing); one broad branch adds at most the table to the others'.
 * The `OR`s are tried while their planning fits {@link PLANNING_NODES}.
 */
export function planUnion(
  read: IndexRead,
  params: readonly Value[],
  inIndexOrder: boolean,
  capped: boolean,
): UnionPlan | EmptyPlan | 'broad' | null {
  const floor: Floor = pinsEquality(read.choice)
    ? { ...boundedFields(read.choice, read.table), strength: equalityStrength(read.choice, read.table) }
    : NO_FLOOR;
  const everyMatch = !inIndexOrder && (read.limit === undefined || capped);
  const terms: BranchTerms = { floor, preference: everyMatch ? 'narrowest' : 'query' };
  const { conjuncts } = read.conditions;
  let page: IndexChoice | undefined;
  let best: Candidate | null = null;
  let broad = false;
  for (const at of plannableOrs(conjuncts)) {
    const node = conjuncts[at] as Extract<FilterNode, { kind: 'or' }>;
    page ??= inIndexOrder ? read.choice : chooseIndex(read.table, read.conditions, read.orderBy, 'page').choice;
    const candidate = unionOf(read, params, at, node.children, page, terms);
    // An OR no row passes beside the rest of the filter: nothing to read, in any order or page.
    if (candidate === 'empty') return { kind: 'empty', table: read.table.name };
    broad ||= candidate === 'broad';
    if (candidate === null || candidate === 'broad' || !readable(candidate.plan, read, inIndexOrder, capped)) continue;
    if (best === null || compareStrength(candidate.weakest, best.weakest) > 0) best = candidate;
  }
  // Beside a read an equality bounds, an OR left residual needs no advice: the read is not the table's.
  return best?.plan ?? (broad && floor.pinned.length === 0 ? 'broad' : null);
}

/** Whether `union` may replace `read`: see {@link planUnion}. */
function readable(plan: UnionPlan, read: IndexRead, inIndexOrder: boolean, capped: boolean): boolean {
  if (inIndexOrder && !plan.pageable) return false;
  if (plan.orderServed || capped || !read.choice.orderServed || read.limit === undefined) return true;
  return !narrowsPastLiveRows(read.choice, read.table);
}
