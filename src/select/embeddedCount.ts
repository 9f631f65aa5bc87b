import type { Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { matchesFilter } from '../filter/evaluate.js';
import { FilterExpression } from '../filter/expressions.js';
import { comparisonNode } from '../filter/integerZero.js';
import { asNumberType, type NumberType, numberTypeOf } from '../filter/mixedNumbers.js';
import { andNodes, type ComparisonOp, conjunctsOf, type FilterNode } from '../filter/tree.js';
import { undefinedFilter } from '../filter/undefined.js';
import { parseRelationWhere } from '../query/parseRelationWhere.js';
import type { SchemaContext } from '../query/schemaContext.js';
import type { ColumnDefinition } from '../schema/column.js';
import { type AnyTable, columnOf, getTableConfig, type TableConfig } from '../schema/table.js';
import { AGGREGATE_TABLE, count } from './aggregates.js';
import { scopeName } from './alias.js';
import type { CountTarget } from './countTarget.js';
import { tableOf, tablesOf, unqualify } from './fields.js';
import type { SelectState } from './state.js';

/**
 * A comparison, at the top level of an embedded `$count`'s filter, between a column of the counted
 * table and one of the select's row (`eq(posts.authorId, users._id)`): `field op outer`.
 */
export interface Correlation {
  /** The counted table's field. */
  readonly field: string;
  readonly op: ComparisonOp;
  /** The qualified field of the select's row. */
  readonly outer: string;
  /** The number type `field` stores, when it stores one only: the row's value is bound as the equal value of it. */
  readonly numberType: NumberType | null;
  /** `field`'s column, whose zeros a bound -0 or 0 compares as a filter's does (`comparisonNode`). */
  readonly definition: ColumnDefinition;
}

/**
 * A `db.$count(table, filter)` selected as a field: a correlated subquery, counted per result row
 * with the row's values bound into its filter, in the select's execution (its rules, budget and
 * reads). Its filter is AND-ed conditions on the counted table (`own`), comparisons with the row's
 * columns (`correlations`) and conditions on the row alone (`outerOnly`: a row they reject counts 0).
 */
export interface EmbeddedCount {
  readonly schema: SchemaContext;
  readonly table: AnyTable;
  /** The name the counted table goes by inside the count: a field of it is the count's, whatever the select holds. */
  readonly name: string;
  readonly own: FilterNode | null;
  readonly correlations: readonly Correlation[];
  readonly outerOnly: FilterNode | null;
  /** The select's `.withDeleted()`: it takes in soft-deleted rows of every table it reads, the counted one too. */
  readonly withDeleted: boolean;
}

const invalid = (message: string, table: string) => new OrmError('INVALID_QUERY', message, { table });

/** Inverse comparisons: `a op b` is `b flipped[op] a`. */
const FLIPPED: Readonly<Record<ComparisonOp, ComparisonOp>> = {
  eq: 'eq',
  ne: 'ne',
  lt: 'gt',
  lte: 'gte',
  gt: 'lt',
  gte: 'lte',
};

/**
 * Analyses the `$count` selected as `key` against the select's tables (`scope`, by the names they go
 * by). Every condition reads the counted table, the select's row or both through a top-level
 * comparison of two columns; anything else is `INVALID_QUERY` before any read.
 */
export function embeddedCount(
  schema: SchemaContext,
  scope: ReadonlyMap<string, TableConfig>,
  target: CountTarget,
  key: string,
  state: SelectState,
): EmbeddedCount {
  const { table, filter } = target;
  const config = getTableConfig(table);
  const name = scopeName(table);
  const own: FilterNode[] = [];
  const correlations: Correlation[] = [];
  const outerOnly: FilterNode[] = [];
  const [given] = filter;
  if (filter.length > 0 && given === undefined) {
    throw undefinedFilter(
      config.name,
      `The filter of the $count selected as "${key}"`,
      'row',
      'Leave it out to count every row',
    );
  }
  if (given instanceof FilterExpression) {
    for (const node of conjunctsOf(given.qualified())) {
      const tables = tablesOf(node);
      for (const other of tables) checkTable(other, name, scope, key, config.name);
      if (!tables.has(name)) outerOnly.push(node);
      else if (tables.size === 1) own.push(unqualify(node, name));
      else correlations.push(correlation(node, config, name, scope, key));
    }
  } else if (filter.length > 0) {
    // A where-object names the counted table's columns only: the same count in every row.
    const values = state.prepared?.values as Readonly<Record<string, unknown>> | undefined;
    const parsed = parseRelationWhere(schema, schema.keyOf(config.name), given, undefined, values);
    if (parsed) own.push(parsed);
  }
  return {
    schema,
    table,
    name,
    own: andNodes(own),
    correlations,
    outerOnly: andNodes(outerOnly),
    withDeleted: state.withDeleted === true,
  };
}

/** A table a condition of the count reads: the counted one, or one of the select's (not an aggregate). */
function checkTable(
  other: string,
  name: string,
  scope: ReadonlyMap<string, TableConfig>,
  key: string,
  table: string,
): void {
  if (other === AGGREGATE_TABLE) {
    throw invalid(`The $count selected as "${key}" filters on an aggregate; count rows of a table.`, table);
  }
  if (other !== name && !scope.has(other)) {
    throw invalid(
      `The $count selected as "${key}" filters on a column of "${other}", which is neither the counted table "${name}" nor in the select; join it first.`,
      other,
    );
  }
}

/** A condition on the counted table and the row: it must be a comparison of two columns, one of each. */
function correlation(
  node: FilterNode,
  table: TableConfig,
  name: string,
  scope: ReadonlyMap<string, TableConfig>,
  key: string,
): Correlation {
  if (node.kind === 'columns') {
    const mine = tableOf(node.field) === name;
    const [inner, outer, op] = mine ? [node.field, node.other, node.op] : [node.other, node.field, FLIPPED[node.op]];
    const field = inner.slice(name.length + 1);
    const { definition } = columnOf(table, field)!;
    const innerType = numberTypeOf(definition.validator);
    const outerTable = tableOf(outer);
    const outerType = numberTypeOf(
      columnOf(scope.get(outerTable)!, outer.slice(outerTable.length + 1))!.definition.validator,
    );
    // A row's number is bound as the equal one of the column's type; an order between the types has no such value.
    if (op !== 'eq' && innerType !== outerType) {
      throw invalid(
        `The $count selected as "${key}" orders ${inner} against ${outer}, columns that do not hold the same one of Convex's number types (float64, int64); only eq() correlates them.`,
        table.name,
      );
    }
    return { field, op, outer, numberType: innerType, definition };
  }
  throw invalid(
    `The $count selected as "${key}" compares "${name}" with the select's row only through comparisons of two columns at the top level of its filter (and(eq(${name}.authorId, users._id), ...)), not inside or()/not().`,
    table.name,
  );
}

/**
 * The count's filter for one row of the select (`flat`, its qualified fields), unqualified: its own
 * conditions and each correlation with the row's value bound; `false` when the row's values
 * match no row (a condition on the row alone fails, a null to compare with, an `eq` with a number
 * the column cannot hold), as SQL's comparisons with NULL are never true.
 */
export function boundCountFilter(
  embedded: EmbeddedCount,
  flat: Readonly<Record<string, unknown>>,
): FilterNode | null | false {
  if (!matchesFilter(embedded.outerOnly, flat as Record<string, unknown>)) return false;
  const bound: FilterNode[] = [];
  for (const { field, op, outer, numberType, definition } of embedded.correlations) {
    const given = flat[outer] as Value | undefined;
    if (given === undefined || given === null) return false;
    const value = asNumberType(given, numberType);
    // Convex never orders an int64 equal to a float64: only an eq() with a number of the other type gets here.
    if (value === undefined) return false;
    bound.push(comparisonNode(definition, field, op, value));
  }
  return andNodes([embedded.own, ...bound]);
}

/** The count's filter with the row's values unknown (`params`, one per correlation, shown as `?`): what a select plans and explains before reading. */
export function unboundCountFilter(embedded: EmbeddedCount, params: readonly Value[]): FilterNode | null {
  const bound = embedded.correlations.map(
    ({ field, op }, i): FilterNode => ({ kind: 'compare', field, op, value: params[i]! }),
  );
  return andNodes([embedded.own, ...bound]);
}

/** The select that counts the rows `filter` (unqualified) matches, as `db.$count` runs one. */
export function countState(embedded: EmbeddedCount, filter: FilterNode | null): SelectState {
  return {
    fields: { count: count() },
    distinct: false,
    from: embedded.table,
    joins: [],
    orderBy: [],
    groupBy: [],
    ...(filter ? { parsedWhere: filter } : {}),
    ...(embedded.withDeleted ? { withDeleted: true } : {}),
  };
}
