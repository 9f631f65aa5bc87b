import { OrmError } from '../errors.js';
import { asc, desc, OrderExpression } from '../filter/operators.js';
import type { OrderSpec } from '../planner/types.js';
import { Column } from '../schema/column.js';
import type { TableConfig } from '../schema/table.js';

const DIRECTIONS = new Set(['asc', 'desc']);

function invalid(table: TableConfig, message: string): OrmError {
  return new OrmError('INVALID_QUERY', message, { table: table.name });
}

function columnOf(table: TableConfig, field: string) {
  return table.columns[field] ?? table.systemColumns[field as '_id'];
}

function fromCallbackItem(table: TableConfig, item: unknown): OrderSpec {
  if (item instanceof OrderExpression) return { field: item.column.name, direction: item.direction };
  if (item instanceof Column) return { field: item.name, direction: 'asc' };
  throw invalid(table, `orderBy callback on "${table.name}" must return columns or asc()/desc() of columns.`);
}

/**
 * Parses Drizzle v1 `orderBy`: an object (`{ name: 'asc', _creationTime:
 * 'desc' }`, key order = priority, `undefined` skipped) or a callback
 * `(table, { asc, desc }) => desc(table.age)` returning a column, an
 * order or an array of them. Columns only; errors use Drizzle's texts.
 */
export function parseOrderBy(
  table: TableConfig,
  columns: Readonly<Record<string, unknown>>,
  orderBy: unknown,
): OrderSpec[] {
  if (orderBy === undefined) return [];
  if (typeof orderBy === 'function') {
    const result = orderBy(columns, { asc, desc });
    if (result === undefined) return [];
    return (Array.isArray(result) ? result : [result]).map((item) => fromCallbackItem(table, item));
  }
  if (typeof orderBy !== 'object' || orderBy === null || Array.isArray(orderBy)) {
    throw invalid(table, `orderBy on "${table.name}" must be an object or a callback.`);
  }
  const specs: OrderSpec[] = [];
  for (const [field, direction] of Object.entries(orderBy)) {
    if (direction === undefined) continue;
    if (!columnOf(table, field)) {
      throw new OrmError('UNKNOWN_COLUMN', `Unknown relational order field: "${field}"`, {
        table: table.name,
        details: { field },
      });
    }
    if (typeof direction === 'string' && /^(asc|desc)\(.*\)$/.test(direction)) {
      throw invalid(table, `Invalid order "${field}": expected "asc" or "desc", got "${direction}"`);
    }
    if (!DIRECTIONS.has(direction as string)) {
      throw invalid(
        table,
        `Invalid order "${field}": unknown direction "${String(direction)}" in "${String(direction)}", expected "asc" or "desc"`,
      );
    }
    specs.push({ field, direction: direction as 'asc' | 'desc' });
  }
  return specs;
}
