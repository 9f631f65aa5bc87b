import { isCountQuery, MISPLACED_COUNT } from '../countQueryBrand.js';
import { OrmError } from '../errors.js';
import { type FilterNode, filterFields, mapFields } from '../filter/tree.js';
import { type AnyColumn, Column } from '../schema/column.js';
import { describe } from '../schema/conforms.js';
import { AGGREGATE_TABLE, AggregateColumn, type AggregateFunction } from './aggregates.js';

/**
 * A select works on joined rows whose fields are qualified `table.field`
 * (Convex table and field names never contain a dot); aggregates are the
 * fields `$aggregate.count(posts._id)` of a grouped row.
 */
export const qualifiedKey = (column: AnyColumn): string => `${column.tableName}.${column.name}`;

/** The table part of a qualified field. */
export const tableOf = (field: string): string => field.slice(0, field.indexOf('.'));

/** The tables a qualified filter reads (`$aggregate` for aggregates). */
export function tablesOf(node: FilterNode): Set<string> {
  return new Set([...filterFields(node)].map(tableOf));
}

/** A qualified filter over one table as that table's own filter (`users.age` -> `age`). */
export const unqualify = (node: FilterNode, table: string): FilterNode =>
  mapFields(node, (field) => field.slice(table.length + 1));

/** An aggregate named by its qualified key: the function and the qualified column (`null` for `count(*)`). */
export interface AggregateSpec {
  readonly key: string;
  readonly fn: AggregateFunction;
  readonly field: string | null;
}

const AGGREGATE_KEY = /^\$aggregate\.(\w+)\((?:\*|(.+))\)$/;

/** The aggregate a qualified field names, or undefined when it is a table column. */
export function aggregateOf(field: string): AggregateSpec | undefined {
  if (tableOf(field) !== AGGREGATE_TABLE) return undefined;
  const [, fn, of] = AGGREGATE_KEY.exec(field)!;
  return { key: field, fn: fn as AggregateFunction, field: of ?? null };
}

/** A qualified field as messages name it: an aggregate as written (`count(*)`), a column as `table.field`. */
export const fieldLabel = (field: string): string =>
  tableOf(field) === AGGREGATE_TABLE ? field.slice(AGGREGATE_TABLE.length + 1) : field;

/** A column argument (`orderBy`, `groupBy`, a selection), else `INVALID_QUERY` naming what was given; `aggregates`: whether it takes those too (not `groupBy`). */
export function columnArgument(value: unknown, where: string, aggregates = true): AnyColumn {
  if (value instanceof AggregateColumn && value.failure) throw value.failure;
  if (value instanceof Column) return value;
  const takes = aggregates ? 'columns (users.name) or aggregates (count(), sum(posts.views))' : 'columns (users.name)';
  const given = isCountQuery(value) ? MISPLACED_COUNT : describe(value);
  throw new OrmError(
    'INVALID_QUERY',
    `${where} takes ${takes}; got ${given}. Nested objects and sql\`\` are not supported.`,
  );
}
