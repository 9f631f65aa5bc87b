import type { Value } from 'convex/values';
import { neverTrue } from './neverTrue.js';
import { isRuleNode, markRuleNodes } from './ruleNodes.js';

/** The comparison operators of the filter tree. */
export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';

/** The array operators (`arrayContains`, `arrayContained`, `arrayOverlaps`). */
export type ArrayOp = 'contains' | 'contained' | 'overlaps';

/**
 * The one normalized filter tree every filter syntax compiles to: the
 * where-object grammar, operator expressions (`eq(users.email, x)`) and
 * check constraints. The evaluator, the planner and the mutation layer all
 * consume this tree and nothing else.
 *
 * Values are stored (encoded) Convex values; `field` is a top-level field.
 */
export type FilterNode =
  | { readonly kind: 'compare'; readonly field: string; readonly op: ComparisonOp; readonly value: Value }
  /** Two columns compared (`eq(posts.authorId, users._id)`): a join condition or a same-row comparison. */
  | { readonly kind: 'columns'; readonly field: string; readonly op: ComparisonOp; readonly other: string }
  | { readonly kind: 'in'; readonly field: string; readonly values: readonly Value[]; readonly negated: boolean }
  | {
      readonly kind: 'like';
      readonly field: string;
      readonly pattern: string;
      readonly caseInsensitive: boolean;
      readonly negated: boolean;
    }
  | { readonly kind: 'isNull'; readonly field: string; readonly negated: boolean }
  | { readonly kind: 'array'; readonly field: string; readonly op: ArrayOp; readonly values: readonly Value[] }
  | { readonly kind: 'and'; readonly children: readonly FilterNode[] }
  | { readonly kind: 'or'; readonly children: readonly FilterNode[] }
  | { readonly kind: 'not'; readonly child: FilterNode }
  /**
   * A relation filter; through a junction, `deletedLinks` counts soft-deleted junction rows too
   * (set where the filter is limited to visible rows: by a query's `withDeleted`, in a rule by polarity).
   */
  | {
      readonly kind: 'relation';
      readonly relation: string;
      readonly filter: FilterNode | null;
      readonly deletedLinks?: true;
    }
  | { readonly kind: 'const'; readonly value: boolean }
  /** A row test no other node can express (a function rule); always a residual filter. */
  | { readonly kind: 'test'; readonly label: string; readonly test: (row: Record<string, unknown>) => boolean };

/** A relation filter (SQL EXISTS): a related row exists that matches `filter` (any row when null). */
export type RelationFilterNode = Extract<FilterNode, { kind: 'relation' }>;

/**
 * `field IN values` (`NOT IN` when negated). An empty list is a constant, as
 * in Drizzle: `IN ()` is FALSE and `NOT IN ()` is TRUE for every row, rows
 * with a null or absent field included.
 */
export function membershipNode(field: string, values: readonly Value[], negated: boolean): FilterNode {
  return values.length === 0 ? { kind: 'const', value: negated } : { kind: 'in', field, values, negated };
}

// The comparison each one's NOT is: in three-valued logic `NOT (a < 8)` is `a >= 8`, UNKNOWN where it is.
const NEGATED_OP: Readonly<Record<ComparisonOp, ComparisonOp>> = {
  eq: 'ne',
  ne: 'eq',
  gt: 'lte',
  gte: 'lt',
  lt: 'gte',
  lte: 'gt',
};

/**
 * NOT of `child`, pushed down to the leaves as Postgres's planner pushes it (`negate_clause`), so
 * the planner reads an index for it: NOT of a constant is the other constant (`NOT { in: [] }` is
 * no residual), of a comparison its opposite, of `in` / `like` / `isNull` their negation, of
 * AND / OR the OR / AND of the children's NOT (De Morgan), of a NOT its child; each exactly the
 * same truth in SQL's three-valued logic (a comparison of two columns too: each operator reads
 * the sign of one comparison of the pair, `compareColumnValues`, and a null on either side is
 * UNKNOWN both ways). A NOT stays around what has no opposite node: a relation filter, an array
 * operator, a function rule.
 */
export function notNode(child: FilterNode): FilterNode {
  switch (child.kind) {
    case 'const':
      return { kind: 'const', value: !child.value };
    case 'not':
      return child.child;
    case 'compare':
    case 'columns':
      return { ...child, op: NEGATED_OP[child.op] };
    case 'in':
    case 'like':
    case 'isNull':
      return { ...child, negated: !child.negated };
    case 'and':
      return orNodes(child.children.map(notNode))!;
    case 'or':
      return andNodes(child.children.map(notNode))!;
    default:
      return { kind: 'not', child };
  }
}

/**
 * EXISTS a row of `relation` matching `filter` (any row when null; through a
 * junction, by soft-deleted links too when `deletedLinks`). A filter no
 * row can pass (FALSE, or a comparison with null: {@link neverTrue}) makes it
 * FALSE (its NOT TRUE), which folds through AND/OR/NOT like `{ in: [] }`: a
 * where that can match nothing reads nothing.
 */
export function relationNode(relation: string, filter: FilterNode | null, deletedLinks = false): FilterNode {
  if (filter !== null && neverTrue(filter)) return { kind: 'const', value: false };
  return deletedLinks ? { kind: 'relation', relation, filter, deletedLinks } : { kind: 'relation', relation, filter };
}

/**
 * `kind` of `children`, nested nodes of the same kind flattened and
 * constants folded (TRUE is AND's identity and absorbs OR, FALSE the
 * reverse), so the planner sees `OR: [{ in: [] }, { email }]` as `email`.
 * `null` (no condition) only when no child was given at all.
 */
function combineNodes(kind: 'and' | 'or', children: readonly (FilterNode | null)[]): FilterNode | null {
  // One condition among nulls, as most are (a where beside no rule and no deletion column): itself,
  // without a list made (this runs for every query and statement, a hook's update once per row).
  let only: FilterNode | null = null;
  let given = 0;
  for (const child of children) {
    if (child === null) continue;
    only = child;
    given++;
  }
  if (given <= 1) return only;
  const identity = kind === 'and';
  const flat: FilterNode[] = [];
  let sawIdentity = false;
  for (const child of children) {
    if (child === null) continue;
    if (child.kind === 'const') {
      if (child.value !== identity) return child;
      sawIdentity = true;
    } else if (child.kind === kind) flat.push(...child.children);
    else flat.push(child);
  }
  if (flat.length === 0) return sawIdentity ? { kind: 'const', value: identity } : null;
  const merged = kind === 'or' ? withRelationsMerged(flat) : flat;
  return merged.length === 1 ? merged[0]! : { kind, children: merged };
}

/**
 * OR branches with the relation filters that read the same rows merged into one:
 * EXISTS(A) OR EXISTS(B) is EXISTS(A OR B) (EXISTS is never UNKNOWN), so each parent's related
 * rows are read once, not once per branch. Only nodes alike in all but their filter: the same
 * relation, junction rows read alike (`deletedLinks`), and both a rule's or both the query's (a
 * rule's come expanded, its target's rule and deletion visibility inside; the query's are
 * expanded later, so merged one would be read as the other). Not under AND: EXISTS(A) AND
 * EXISTS(B) asks for two rows, not one passing both.
 */
function withRelationsMerged(branches: FilterNode[]): FilterNode[] {
  let relations = 0;
  for (const branch of branches) if (branch.kind === 'relation') relations++;
  if (relations < 2) return branches;
  const merged: FilterNode[] = [];
  for (const branch of branches) {
    const at = branch.kind === 'relation' ? merged.findIndex((other) => mergeable(other, branch)) : -1;
    if (at === -1) merged.push(branch);
    else merged[at] = mergedRelation(merged[at] as RelationFilterNode, branch as RelationFilterNode);
  }
  return merged;
}

const mergeable = (a: FilterNode, b: RelationFilterNode): a is RelationFilterNode =>
  a.kind === 'relation' &&
  a.relation === b.relation &&
  a.deletedLinks === b.deletedLinks &&
  isRuleNode(a) === isRuleNode(b);

/** EXISTS(a's filter OR b's): a null filter (any related row) absorbs the other. */
function mergedRelation(a: RelationFilterNode, b: RelationFilterNode): FilterNode {
  const filter = a.filter === null || b.filter === null ? null : orNodes([a.filter, b.filter]);
  const node = relationNode(a.relation, filter, a.deletedLinks === true);
  if (isRuleNode(a)) markRuleNodes(node);
  return node;
}

/** The AND-ed conditions of a filter: its children when it is an AND, else itself (none for `null`). */
export const conjunctsOf = (node: FilterNode | null): readonly FilterNode[] =>
  node === null ? [] : node.kind === 'and' ? node.children : [node];

/** AND of `children`, flattened; `null` when there is nothing to AND. */
export const andNodes = (children: readonly (FilterNode | null)[]): FilterNode | null => combineNodes('and', children);

/** OR of `children`, flattened; `null` when there is nothing to OR. */
export const orNodes = (children: readonly (FilterNode | null)[]): FilterNode | null => combineNodes('or', children);

/** The fields a filter reads (relation sub-filters excluded). */
export function filterFields(node: FilterNode | null): Set<string> {
  const fields = new Set<string>();
  if (node) addFields(node, fields);
  return fields;
}

function addFields(node: FilterNode, fields: Set<string>): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) addFields(child, fields);
      return;
    case 'not':
      addFields(node.child, fields);
      return;
    case 'relation':
    case 'const':
    case 'test':
      return;
    case 'columns':
      fields.add(node.field).add(node.other);
      return;
    default:
      fields.add(node.field);
  }
}

/** The relation (EXISTS) nodes of a filter, outermost first; nodes inside them are not visited. */
export function relationNodes(node: FilterNode | null): RelationFilterNode[] {
  if (node === null) return [];
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.flatMap(relationNodes);
    case 'not':
      return relationNodes(node.child);
    case 'relation':
      return [node];
    default:
      return [];
  }
}

/** `node` with every field renamed `table.field` (relation filters keep their own table's fields). */
export function qualifyFields(node: FilterNode, table: string): FilterNode {
  return mapFields(node, (field) => `${table}.${field}`);
}

/** `node` with every field renamed by `rename` (relation sub-filters untouched). */
export function mapFields(node: FilterNode, rename: (field: string) => string): FilterNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((child) => mapFields(child, rename)) };
    case 'not':
      return { kind: 'not', child: mapFields(node.child, rename) };
    case 'relation':
    case 'const':
    case 'test': // a function rule reads its own table's row
      return node;
    case 'columns':
      return { ...node, field: rename(node.field), other: rename(node.other) };
    default:
      return { ...node, field: rename(node.field) };
  }
}
