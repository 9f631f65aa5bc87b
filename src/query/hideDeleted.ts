import { andNodes, type FilterNode } from '../filter/tree.js';
import type { TableConfig } from '../schema/table.js';
import type { SchemaContext } from './schemaContext.js';

/** `deletedAt isNull` for a table with soft or scheduled delete, else `null` (no condition). */
export function notDeleted(table: TableConfig): FilterNode | null {
  return table.deletion ? { kind: 'isNull', field: table.deletion.column, negated: false } : null;
}

/**
 * `filter` of table `key` with soft-deleted rows hidden, before planning
 * (so an index on the deletion column serves the condition): `deletedAt
 * isNull` ANDed in at the root (unless `root` is false: an update may target
 * soft-deleted rows) and inside every relation filter whose target table
 * soft-deletes, at any depth.
 */
export function hideDeleted(
  schema: SchemaContext,
  key: string,
  filter: FilterNode | null,
  root = true,
): FilterNode | null {
  const related = filter && hideInRelations(schema, key, filter);
  return root ? andNodes([related, notDeleted(schema.table(key))]) : related;
}

function hideInRelations(schema: SchemaContext, key: string, node: FilterNode): FilterNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((child) => hideInRelations(schema, key, child)) };
    case 'not':
      return { kind: 'not', child: hideInRelations(schema, key, node.child) };
    case 'relation': {
      const target = schema.relation(key, node.relation)!.targetTable;
      return { kind: 'relation', relation: node.relation, filter: hideDeleted(schema, target, node.filter) };
    }
    default:
      return node;
  }
}
