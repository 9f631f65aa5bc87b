import type { Value } from 'convex/values';
import { isCommitTsPlaceholder } from '../commitTs.js';
import { isCountQuery, MISPLACED_COUNT } from '../countQueryBrand.js';
import { OrmError } from '../errors.js';
import type { AnyColumn } from '../schema/column.js';
import { kindOf } from '../schema/conforms.js';
import { columnOf, type TableConfig } from '../schema/table.js';
import { EmptyFilter } from './emptyFilter.js';
import { comparisonNode, membershipValues } from './integerZero.js';
import { filterOperand, likePattern } from './operand.js';
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

/** What the parser needs to know about the table a where-object filters. */
export interface WhereContext {
  readonly table: TableConfig;
  /**
   * Parses `key: value` when `key` is a relation of the table (the query
   * layer supplies this); returns `undefined` when `key` is not a relation.
   */
  readonly relation?: (key: string, value: unknown) => FilterNode | null | undefined;
  /**
   * The stand-in value of a placeholder compared with a column (a prepared
   * query planning before its values are known); without it a placeholder
   * is an operand like any other, and the operand check refuses it.
   */
  readonly placeholder?: (column: AnyColumn, op: ComparisonOp, placeholder: Placeholder) => Value;
  /**
   * The values of the placeholders (a prepared query executing): each stands where its
   * placeholder does, as an operand, never as filter syntax (`{ email: p }` given `{ ne: 'x' }`
   * compares with that object, as a bound parameter would, instead of reading an operator).
   */
  readonly values?: Readonly<Record<string, unknown>>;
}

const COMPARISONS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);
// Maps, not object literals: an operator named `constructor` or `toString` must be unknown.
const LIKES: ReadonlyMap<string, { caseInsensitive: boolean; negated: boolean }> = new Map([
  ['like', { caseInsensitive: false, negated: false }],
  ['notLike', { caseInsensitive: false, negated: true }],
  ['ilike', { caseInsensitive: true, negated: false }],
  ['notIlike', { caseInsensitive: true, negated: true }],
]);
const ARRAY_OPS: ReadonlyMap<string, ArrayOp> = new Map([
  ['arrayContains', 'contains'],
  ['arrayContained', 'contained'],
  ['arrayOverlaps', 'overlaps'],
]);

/** Every operator a field's filter object may hold (`{ gt: 3, NOT: { eq: 5 } }`). */
export const FIELD_OPERATORS: readonly string[] = [
  ...COMPARISONS,
  ...LIKES.keys(),
  ...ARRAY_OPS.keys(),
  'in',
  'notIn',
  'isNull',
  'isNotNull',
  'NOT',
  'OR',
  'AND',
];

/**
 * Parses a Drizzle v1 where-object (`{ age: { gt: 30 }, OR: [...], NOT: {...} }`)
 * into the filter tree. `null` means "no condition". Follows rc.5 exactly:
 * `undefined` anywhere throws, `EmptyFilter` skips, empty `OR`/`AND` arrays
 * throw, a falsy `isNull` (`false`) is ignored and a truthy one applies, `in: []` matches nothing.
 */
export function parseWhere(where: unknown, context: WhereContext): FilterNode | null {
  // Prepared or not, a placeholder is never a filter: told so, not that the query is not prepared.
  if (where instanceof Placeholder) {
    throw invalid(
      context,
      `A where filter is an object of conditions; sql.placeholder('${where.name}') stands for a value: put it in a column's condition ({ name: sql.placeholder('${where.name}') }).`,
    );
  }
  rejectUndefined(where, context.table.name);
  if (where === EmptyFilter) return null;
  if (isCountQuery(where)) throw invalid(context, `A where filter is an object of conditions; got ${MISPLACED_COUNT}.`);
  if (where === null || typeof where !== 'object' || Array.isArray(where)) {
    throw invalid(context, `A where filter must be an object; got ${kindOf(where)}.`);
  }
  const nodes: (FilterNode | null)[] = [];
  for (const [key, value] of Object.entries(where)) {
    rejectMissing(value, context);
    if (value === EmptyFilter) continue;
    switch (key) {
      case 'OR':
      case 'AND':
        nodes.push(parseList(key, value, (item) => parseWhere(item, context), context, 'filters'));
        break;
      case 'NOT': {
        const inner = parseWhere(value, context);
        nodes.push(inner && notNode(inner));
        break;
      }
      case 'RAW':
        throw invalid(context, 'RAW filters are SQL-only and not supported; express the condition with operators.');
      default:
        nodes.push(parseKey(key, value, context));
    }
  }
  return andNodes(nodes);
}

function parseKey(key: string, value: unknown, context: WhereContext): FilterNode | null {
  if (isCountQuery(value)) throw invalid(context, `"${key}" is compared with ${MISPLACED_COUNT}.`);
  const column = columnOf(context.table, key);
  if (column) return parseField(column, value, context);
  const relation = context.relation?.(key, value);
  if (relation !== undefined) return relation;
  throw new OrmError(
    'UNKNOWN_COLUMN',
    `Unknown relational filter field: "${key}" (table "${context.table.name}" has no such column or relation).`,
    { table: context.table.name, details: { field: key } },
  );
}

/**
 * True when a field's filter is a value to compare for equality, not an object of operators: a
 * primitive, bytes, a placeholder, a Date (as in Drizzle: the operand's check says what the column
 * takes instead), `ctx.db.vars.commitTs`. What a rule's where is checked by too.
 */
export function isComparedValue(filter: unknown): boolean {
  return (
    typeof filter !== 'object' ||
    filter === null ||
    filter instanceof ArrayBuffer ||
    filter instanceof Placeholder ||
    filter instanceof Date ||
    isCommitTsPlaceholder(filter)
  );
}

function parseField(column: AnyColumn, filter: unknown, context: WhereContext): FilterNode | null {
  rejectMissing(filter, context);
  if (filter === EmptyFilter) return null;
  if (filter === null) {
    throw invalid(context, `Filter value of "${column.name}" is null; use { isNull: true } to match null or absent.`);
  }
  if (isComparedValue(filter)) return compare(column, 'eq', filter, context);
  if (Array.isArray(filter)) {
    throw invalid(context, `Filter value of "${column.name}" is an object; write { eq: value } for it.`);
  }
  const nodes: (FilterNode | null)[] = [];
  for (const [op, operand] of Object.entries(filter as object)) {
    rejectMissing(operand, context);
    if (operand === EmptyFilter) continue;
    nodes.push(parseOperator(column, op, operand, context));
  }
  return andNodes(nodes);
}

function parseOperator(column: AnyColumn, op: string, given: unknown, context: WhereContext): FilterNode | null {
  const field = column.name;
  if (COMPARISONS.has(op)) return compare(column, op as ComparisonOp, given, context);
  // NOT / OR / AND hold field filters (a placeholder there is a value to compare, by parseField).
  const operand = op === 'NOT' || op === 'OR' || op === 'AND' ? given : bound(given, context);
  const like = LIKES.get(op);
  if (like) {
    return { kind: 'like', field, pattern: likePattern(column, op, operand), ...like };
  }
  const arrayOp = ARRAY_OPS.get(op);
  if (arrayOp) {
    const values = list(column, op, given, context);
    // Drizzle's message: an empty array has no SQL meaning here.
    if (values.length === 0) throw invalid(context, `${op} requires at least one value`);
    // The operand is a list of the column's elements: it must fit the column as an array would, and is
    // compared as the column stores it (encoded, nested undefined keys dropped).
    return { kind: 'array', field, op: arrayOp, values: filterOperand(column, op, values) as Value[] };
  }
  switch (op) {
    case 'in':
    case 'notIn': {
      const values = list(column, op, given, context).map((value) => filterOperand(column, op, value));
      return membershipNode(field, membershipValues(column.definition, values), op === 'notIn');
    }
    case 'isNull':
    case 'isNotNull':
      // As rc.5 reads it (`if (!value) continue`): any truthy operand applies, a falsy one is left out.
      return operand ? { kind: 'isNull', field, negated: op === 'isNotNull' } : null;
    case 'NOT': {
      const inner = parseField(column, operand, context);
      return inner && notNode(inner);
    }
    case 'OR':
    case 'AND':
      return parseList(op, operand, (item) => parseField(column, item, context), context, 'conditions');
    default:
      throw invalid(context, `Unknown filter operator "${op}" on column "${context.table.name}.${field}".`);
  }
}

/** `undefined`, or a placeholder the context does not take, is refused (see `rejectUndefined`). */
function rejectMissing(value: unknown, context: WhereContext): void {
  if (!(value instanceof Placeholder && (context.placeholder || context.values))) {
    rejectUndefined(value, context.table.name);
  }
}

/** An operand: a placeholder's value when the context has the values, else `value` itself. */
function bound(value: unknown, context: WhereContext): unknown {
  return value instanceof Placeholder && context.values ? context.values[value.name] : value;
}

function compare(column: AnyColumn, op: ComparisonOp, value: unknown, context: WhereContext): FilterNode {
  const operand =
    value instanceof Placeholder && context.placeholder
      ? context.placeholder(column, op, value)
      : filterOperand(column, op, bound(value, context));
  return comparisonNode(column.definition, column.name, op, operand);
}

/**
 * The values of an `in` / array operator's list. A literal `EmptyFilter` item is skipped (filter
 * syntax); one a placeholder holds, as the list or an item of it, is a value like any other and
 * refused as the column's operand: a bound value never widens the filter (`notIn: []`).
 */
function list(column: AnyColumn, op: string, given: unknown, context: WhereContext): Value[] {
  const operand = bound(given, context);
  if (!Array.isArray(operand)) throw invalid(context, `"${op}" on "${column.name}" takes an array.`);
  const values: Value[] = [];
  for (const literal of operand) {
    const item = given instanceof Placeholder ? literal : bound(literal, context);
    rejectUndefined(item, context.table.name);
    if (literal !== EmptyFilter || given instanceof Placeholder) values.push(item as Value);
  }
  return values;
}

function parseList(
  op: 'OR' | 'AND',
  items: unknown,
  parseItem: (item: unknown) => FilterNode | null,
  context: WhereContext,
  /** What its items are: where-objects (a root or relation filter's list), or a column's conditions, values included. */
  of: 'filters' | 'conditions',
): FilterNode | null {
  if (!Array.isArray(items)) throw invalid(context, `"${op}" takes an array of filters.`);
  if (items.length === 0) {
    throw invalid(
      context,
      `Unexpected empty array in filters' '${op}' section. Omit field or use 'EmptyFilter' if you want filter to be skipped.`,
    );
  }
  const nodes = items.map((item) => {
    // A placeholder item of a column's list is a value (`{ name: { OR: [placeholder('a'), 'Eve'] } }`,
    // prepared), which the item's parser takes as it takes any value; a filter is never one.
    if (of === 'filters' && item instanceof Placeholder) {
      throw invalid(
        context,
        `"${op}" takes filters; sql.placeholder('${item.name}') stands for a value: put it in a column's condition ({ name: sql.placeholder('${item.name}') }).`,
      );
    }
    rejectMissing(item, context);
    return item === EmptyFilter ? null : parseItem(item);
  });
  // Items without a condition are skipped, as Drizzle's or()/and() skip undefined.
  return op === 'OR' ? orNodes(nodes) : andNodes(nodes);
}

function invalid(context: WhereContext, message: string): OrmError {
  return new OrmError('INVALID_FILTER', message, { table: context.table.name });
}
