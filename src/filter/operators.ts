import type { Value } from 'convex/values';
import { isCountQuery, MISPLACED_COUNT } from '../countQueryBrand.js';
import { OrmError } from '../errors.js';
import { type AnyColumn, Column, type ColumnTypeConfig, columnLabel } from '../schema/column.js';
import { columnTypeName, mayCompare } from '../schema/conforms.js';
import type { ComparisonOperand, ValueOf } from './comparisonOperand.js';
import { FilterExpression, OrderExpression, type PlaceholderValueMap } from './expressions.js';
import { comparisonNode, membershipValues } from './integerZero.js';
import { escapeLike } from './like.js';
import type { LikeColumn } from './likeable.js';
import { filterOperand, likeOperand, likePattern } from './operand.js';
import { Placeholder } from './placeholder.js';
import {
  type ArrayOp,
  andNodes,
  type ComparisonOp,
  type FilterNode,
  membershipNode,
  notNode,
  orNodes,
} from './tree.js';
import { rejectUndefined } from './undefined.js';

/**
 * `build()`, or what `failed` makes of the `OrmError` it throws: an operator checks its input at
 * once, and the query given its expression rejects with the error when it runs.
 */
function deferring<R>(build: () => R, failed: (error: OrmError) => R): R {
  try {
    return build();
  } catch (error) {
    if (error instanceof OrmError) return failed(error);
    throw error;
  }
}

/** `build()`, or the {@link FilterExpression.failed} expression of the `OrmError` it throws. */
const checked = <T extends string>(build: () => FilterExpression<T>): FilterExpression<T> =>
  deferring(build, FilterExpression.failed);

/** True for a list holding a placeholder. */
const listHoldsPlaceholder = (operand: unknown): boolean => Array.isArray(operand) && operand.some(isPlaceholder);
const isPlaceholder = (value: unknown): value is Placeholder => value instanceof Placeholder;

/** A placeholder's value (from `values`), or a list's items' values, or `operand` itself. */
function boundOperand(operand: unknown, values: PlaceholderValueMap): unknown {
  if (operand instanceof Placeholder) return values[operand.name];
  if (!Array.isArray(operand)) return operand;
  return operand.map((item) => (item instanceof Placeholder ? values[item.name] : item));
}

/**
 * The expression of an operator whose `operand` is a placeholder or a list holding some: `build`
 * makes it once their values are known, checking them then as it checks values given directly
 * ({@link FilterExpression.placeholding}). Called only for such an operand, so the operators'
 * common path allocates nothing for it.
 */
function placeholding(operand: unknown, build: (bound: unknown) => FilterExpression): FilterExpression {
  const items = Array.isArray(operand) ? operand : [operand];
  const names = items.filter(isPlaceholder).map((placeholder) => placeholder.name);
  return FilterExpression.placeholding(names, (values) => build(boundOperand(operand, values)));
}

type ElementOf<C extends AnyColumn> = C['_']['data'] extends readonly (infer E)[] ? E : never;
/** What an array operator takes: a list of the array column's elements (or placeholders); nothing on another column (`INVALID_FILTER` at run time). */
type ElementValues<C extends AnyColumn> = [ElementOf<C>] extends [never]
  ? never
  : readonly (ElementOf<C> | Placeholder)[] | Placeholder;

/**
 * `column`, checked to be one: from plain JavaScript or `any` data an operator can get
 * `undefined` (a misspelled column), which would fail later with a TypeError from deep inside.
 */
function columnOf<C>(column: C, op: string, code: 'INVALID_FILTER' | 'INVALID_QUERY' = 'INVALID_FILTER'): C {
  if (column instanceof Column) {
    // An aggregate given no column (`count(users.missing)`) holds its error until the select runs.
    const { failure } = column as { failure?: unknown };
    if (failure instanceof OrmError) throw failure;
    return column;
  }
  const given = isCountQuery(column)
    ? `${MISPLACED_COUNT}.`
    : `${column === null ? 'null' : typeof column}. Check the column's name.`;
  throw new OrmError(
    code,
    `${op}() takes a column of a convex-orm table first (${op}(users.email, ...)); got ${given}`,
  );
}

/** `values`, checked to be an array: from plain JavaScript or `any` data a list can be a string or a `Set`. */
function listOf(values: unknown, column: AnyColumn, op: string): void {
  if (Array.isArray(values)) return;
  throw new OrmError(
    'INVALID_FILTER',
    `${op}() on "${columnLabel(column)}" takes an array of values; got ${values === null ? 'null' : typeof values}.`,
    { table: column.tableName, details: { field: column.name, operator: op } },
  );
}

/**
 * The error of `and`/`or`/`not` given a condition that is no operator expression (a where-object,
 * `null` from a ternary): the statement given the result rejects with it.
 */
function notAFilter(op: string, condition: unknown): FilterExpression {
  const got = isCountQuery(condition)
    ? MISPLACED_COUNT
    : condition === null
      ? 'null'
      : Array.isArray(condition)
        ? 'an array'
        : typeof condition;
  return FilterExpression.failed(
    new OrmError(
      'INVALID_FILTER',
      op === 'not'
        ? `not() takes a filter built with the operators (eq(users.name, 'Ada')); got ${got}. For an optional condition, write cond ? not(cond) : undefined.`
        : `${op}() takes filters built with the operators (eq(users.name, 'Ada')), or undefined to leave one out; got ${got}.`,
    ),
  );
}

function encode(column: AnyColumn, op: string, value: unknown): Value {
  rejectUndefined(value, column.tableName);
  return filterOperand(column, op, value);
}

/**
 * `left op right` over two columns: qualified `table.field` when they belong to different tables (a
 * join). Columns that never hold values of one type are refused, as Postgres refuses `integer =
 * text` ("operator does not exist"): the condition would mean nothing (`eq` of ids of two tables
 * matches no row).
 */
function columnComparison<C extends AnyColumn, T extends string>(
  op: ComparisonOp,
  left: C,
  right: Column<ColumnTypeConfig, T>,
): FilterExpression<C['_table'] | T> {
  if (!mayCompare(left.definition, right.definition)) {
    throw new OrmError(
      'INVALID_FILTER',
      `${op}() compares ${typedName(left)} with ${typedName(right)}, columns that never hold values of one type: the condition means nothing (Postgres refuses it: operator does not exist). Compare columns of one type (an id("users") with "users._id").`,
      { table: left.tableName, details: { field: left.name, operator: op } },
    );
  }
  if (left.tableName === right.tableName) {
    return new FilterExpression<C['_table'] | T>(
      { kind: 'columns', field: left.name, op, other: right.name },
      left.tableName,
    );
  }
  return new FilterExpression<C['_table'] | T>(
    { kind: 'columns', field: `${left.tableName}.${left.name}`, op, other: `${right.tableName}.${right.name}` },
    left.tableName,
    [left.tableName, right.tableName],
  );
}

/** `"users.age" (integer)`: a column and its type, for messages. */
function typedName(column: AnyColumn): string {
  return `"${columnLabel(column)}" (${columnTypeName(column.definition)})`;
}

// `T` is the right side's table when it is a column, so that a comparison of two columns names both
// tables (a select's where/ON then takes it only when both are in the select, an update's or delete's
// only when both are its own table, as at run time); a value infers nothing, so `T` stays `never` and
// the value is checked against the column's type alone. The operators pass `<C, T>` on explicitly:
// inferred from their `value`, `comparison` would widen `T`.
function comparison<C extends AnyColumn, T extends string>(
  op: ComparisonOp,
  column: C,
  value: ValueOf<C> | Column<ColumnTypeConfig, T> | Placeholder,
): FilterExpression<C['_table'] | T> {
  if (value instanceof Placeholder) return placeholding(value, (bound) => comparison(op, column, bound as ValueOf<C>));
  return checked(() => {
    columnOf(column, op);
    if (value instanceof Column)
      return columnComparison(op, column, columnOf(value as Column<ColumnTypeConfig, T>, op));
    return new FilterExpression<C['_table']>(
      comparisonNode(column.definition, column.name, op, encode(column, op, value)),
      column.tableName,
    );
  });
}

/** `column = value`. A null or absent column never matches. */
export const eq = <C extends AnyColumn, T extends string = never>(column: C, value: ComparisonOperand<C, T>) =>
  comparison<C, T>('eq', column, value);
/** `column <> value`. A null or absent column never matches (SQL semantics). */
export const ne = <C extends AnyColumn, T extends string = never>(column: C, value: ComparisonOperand<C, T>) =>
  comparison<C, T>('ne', column, value);
/** `column > value` in Convex value order. */
export const gt = <C extends AnyColumn, T extends string = never>(column: C, value: ComparisonOperand<C, T>) =>
  comparison<C, T>('gt', column, value);
/** `column >= value` in Convex value order. */
export const gte = <C extends AnyColumn, T extends string = never>(column: C, value: ComparisonOperand<C, T>) =>
  comparison<C, T>('gte', column, value);
/** `column < value` in Convex value order. */
export const lt = <C extends AnyColumn, T extends string = never>(column: C, value: ComparisonOperand<C, T>) =>
  comparison<C, T>('lt', column, value);
/** `column <= value` in Convex value order. */
export const lte = <C extends AnyColumn, T extends string = never>(column: C, value: ComparisonOperand<C, T>) =>
  comparison<C, T>('lte', column, value);

/** `low <= column <= high`. */
export function between<C extends AnyColumn>(
  column: C,
  low: ValueOf<C> | Placeholder,
  high: ValueOf<C> | Placeholder,
): FilterExpression<C['_table']> {
  return and(gte(column, low), lte(column, high)) as FilterExpression<C['_table']>;
}

/** `column < low OR column > high`. */
export function notBetween<C extends AnyColumn>(
  column: C,
  low: ValueOf<C> | Placeholder,
  high: ValueOf<C> | Placeholder,
): FilterExpression<C['_table']> {
  return or(lt(column, low), gt(column, high)) as FilterExpression<C['_table']>;
}

function membership<C extends AnyColumn>(
  column: C,
  values: readonly unknown[] | Placeholder,
  negated: boolean,
): FilterExpression<C['_table']> {
  if (values instanceof Placeholder || listHoldsPlaceholder(values)) {
    return placeholding(values, (bound) => membership(column, bound as readonly unknown[], negated));
  }
  return checked(() => {
    columnOf(column, negated ? 'notInArray' : 'inArray');
    rejectUndefined(values, column.tableName);
    listOf(values, column, negated ? 'notInArray' : 'inArray');
    const encoded = values.map((value) => encode(column, negated ? 'notInArray' : 'inArray', value));
    return new FilterExpression<C['_table']>(
      membershipNode(column.name, membershipValues(column.definition, encoded), negated),
      column.tableName,
    );
  });
}

/** `column IN (values)`; an empty list matches nothing. */
export const inArray = <C extends AnyColumn>(column: C, values: readonly (ValueOf<C> | Placeholder)[] | Placeholder) =>
  membership(column, values, false);
/** `column NOT IN (values)`; an empty list matches every row, null columns never match. */
export const notInArray = <C extends AnyColumn>(
  column: C,
  values: readonly (ValueOf<C> | Placeholder)[] | Placeholder,
) => membership(column, values, true);

const nullness = <C extends AnyColumn>(column: C, negated: boolean) =>
  checked(
    () =>
      new FilterExpression<C['_table']>(
        { kind: 'isNull', field: columnOf(column, negated ? 'isNotNull' : 'isNull').name, negated },
        column.tableName,
      ),
  );

/** `column IS NULL`: the field is `null` or absent. */
export const isNull = <C extends AnyColumn>(column: C) => nullness(column, false);
/** `column IS NOT NULL`. */
export const isNotNull = <C extends AnyColumn>(column: C) => nullness(column, true);

function likeExpression<C extends AnyColumn>(
  op: 'like' | 'notLike' | 'ilike' | 'notIlike',
  column: C,
  pattern: string | Placeholder,
  caseInsensitive: boolean,
  negated: boolean,
): FilterExpression<C['_table']> {
  if (pattern instanceof Placeholder) {
    return placeholding(pattern, (bound) => likeExpression(op, column, bound as string, caseInsensitive, negated));
  }
  return checked(() => {
    columnOf(column, op);
    rejectUndefined(pattern, column.tableName);
    return new FilterExpression<C['_table']>(
      { kind: 'like', field: column.name, pattern: likePattern(column, op, pattern), caseInsensitive, negated },
      column.tableName,
    );
  });
}

/** Postgres `LIKE`: `%` any run, `_` one character, `\` escapes; case-sensitive. On a column that stores strings (`INVALID_FILTER` otherwise). */
export const like = <C extends AnyColumn>(column: C & LikeColumn<C>, pattern: string | Placeholder) =>
  likeExpression('like', column, pattern, false, false);
/** Postgres `NOT LIKE`. */
export const notLike = <C extends AnyColumn>(column: C & LikeColumn<C>, pattern: string | Placeholder) =>
  likeExpression('notLike', column, pattern, false, true);
/** Case-insensitive `LIKE`. */
export const ilike = <C extends AnyColumn>(column: C & LikeColumn<C>, pattern: string | Placeholder) =>
  likeExpression('ilike', column, pattern, true, false);
/** Case-insensitive `NOT LIKE`. */
export const notIlike = <C extends AnyColumn>(column: C & LikeColumn<C>, pattern: string | Placeholder) =>
  likeExpression('notIlike', column, pattern, true, true);
// `LIKE` of the affix escaped, checked first under the operator's own name (an `undefined` affix included).
function affixExpression<C extends AnyColumn>(
  op: 'startsWith' | 'endsWith',
  column: C,
  affix: string | Placeholder,
): FilterExpression<C['_table']> {
  if (affix instanceof Placeholder) return placeholding(affix, (bound) => affixExpression(op, column, bound as string));
  return checked(() => {
    columnOf(column, op);
    rejectUndefined(affix, column.tableName);
    const escaped = escapeLike(likeOperand(column, op, affix));
    return likeExpression('like', column, op === 'startsWith' ? `${escaped}%` : `%${escaped}`, false, false);
  });
}

/** The string starts with `prefix` (planned as an index range when possible). */
export const startsWith = <C extends AnyColumn>(column: C & LikeColumn<C>, prefix: string | Placeholder) =>
  affixExpression('startsWith', column, prefix);
/** The string ends with `suffix`. */
export const endsWith = <C extends AnyColumn>(column: C & LikeColumn<C>, suffix: string | Placeholder) =>
  affixExpression('endsWith', column, suffix);

const ARRAY_OPERATOR_NAMES = {
  contains: 'arrayContains',
  contained: 'arrayContained',
  overlaps: 'arrayOverlaps',
} as const;

function arrayExpression<C extends AnyColumn>(
  op: ArrayOp,
  column: C,
  values: readonly unknown[] | Placeholder,
): FilterExpression<C['_table']> {
  if (values instanceof Placeholder || listHoldsPlaceholder(values)) {
    return placeholding(values, (bound) => arrayExpression(op, column, bound as readonly unknown[]));
  }
  return checked(() => {
    columnOf(column, ARRAY_OPERATOR_NAMES[op]);
    rejectUndefined(values, column.tableName);
    listOf(values, column, ARRAY_OPERATOR_NAMES[op]);
    if (values.length === 0) {
      throw new OrmError('INVALID_FILTER', `${ARRAY_OPERATOR_NAMES[op]} requires at least one value`, {
        table: column.tableName,
      });
    }
    for (const value of values) rejectUndefined(value, column.tableName);
    // The values are elements of the column: they must fit it as an array would, as in the where-object
    // form, and are compared as the column stores them (encoded, nested undefined keys dropped).
    const stored = filterOperand(column, ARRAY_OPERATOR_NAMES[op], values) as Value[];
    return new FilterExpression<C['_table']>(
      { kind: 'array', field: column.name, op, values: stored },
      column.tableName,
    );
  });
}

/** The array column contains every one of `values`. */
export const arrayContains = <C extends AnyColumn>(column: C, values: ElementValues<C>) =>
  arrayExpression('contains', column, values);
/** Every element of the array column is one of `values`. */
export const arrayContained = <C extends AnyColumn>(column: C, values: ElementValues<C>) =>
  arrayExpression('contained', column, values);
/** The array column shares at least one element with `values`. */
export const arrayOverlaps = <C extends AnyColumn>(column: C, values: ElementValues<C>) =>
  arrayExpression('overlaps', column, values);

const hasPlaceholders = (expression: FilterExpression): boolean => expression.placeholders !== undefined;

function combine<T extends string>(
  kind: 'and' | 'or',
  expressions: readonly (FilterExpression<T> | undefined)[],
): FilterExpression<T> | undefined {
  const present = expressions.filter((expression): expression is FilterExpression<T> => expression !== undefined);
  if (present.length === 0) return undefined;
  const stranger = present.find((expression) => !(expression instanceof FilterExpression));
  if (stranger !== undefined) return notAFilter(kind, stranger);
  const failed = present.find((expression) => expression.failure && !expression.placeholders);
  if (failed) return failed;
  if (present.some(hasPlaceholders)) {
    return FilterExpression.placeholding(
      present.flatMap((expression) => expression.placeholders?.names ?? []),
      (values) =>
        combine(
          kind,
          present.map((expression) => expression.bound(values)),
        )!,
    );
  }
  const merge = kind === 'and' ? andNodes : orNodes;
  const tables = [...new Set(present.flatMap((expression) => expression.tables))];
  if (tables.length === 1) {
    return new FilterExpression<T>(merge(present.map((e) => e.node)) as FilterNode, tables[0]!);
  }
  const node = merge(present.map((expression) => expression.qualified()));
  return new FilterExpression<T>(node as FilterNode, tables[0]!, tables);
}

/**
 * AND of the given filters. `undefined` entries are skipped, as in Drizzle,
 * so conditions can be optional; with none left the result is `undefined`,
 * which `.where()` rejects rather than matching every row.
 */
export function and<T extends string>(
  ...expressions: (FilterExpression<T> | undefined)[]
): FilterExpression<T> | undefined {
  return combine('and', expressions);
}

/** OR of the given filters; `undefined` entries are skipped like in {@link and}. */
export function or<T extends string>(
  ...expressions: (FilterExpression<T> | undefined)[]
): FilterExpression<T> | undefined {
  return combine('or', expressions);
}

/** NOT of a filter (UNKNOWN stays UNKNOWN). */
export function not<T extends string>(expression: FilterExpression<T>): FilterExpression<T> {
  if (!(expression instanceof FilterExpression)) return notAFilter('not', expression);
  const { placeholders } = expression;
  if (placeholders) return FilterExpression.placeholding(placeholders.names, (values) => not(expression.bound(values)));
  if (expression.failure) return expression;
  return new FilterExpression<T>(notNode(expression.node), expression.tableName, expression.tables);
}

const ordering = <TTable extends string>(column: Column<ColumnTypeConfig, TTable>, direction: 'asc' | 'desc') =>
  deferring(
    () => new OrderExpression(columnOf(column, direction, 'INVALID_QUERY'), direction),
    (error) => new OrderExpression<TTable>(error, direction),
  );

/** Ascending order on a column (nulls first: Convex value order). */
export const asc = <TTable extends string>(column: Column<ColumnTypeConfig, TTable>) => ordering(column, 'asc');
/** Descending order on a column (nulls last). */
export const desc = <TTable extends string>(column: Column<ColumnTypeConfig, TTable>) => ordering(column, 'desc');
