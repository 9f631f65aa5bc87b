import { OrmError } from '../errors.js';
import { filterKey } from '../filter/filterKey.js';
import { andNodes, type FilterNode, notNode, orNodes, relationNode } from '../filter/tree.js';
import type { TableConfig } from '../schema/table.js';
import type { RowOperation, SchemaContext } from './schemaContext.js';

/** `deletedAt isNull` for a table with soft or scheduled delete, else `null` (no condition). */
export function notDeleted(table: TableConfig): FilterNode | null {
  return table.deletion ? { kind: 'isNull', field: table.deletion.column, negated: false } : null;
}

/**
 * `filter` of table `key` limited to the rows the caller can see, before
 * planning (so an index serves the conditions): the rules' `read` rule
 * (`orm.db(ctx)` with rules) and `deletedAt isNull` ANDed in at the root
 * (the latter unless `hideDeleted` is false: `withDeleted`, or an update,
 * which may target soft-deleted rows), and both inside every relation
 * filter, at any depth, so existence sees visible rows only (soft-deleted
 * ones too when `hideDeletedRelated` is false: `withDeleted` includes them
 * everywhere in the query, the relation filters of its rules included, so
 * a rule is judged on the rows the query sees).
 */
export function visibleRows(
  schema: SchemaContext,
  key: string,
  filter: FilterNode | null,
  hideDeleted = true,
  hideDeletedRelated = hideDeleted,
): FilterNode | null {
  const related = filter && visibleInRelations(schema, key, filter, hideDeletedRelated);
  const rule = ruleFilter(schema, key, 'read', hideDeletedRelated);
  return andNodes([related, rule, hideDeleted ? notDeleted(schema.table(key)) : null]);
}

/**
 * The rows an update (`updateUsing`) or delete may match, as in Postgres
 * RLS: visible ones (`read`, soft-deleted rows unless `hideDeleted` is
 * false) that also pass the operation's rule; the rest are silently not
 * matched. `filter`'s relation filters see rows that are not soft-deleted, as
 * a query's do. The rules judge a live row as a query reads it (their relation
 * filters see live rows), a soft-deleted one as `withDeleted`, the only read
 * that shows it, does (soft-deleted rows too): so a statement does not match,
 * or hand back, a row no query lets the caller read.
 */
export function writableRows(
  schema: SchemaContext,
  key: string,
  filter: FilterNode | null,
  operation: 'updateUsing' | 'delete',
  hideDeleted: boolean,
): FilterNode | null {
  const related = filter && visibleInRelations(schema, key, filter, true);
  const live = notDeleted(schema.table(key));
  const read = ruleFilter(schema, key, 'read');
  const rule = ruleFilter(schema, key, operation);
  if (hideDeleted) return andNodes([related, read, live, rule]);
  const readDeleted = ruleFilter(schema, key, 'read', false);
  const ruleDeleted = ruleFilter(schema, key, operation, false);
  if (live === null || (readDeleted === read && ruleDeleted === rule)) return andNodes([related, read, rule]);
  const deleted: FilterNode = { kind: 'isNull', field: schema.table(key).deletion!.column, negated: true };
  return andNodes([related, orNodes([andNodes([live, read, rule]), andNodes([deleted, readDeleted, ruleDeleted])])]);
}

// Rules being expanded (their relation filters take the target's rules), to stop rules that refer to each other.
const expanding = new Set<string>();
// Expanded rules by rule node: [soft-deleted related rows shown, hidden].
const expanded = [new WeakMap<FilterNode, FilterNode>(), new WeakMap<FilterNode, FilterNode>()] as const;

/**
 * The rule of table `key` for `operation` (null without rules or with no
 * condition), its relation filters limited to visible rows like a query's:
 * rows not soft-deleted unless `hideDeleted` is false, so a rule sees the
 * related rows the query or statement judging it sees. Either way the same node
 * when the two read the same rows (no relation filter reaches a table with
 * soft delete), so what is cached by rule node is shared.
 */
export function ruleFilter(
  schema: SchemaContext,
  key: string,
  operation: RowOperation,
  hideDeleted = true,
): FilterNode | null {
  const rule = schema.rules?.filter(key, operation) ?? null;
  if (rule === null) return null;
  const cache = expanded[hideDeleted ? 1 : 0];
  const known = cache.get(rule);
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
  let result: FilterNode;
  try {
    result = visibleInRelations(schema, key, rule, hideDeleted);
  } finally {
    expanding.delete(at);
  }
  if (!hideDeleted) {
    const live = ruleFilter(schema, key, operation, true)!;
    if (filterKey(live) === filterKey(result)) result = live;
  }
  cache.set(rule, result);
  return result;
}

/** `node` with the visible-rows conditions inside its relation filters, constants folded again (a rule can be FALSE). */
function visibleInRelations(schema: SchemaContext, key: string, node: FilterNode, hideDeleted: boolean): FilterNode {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const children = node.children.map((child) => visibleInRelations(schema, key, child, hideDeleted));
      // Never null: an AND or OR node has children.
      return (node.kind === 'and' ? andNodes(children) : orNodes(children))!;
    }
    case 'not':
      return notNode(visibleInRelations(schema, key, node.child, hideDeleted));
    case 'relation': {
      const target = schema.relation(key, node.relation)!.targetTable;
      return relationNode(node.relation, visibleRows(schema, target, node.filter, hideDeleted));
    }
    default:
      return node;
  }
}
