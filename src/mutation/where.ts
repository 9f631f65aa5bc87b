import { OrmError } from '../errors.js';
import { FilterExpression } from '../filter/operators.js';
import type { FilterNode } from '../filter/tree.js';
import { parseRelationWhere } from '../query/parseRelationWhere.js';
import type { SchemaContext } from '../query/schemaContext.js';
import type { TableConfig } from '../schema/table.js';

/**
 * The filter tree of a mutation's `where`: an operator expression
 * (`eq(users._id, id)`) or a v1 where-object (`{ authorId: id }`, relation
 * filters included, parsed exactly as queries parse them).
 * Returns `null` only for "no condition", which callers reject unless the
 * statement says `.all()`.
 */
export function mutationFilter(schema: SchemaContext, table: TableConfig, where: unknown): FilterNode | null {
  if (where instanceof FilterExpression) {
    if (where.tableName !== table.name) {
      throw new OrmError(
        'INVALID_FILTER',
        `The where filter uses columns of "${where.tableName}" but the statement targets "${table.name}"; filter by columns of "${table.name}".`,
        { table: table.name },
      );
    }
    return where.node;
  }
  if (where === undefined) {
    throw new OrmError(
      'INVALID_FILTER',
      `where() on "${table.name}" got undefined (an and()/or() with no conditions?); it never widens to every row. Call .all() to target every row.`,
      { table: table.name },
    );
  }
  return parseRelationWhere(schema, schema.keyOf(table.name), where);
}

/** Like {@link mutationFilter}, but a filter without a condition is an error naming `.all()`. */
export function requiredFilter(
  schema: SchemaContext,
  table: TableConfig,
  where: unknown,
  statement: string,
): FilterNode {
  const node = mutationFilter(schema, table, where);
  if (node === null) {
    throw new OrmError(
      'INVALID_FILTER',
      `The where filter of ${statement} "${table.name}" has no condition; call .all() to target every row.`,
      { table: table.name },
    );
  }
  return node;
}
