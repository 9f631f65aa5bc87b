import { OrmError } from '../errors.js';
import { markRuleNodes } from '../filter/ruleNodes.js';
import { andNodes, type FilterNode, notNode, orNodes, relationNode } from '../filter/tree.js';
import { analyzeConditions } from '../planner/conditions.js';
import type { AnyRelation } from '../relations/relation.js';
import type { TableConfig } from '../schema/table.js';
import type { RowOperation, SchemaContext } from './schemaContext.js';

/** `deletedAt isNull` for a table with soft or scheduled delete, else `null` (no condition). */
export function notDeleted(table: TableConfig): FilterNode | null {
  return table.deletion ? { kind: 'isNull', field: table.deletion.column, negated: false } : null;
}

/**
 * Which soft-deleted rows a filter's relation filters count. A query's own filter follows its
 * `withDeleted` at every depth: `'live'` (not soft-deleted) or `'all'`. A rule's takes its
 * strictest reading, whatever the query says, by the polarity of each relation filter: one that
 * grants (`'granting'`: an existence the rule passes on) counts live rows only, so a revoked
 * (soft-deleted) grant grants nothing; one under NOT (`'denying'`) counts soft-deleted rows too,
 * so a soft-deleted flagged post still hides its comments. A NOT flips it, at any depth. The
 * junction rows of a many-to-many relation count as its related rows do (`deletedLinks`).
 */
type RelatedRows = 'live' | 'all' | 'granting' | 'denying';

const NEGATED: Record<RelatedRows, RelatedRows> = {
  live: 'live',
  all: 'all',
  granting: 'denying',
  denying: 'granting',
};

/**
 * `filter` of table `key` limited to the rows the caller can see, before
 * planning (so an index serves the conditions): the rules' `read` rule
 * (`orm.db(ctx)` with rules) and `deletedAt isNull` ANDed in at the root
 * (the latter unless `hideDeleted` is false: `withDeleted`, or an update,
 * which may target soft-deleted rows), and both inside every relation
 * filter, at any depth, so existence sees visible rows only (soft-deleted
 * ones too when `hideDeletedRelated` is false: `withDeleted` includes them
 * everywhere in the query's own filter). The rules are the same whatever
 * the query sees ({@link ruleFilter}).
 */
export function visibleRows(
  schema: SchemaContext,
  key: string,
  filter: FilterNode | null,
  hideDeleted = true,
  hideDeletedRelated = hideDeleted,
): FilterNode | null {
  const related = filter && visibleInRelations(schema, key, filter, hideDeletedRelated ? 'live' : 'all');
  // The rule first: relation filters are resolved in the tree's order, and the caller's must never read
  // the related rows of a row the rule hides (how many it reads, or the scan budget, would tell what they hold).
  return andNodes([ruleFilter(schema, key, 'read'), related, hideDeleted ? notDeleted(schema.table(key)) : null]);
}

/**
 * The rows an update (`updateUsing`) or delete may match, as in Postgres
 * RLS: visible ones (`read`, soft-deleted rows unless `hideDeleted` is
 * false) that also pass the operation's rule; the rest are silently not
 * matched. Its relation filters see rows that are not soft-deleted, as a query's do.
 */
export function writableRows(
  schema: SchemaContext,
  key: string,
  filter: FilterNode | null,
  operation: 'updateUsing' | 'delete',
  hideDeleted: boolean,
): FilterNode | null {
  return andNodes([visibleRows(schema, key, filter, hideDeleted, true), ruleFilter(schema, key, operation)]);
}

// Rules being expanded (their relation filters take the target's rules), to stop rules that refer to each other.
const expanding = new Set<string>();
const expanded = new WeakMap<FilterNode, FilterNode>();

/**
 * The rule of table `key` for `operation` (null without rules or with no
 * condition), its relation filters limited to visible rows: rows the
 * target's `read` rule allows, soft-deleted ones by polarity ({@link RelatedRows}).
 * One node per rule, whether the query or statement judging it sees
 * soft-deleted rows or not: `withDeleted` (the caller's to choose) adds
 * soft-deleted rows of the tables queried, and never widens or narrows what
 * a rule allows; a live row and a soft-deleted one are judged alike.
 */
export function ruleFilter(schema: SchemaContext, key: string, operation: RowOperation): FilterNode | null {
  const rule = schema.rules?.filter(key, operation) ?? null;
  if (rule === null) return null;
  const known = expanded.get(rule);
  if (known) return known;
  const at = `${key}.${operation}`;
  if (expanding.has(at)) {
    throw new OrmError(
      'RELATION_CONFIG',
      `The rules recurse: the "${operation}" rule of "${key}" is reached again through relation filters (${[...expanding].join(' -> ')}); a relation filter in a rule sees only rows the target's read rule allows, so break the cycle.`,
      { table: schema.table(key).name },
    );
  }
  expanding.add(at);
  try {
    const result = visibleInRelations(schema, key, rule, 'granting');
    // Told apart from the query's own conditions where their order matters (the planner's `_id` order).
    if (result) markRuleNodes(result);
    expanded.set(rule, result);
    return result;
  } finally {
    expanding.delete(at);
  }
}

/**
 * Makes a through relation's junction `read` rule when the query is parsed, though it applies when
 * the links are read: a rule that refuses (`defaultDeny` for a junction with no entry, rules
 * reaching each other in a cycle) refuses the query whatever rows it finds, as its target's does,
 * where the links are read only for a parent row.
 */
export function resolveJunctionRule(schema: SchemaContext, relation: AnyRelation): void {
  if (relation.through) ruleFilter(schema, relation.through.table, 'read');
}

/**
 * `node` with the visible-rows conditions inside its relation filters, constants folded again (a
 * rule can be FALSE). The related rows pass the target's `read` rule as it always reads (a row
 * the caller can read through no query is never counted: existence would tell them of it), and
 * are soft-deleted or not as `related` says.
 */
function visibleInRelations(schema: SchemaContext, key: string, node: FilterNode, related: RelatedRows): FilterNode {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const children = node.children.map((child) => visibleInRelations(schema, key, child, related));
      // Never null: an AND or OR node has children.
      return (node.kind === 'and' ? andNodes(children) : orNodes(children))!;
    }
    case 'not':
      return notNode(visibleInRelations(schema, key, node.child, NEGATED[related]));
    case 'relation': {
      const relation = schema.relation(key, node.relation)!;
      // A through relation's links pass the junction's read rule too, applied when they are read
      // (`visibleLinks`), not in this node: expanded here all the same, so a cycle through it is
      // refused like any other rather than evaluated without end.
      resolveJunctionRule(schema, relation);
      const target = relation.targetTable;
      const deleted = related === 'all' || related === 'denying';
      const filter = node.filter && visibleInRelations(schema, target, node.filter, related);
      const live = deleted ? null : notDeleted(schema.table(target));
      // The target's rule first, as for the rows queried ({@link visibleRows}).
      const rows = andNodes([ruleFilter(schema, target, 'read'), filter, live]);
      // No related row passes conditions the planner finds contradictory (`gt: 5, lt: 3`, a rule's
      // tenant beside another): FALSE, folded through AND/OR/NOT before the parent is planned.
      // A node of its own, as relationNode makes one: a rule's nodes are marked as the rule's.
      if (rows !== null && analyzeConditions(rows).never) return { kind: 'const', value: false };
      return relationNode(node.relation, rows, deleted && relation.through !== undefined);
    }
    default:
      return node;
  }
}
