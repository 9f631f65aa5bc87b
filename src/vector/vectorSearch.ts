import type { GenericId, Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { EmptyFilter } from '../filter/emptyFilter.js';
import { membershipValues } from '../filter/integerZero.js';
import { filterOperand } from '../filter/operand.js';
import { rejectPlaceholder } from '../filter/placeholder.js';
import { valueKey } from '../filter/valueKey.js';
import { CONVEX_SEARCH_LIMITS } from '../limits/convexLimits.js';
import { assertDeployed } from '../query/deployedTables.js';
import type { SchemaContext } from '../query/schemaContext.js';
import type { ColumnDefinition } from '../schema/column.js';
import { describe, givenText } from '../schema/conforms.js';
import type { AnyTable, TableConfig, VectorIndexConfig } from '../schema/table.js';

const MAX_RESULTS = CONVEX_SEARCH_LIMITS.vectorResults;

/** The part of an action's `ctx` a vector search uses. */
export interface VectorSearchCtx {
  vectorSearch(table: any, index: any, query: any): Promise<{ _id: GenericId<any>; _score: number }[]>;
}

/**
 * `orm.vectorSearch(ctx, table, options)`: the vector index, the vector,
 * how many results (1 to 256, default 10), and optionally a filter: one
 * filter field with a value or a list of values, or an OR of such filters
 * (Convex's vector filters are an OR of equalities). Typed by the table:
 * `TIndexes` maps its vector index names to their filter fields, `TRow` is
 * its row type.
 */
export interface VectorSearchOptions<
  TIndexes extends Record<string, string> = Record<string, string>,
  TIndex extends keyof TIndexes & string = keyof TIndexes & string,
  TRow = Record<string, Value>,
> {
  index: TIndex;
  vector: readonly number[];
  limit?: number;
  filter?: VectorSearchFilter<SharedFilterFields<TIndexes, TIndex>, TRow>;
}

/**
 * The filter fields every index of `TIndex` has: an index chosen at run time (`'a' | 'b'`) takes
 * only a filter each of them takes (the intersection of their fields, through the contravariant
 * position of a function's parameter); one index, all of its own.
 */
type SharedFilterFields<TIndexes extends Record<string, string>, TIndex extends keyof TIndexes> = {
  [I in TIndex]: (field: TIndexes[I]) => void;
}[TIndex] extends (field: infer F) => void
  ? F & string
  : never;

/**
 * A vector filter on `TField`: one of them with its values, or an OR of such filters, unless a
 * filter field is named `OR` (`{ OR: [...] }` is then that field's values, as the run reads it).
 */
type VectorSearchFilter<TField extends string, TRow> =
  | VectorFilter<TField, TRow>
  | ('OR' extends TField ? never : { OR: readonly VectorFilter<TField, TRow>[] });

/** The vector indexes of a table type, each with its filter fields (none declared: an empty map). */
export type VectorIndexesOf<TTable extends AnyTable> = NonNullable<TTable['_']['vectorIndexes']>;

/** The row type of a table type. */
export type RowOf<TTable> = TTable extends { readonly $inferSelect: infer R } ? R : Record<string, Value>;

/**
 * One filter field of the index, with a value of its column or a list of them. The run reads an
 * array as the list, so a value that is an array (of an `arrayOf()` or `vector()` column) is
 * written in a list: `[['a', 'b']]`. The other filter fields are `?: never`: against a union of
 * one-key objects, TypeScript's excess-property check takes a key of any member, so
 * `{ status: 'a', kind: 'b' }` passed where the run refuses it.
 */
type VectorFilter<TField extends string, TRow> = {
  [F in TField]: {
    [K in F]: Exclude<FieldValue<TRow, K>, readonly unknown[]> | readonly FieldValue<TRow, K>[];
  } & {
    [K in Exclude<TField, F>]?: never;
  };
}[TField];

/** The value type of filter field `F` (any value when the row type does not name it). */
type FieldValue<TRow, F extends string> = F extends keyof TRow ? TRow[F] : Value;

// Convex's vector filter builder, untyped: the index names fields at runtime (`undefined`: the field is missing).
interface FilterBuilder {
  eq(field: string, value: Value | undefined): unknown;
  or(...expressions: unknown[]): unknown;
}

function invalid(table: TableConfig, problem: string): OrmError {
  return new OrmError('INVALID_QUERY', `vectorSearch on "${table.name}": ${problem}.`, { table: table.name });
}

function vectorIndexOf(table: TableConfig, name: unknown): VectorIndexConfig {
  const index = table.vectorIndexes.find((candidate) => candidate.name === name);
  if (index) return index;
  const names = table.vectorIndexes.map((candidate) => `"${candidate.name}"`).join(', ');
  throw invalid(
    table,
    `"${givenText(name)}" is no vector index of the table; ${names ? `its vector indexes: ${names}` : 'declare one with vectorIndex(name).on(column)'}`,
  );
}

/**
 * `INVALID_FILTER` for an `undefined` (an optional argument passed through) or `EmptyFilter` filter
 * value (`given` names which), which never widens the search: an item of a list (`at` its
 * position) is left out of the list, the value of an OR's item (`orItem` its position) out of the
 * OR with its item, the whole value (neither) with `filter`.
 */
function undefinedFilterValue(
  table: TableConfig,
  field: string,
  at: number | undefined,
  given: string,
  orItem: number | undefined,
): OrmError {
  const advice =
    at !== undefined
      ? `item ${at} of the filter list of "${field}" is ${given}; it never widens the search: leave it out of the list.`
      : orItem !== undefined
        ? `the filter value of "${field}" in item ${orItem} of the OR is ${given}; it never widens the search: leave the item out of the OR.`
        : `the filter value of "${field}" is ${given}; it never widens the search: leave \`filter\` out to search without one.`;
  return new OrmError('INVALID_FILTER', `vectorSearch on "${table.name}": ${advice}`, {
    table: table.name,
    details: { field },
  });
}

/** `INVALID_QUERY` when `count` filter values are more than Convex's 64 (`widened`: says why the count grew). */
function checkValueCount(table: TableConfig, count: number, widened = ''): void {
  const max = CONVEX_SEARCH_LIMITS.vectorFilters;
  if (count > max) throw invalid(table, `filter takes at most ${max} values; got ${count}${widened}`);
}

/**
 * The filter as Convex's builder callback: one filter field of the index with a value or a list of
 * values, or (`{ OR: [...] }`) an OR of such one-field filters, on any filter fields of the index
 * (Convex's vector filter is an OR of equalities: fields side by side, which a `where` reads as an
 * AND, it cannot say). Checked first: values that are not `undefined` (Convex would read
 * `eq(field, undefined)` as "field absent"), at most Convex's 64 distinct ones in all, each one its
 * column can hold (`INVALID_FILTER` naming it, as in a where); `null` when no value is given (an
 * empty list), which matches nothing.
 */
function vectorFilter(table: TableConfig, index: VectorIndexConfig, filter: Record<string, unknown> | undefined) {
  if (filter === undefined) return undefined;
  // A filter field named OR takes `{ OR: [...] }` as its values (what its type says).
  const ors = isOrFilter(filter) && !index.filterFields.includes('OR') ? filter.OR : undefined;
  // By field and value: a value of a field given twice (in two OR items) is ORed once.
  const values = new Map<string, { field: string; value: Value | undefined }>();
  const widened: string[] = [];
  for (const [i, item] of (ors ?? [filter]).entries()) {
    const entries = typeof item === 'object' && item !== null ? Object.entries(item) : [];
    if (entries.length !== 1) {
      throw invalid(
        table,
        'filter takes one filter field, { field: value or [values] }, or an OR of such filters, { OR: [{ a: x }, { b: y }] }',
      );
    }
    const [field, given] = entries[0]!;
    for (const value of fieldValues(table, index, field, given, widened, ors ? i : undefined)) {
      values.set(`${field}:${valueKey(value)}`, { field, value });
    }
  }
  checkValueCount(table, values.size, widened.length > 0 ? ` (${[...new Set(widened)].join('; ')})` : '');
  if (values.size === 0) return null;
  const eqs = [...values.values()];
  return (q: FilterBuilder) => q.or(...eqs.map(({ field, value }) => q.eq(field, value)));
}

/** True for `{ OR: [...] }`, the only key. */
function isOrFilter(filter: unknown): filter is { OR: readonly unknown[] } {
  if (typeof filter !== 'object' || filter === null || !Array.isArray((filter as { OR?: unknown }).OR)) return false;
  return Object.keys(filter).length === 1;
}

/**
 * The values Convex ORs for filter field `field` given `given` (a value, or a list of them),
 * distinct. A value matches what it means everywhere in the ORM, so the list may grow (`widened`
 * says why), and what it gains counts against the 64: on an `integer()` column -0 matches both
 * stored zeros, as `where: { n: -0 }` does (it gains a 0); null matches the rows without the field
 * too, which the ORM reads as null, as `where: { tag: { isNull: true } }` does (it gains Convex's
 * `eq(field, undefined)`).
 */
function fieldValues(
  table: TableConfig,
  index: VectorIndexConfig,
  field: string,
  given: unknown,
  widened: string[],
  orItem: number | undefined,
): (Value | undefined)[] {
  if (!index.filterFields.includes(field)) {
    throw invalid(
      table,
      `"${field}" is no filter field of index "${index.name}" (${index.filterFields.join(', ') || 'none'})`,
    );
  }
  const listed = Array.isArray(given) ? given : [given];
  for (let i = 0; i < listed.length; i++) {
    // Not the where's message: a where skips a field given EmptyFilter, a vector filter has no skipped field.
    if (listed[i] === undefined || listed[i] === EmptyFilter) {
      const what = listed[i] === undefined ? 'undefined' : 'EmptyFilter';
      throw undefinedFilterValue(table, field, Array.isArray(given) ? i : undefined, what, orItem);
    }
    rejectPlaceholder(listed[i], table.name);
  }
  if (listed.length === 0) return [];
  const column = table.columns[field]!;
  if (Array.isArray(given) && holdsArrays(column.definition) && given.some(isNonNullNonArray)) {
    // Said here: the where's message below ("got 'a'") would not say the array was read as a list.
    throw new OrmError(
      'INVALID_FILTER',
      `vectorSearch on "${table.name}": "${field}" holds arrays, and a filter's array is a list of values, each an array: filter by one array as { ${field}: [[...]] }.`,
      { table: table.name, details: { field } },
    );
  }
  // Stored values, as every filter compares (a string-mode timestamp is stored as milliseconds), each
  // checked as a where's `eq` operand is: a value the column cannot hold would silently match nothing.
  // A value listed twice is one of Convex's 64: each distinct one is ORed once.
  const distinct = new Map(listed.map((value) => filterOperand(column, 'eq', value)).map((v) => [valueKey(v), v]));
  const operands = [...distinct.values()];
  const values: (Value | undefined)[] = [...membershipValues(column.definition, operands)];
  if (values.length > operands.length) widened.push(`-0 on integer column "${field}" matches the stored 0 as well`);
  if (values.includes(null)) {
    values.push(undefined);
    widened.push(`null matches the rows without "${field}" as well`);
  }
  return values;
}

/**
 * Runs a vector search in an action (Convex allows it nowhere else) after
 * checking the ctx is an action's and every option: `{ _id, _score }` by descending score. Load the
 * rows in that order with `findMany({ where: { _id: { in: ids } } })` in a
 * query, which keeps the order of the ids it is given.
 */
export async function vectorSearch(
  schema: SchemaContext,
  ctx: VectorSearchCtx,
  key: string,
  options: VectorSearchOptions,
): Promise<{ _id: GenericId<any>; _score: number }[]> {
  const table = schema.table(key);
  if (!canVectorSearch(ctx)) {
    throw invalid(
      table,
      "runs in actions only (Convex has no vector search in queries or mutations): pass an action's ctx, and load the rows it finds in a query",
    );
  }
  if (typeof options !== 'object' || options === null) throw invalid(table, 'takes { index, vector, limit, filter }');
  const { index: name, vector, limit = 10, filter: given, ...rest } = options;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw invalid(table, `takes only index, vector, limit and filter; got "${unknown[0]}"`);
  const index = vectorIndexOf(table, name);
  if (!Array.isArray(vector) || vector.length !== index.dimensions || !everyFinite(vector)) {
    throw invalid(table, `"vector" must be ${index.dimensions} finite numbers (index "${index.name}")`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RESULTS) {
    throw invalid(table, `"limit" must be an integer from 1 to ${MAX_RESULTS}; got ${describe(limit)}`);
  }
  // `filter: undefined` (an optional argument passed through) is not `filter` left out: it never widens.
  if ('filter' in options && given === undefined) {
    throw new OrmError(
      'INVALID_FILTER',
      `vectorSearch on "${table.name}": "filter" is undefined; it never widens the search: leave \`filter\` out to search without one.`,
      { table: table.name },
    );
  }
  const filter = vectorFilter(table, index, given);
  assertDeployed(schema, () => [table.name]);
  if (filter === null) return [];
  return ctx.vectorSearch(table.name, index.name, { vector, limit, ...(filter ? { filter } : {}) });
}

/** Whether a column's values are arrays (`arrayOf()`, `vector()`): a filter value of it is written in a list. */
function holdsArrays(definition: ColumnDefinition): boolean {
  return definition.kind === 'array' || definition.kind === 'vector';
}

/** Whether `ctx` is an action's (it has `vectorSearch`): a query's or mutation's has none, and reading a revoked proxy throws. */
function canVectorSearch(ctx: unknown): ctx is VectorSearchCtx {
  try {
    return typeof (ctx as Partial<VectorSearchCtx> | null | undefined)?.vectorSearch === 'function';
  } catch {
    return false;
  }
}

/** True for a value that is neither null nor an array: in a filter list of an array column, a bare array's element. */
function isNonNullNonArray(value: unknown): boolean {
  return value !== null && !Array.isArray(value);
}

/** True when every element of `vector` is a finite number; a hole (`every` would skip it) is not. */
function everyFinite(vector: readonly unknown[]): boolean {
  for (let i = 0; i < vector.length; i++) if (!Number.isFinite(vector[i])) return false;
  return true;
}
