import { OrmError } from '../errors.js';
import { FilterExpression } from '../filter/expressions.js';
import { parseWhere } from '../filter/parseWhere.js';
import type { FilterNode } from '../filter/tree.js';
import { undefinedFilter } from '../filter/undefined.js';
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
  if (where instanceof FilterExpression) return expressionOf(table, where);
  if (where === undefined) {
    throw undefinedFilter(table.name, `where() on "${table.name}"`, 'row', 'Call .all() to target every row');
  }
  return parseRelationWhere(schema, schema.keyOf(table.name), where);
}

/** Like {@link mutationFilter}, but a filter without a condition is an error naming `.all()`. */
function requiredFilter(schema: SchemaContext, table: TableConfig, where: unknown, statement: string): FilterNode {
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

/** Which rows an update or delete targets: those matching `.where(filter)`, or every row (`.all()`). */
export type StatementTarget = { readonly where: unknown } | 'all';

/** The filter of a statement's target: `null` for `.all()`; a `where` without a condition is an error. */
export function targetFilter(
  schema: SchemaContext,
  table: TableConfig,
  target: StatementTarget,
  statement: string,
): FilterNode | null {
  return target === 'all' ? null : requiredFilter(schema, table, target.where, statement);
}

/**
 * The error of a delete or update awaited without `.where()` or `.all()`: Drizzle
 * would touch every row; here targeting every row must be explicit.
 */
export function missingWhere(table: TableConfig, statement: string): OrmError {
  return new OrmError(
    'INVALID_QUERY',
    `${statement} "${table.name}" has no .where(); add .where(filter), or call .all() to target every row.`,
    { table: table.name },
  );
}

/**
 * The filter of `onConflictDoUpdate({ setWhere })`. It is judged on the
 * conflicting row alone, so it takes the table's columns and no relation filters.
 */
export function conflictRowFilter(table: TableConfig, where: unknown): FilterNode | null {
  if (where instanceof FilterExpression) return expressionOf(table, where);
  return parseWhere(where, {
    table,
    relation(key) {
      throw new OrmError(
        'INVALID_FILTER',
        `setWhere of onConflictDoUpdate on "${table.name}" filters the conflicting row by its own columns; "${key}" is not a column of "${table.name}".`,
        { table: table.name, details: { field: key } },
      );
    },
  });
}

function expressionOf(table: TableConfig, where: FilterExpression): FilterNode {
  // First: an operator given bad input (`eq(users.age, 'x')`) holds its error until now.
  const { node } = where;
  if (where.tables.length > 1) {
    throw new OrmError(
      'INVALID_FILTER',
      `The where filter mixes columns of tables ${where.tables.map((name) => `"${name}"`).join(', ')}; a statement on "${table.name}" filters by its own columns (joins exist only in db.select()).`,
      { table: table.name },
    );
  }
  if (where.tableName !== table.name) {
    throw new OrmError(
      'INVALID_FILTER',
      `The where filter uses columns of "${where.tableName}" but the statement targets "${table.name}"; filter by columns of "${table.name}".`,
      { table: table.name },
    );
  }
  return node;
}
