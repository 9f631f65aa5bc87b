import type { Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { FilterExpression, OrderExpression } from '../filter/expressions.js';
import { andNodes, conjunctsOf, type FilterNode, filterFields, qualifyFields } from '../filter/tree.js';
import { undefinedFilter } from '../filter/undefined.js';
import { planParams } from '../planner/bind.js';
import { analyzeConditions } from '../planner/conditions.js';
import { planQuery } from '../planner/plan.js';
import type { OrderSpec, Plan } from '../planner/types.js';
import { nonNegativeInteger } from '../query/parseQuery.js';
import { parseRelationWhere } from '../query/parseRelationWhere.js';
import type { CopiedColumn } from '../query/repeatedRows.js';
import type { SchemaContext } from '../query/schemaContext.js';
import { visibleRows } from '../query/visibleRows.js';
import { windowEnd } from '../query/window.js';
import type { AnyColumn } from '../schema/column.js';
import { getTableConfig, type TableConfig } from '../schema/table.js';
import { AGGREGATE_TABLE, AggregateColumn, count } from './aggregates.js';
import { scopeName } from './alias.js';
import { bindSelect } from './bind.js';
import { copiedColumn } from './copiedColumn.js';
import { countTargetOf } from './countTarget.js';
import { countState, type EmbeddedCount, embeddedCount, unboundCountFilter } from './embeddedCount.js';
import {
  type AggregateSpec,
  aggregateOf,
  columnArgument,
  fieldLabel,
  qualifiedKey,
  tableOf,
  tablesOf,
  unqualify,
} from './fields.js';
import { impliedEqualities } from './impliedEqualities.js';
import { type IndexedGroups, planIndexedGroups } from './indexedGroups.js';
import { onFilter, type ParsedJoin, planJoin } from './planJoin.js';
import type { SelectState } from './state.js';

/** One selected field: its result key, qualified field, and the column it reads (for decoding). */
export interface SelectedField {
  readonly key: string;
  readonly field: string;
  readonly column: AnyColumn;
  /** A `$count` counted per result row (its field is in no row: the count fills it in). */
  readonly count?: SelectedCount;
}

/** A `$count` selected as a field: how it binds a row's values, and its plan with them unknown (checked and explained before any read). */
export interface SelectedCount {
  readonly embedded: EmbeddedCount;
  readonly trial: ParsedSelect;
}

/** GROUP BY: the key fields, every aggregate the query reads, and HAVING. */
export interface Grouping {
  readonly keys: readonly string[];
  readonly aggregates: readonly AggregateSpec[];
  readonly having: FilterNode | null;
  /** Every field the selection, HAVING and ORDER BY read (aggregates included). */
  readonly referenced: readonly string[];
}

/** A select, validated and normalized: the plan of its first table, its joins, and what to do with the rows. */
export interface ParsedSelect {
  readonly base: TableConfig;
  /** The name the first table goes by (its alias, or its table name): the key of its fields and of its row in results. */
  readonly baseName: string;
  readonly basePlan: Plan;
  readonly joins: readonly ParsedJoin[];
  /** WHERE conditions no single read can apply (they read a left-joined table or several tables), qualified. */
  readonly postFilter: FilterNode | null;
  /** The selection, or null for whole rows. */
  readonly fields: readonly SelectedField[] | null;
  /** The selected `$count`s, counted per result row (none: the rows need no count). */
  readonly counts: readonly (SelectedField & { readonly count: SelectedCount })[];
  /** The column the selection holds most often in a row, when more than once ({@link copiedColumn}). */
  readonly copied: CopiedColumn | null;
  readonly distinct: boolean;
  /** Qualified sort keys (aggregates included). */
  readonly orderBy: readonly OrderSpec[];
  readonly grouping: Grouping | null;
  /** The aggregate index that serves the grouping (a select of one table), else null: the rows are read and grouped. */
  readonly indexedGroups: IndexedGroups | null;
  /** The base read yields the result order: the fill loop stops once the window is full. */
  readonly streamed: boolean;
  readonly limit: number | undefined;
  readonly offset: number;
}

const NO_ROW: FilterNode = { kind: 'const', value: false };

/** The table part of a selected `$count`'s field: no row holds it, so no table or aggregate is named so (a `$` starts neither). */
const COUNT_FIELD = '$count';

const invalid = (message: string, table?: string) =>
  new OrmError('INVALID_QUERY', message, table === undefined ? {} : { table });

/** The one table a condition reads, or undefined when it reads none or several. */
function onlyTableOf(node: FilterNode): string | undefined {
  const tables = tablesOf(node);
  return tables.size === 1 ? [...tables][0]! : undefined;
}

/** Validates a builder's state and plans it: base read, joins, post-filter, grouping, order and window. */
export function parseSelect(schema: SchemaContext, given: SelectState, params: readonly Value[] = []): ParsedSelect {
  const state = bindSelect(given);
  const base = getTableConfig(state.from);
  // Tables by the name they go by in the select (an alias, or the Convex table name).
  const baseName = scopeName(state.from);
  const scope = new Map<string, TableConfig>([[baseName, base]]);
  const where = whereConjuncts(schema, base, state);
  const { onConditions, moved } = innerJoinFilters(state, baseName);
  const written = [...where.qualified, ...moved];
  const implied = impliedByJoins(state, { table: base, name: baseName }, written, onConditions);
  const qualified = [...written, ...implied];
  const inner = new Set<string>();
  const joins = state.joins.map((call, i) => {
    const table = getTableConfig(call.table);
    const name = scopeName(call.table);
    if (call.kind === 'inner') inner.add(name);
    if (call.kind === 'right' || call.kind === 'full') {
      throw invalid(
        `${call.kind}Join("${table.name}") is not supported: it would read every row of "${table.name}", unbounded by an index. Select from "${table.name}" and leftJoin the other table.`,
        table.name,
      );
    }
    if (scope.has(name)) {
      throw invalid(
        `"${name}" is in the select twice; join a table again under another name: alias(${table.name}, 'parent').`,
        table.name,
      );
    }
    const own = call.kind === 'inner' ? qualified.filter((node) => onlyTableOf(node) === name) : [];
    // The joined table's visible rows, as in a relation load: its read rule and `deletedAt isNull`
    // join the lookup's filter before planning (an invisible partner is no partner).
    const visible = visibleRows(schema, schema.keyOf(table.name), null, !state.withDeleted);
    const pushed = visible ? [...own, qualifyFields(visible, name)] : own;
    const join = planJoin(call.kind, { table, name }, onConditions[i]!, new Set(scope.keys()), pushed);
    scope.set(name, table);
    return join;
  });
  // Past the base read and the inner joins' lookups: conditions on joined tables. One reading no
  // table (`inArray(c, [])` is FALSE) is the base read's (`isBaseCondition`).
  const post = qualified.filter((node) => {
    if (isBaseCondition(node, baseName)) return false;
    const table = onlyTableOf(node);
    return !(table !== undefined && inner.has(table));
  });
  // Soft-deleted rows are hidden before planning, as in relational queries (an index on the column serves it).
  // So are rows the `db`'s rules hide (object rules before planning, function rules residual).
  const writtenFilter = visibleRows(
    schema,
    schema.keyOf(base.name),
    baseWhere(where.object, written, baseName),
    !state.withDeleted,
  );
  const postFilter = andNodes(post);
  if (state.where?.of === '$count' && post[0]) throw countFilterOutOfTable(baseName, post[0]);
  for (const node of post) checkFields(scope, node, 'where');

  const fields = state.fields === undefined ? null : selectedFields(schema, scope, state);
  const orderBy = state.orderBy.map(orderSpec);
  if (state.distinct && fields) checkDistinctOrder(fields, orderBy);
  const grouping = groupingOf(scope, state, fields, orderBy);
  if (!grouping) for (const { field } of orderBy) checkField(scope, field, 'orderBy');

  const limit = nonNegativeInteger('limit', state.limit);
  const offset = nonNegativeInteger('offset', state.offset) ?? 0;
  const baseOrder = grouping === null && orderBy.every(({ field }) => tableOf(field) === baseName);
  const specs = baseOrder
    ? orderBy.map(({ field, direction }) => ({ field: field.slice(baseName.length + 1), direction }))
    : [];
  // Rows wanted from the base read are known only when each base row makes exactly one result row.
  const oneToOne =
    grouping === null &&
    !state.distinct &&
    postFilter === null &&
    joins.every((join) => join.kind === 'left' && join.residual === null);
  const end = windowEnd({ limit, offset });
  // An inner join whose ON matches no row, on the joined table's side or the rows so far, leaves no
  // row to read (Postgres: One-Time Filter: false).
  const joinsNothing = joins.some(
    (join) =>
      join.kind === 'inner' &&
      (join.lookup.plan.kind === 'empty' || (join.before !== null && analyzeConditions(join.before).never)),
  );
  // ... and the base read's order is the result's: otherwise every base row is read and sorted.
  const window = oneToOne && baseOrder && end !== undefined ? end : undefined;
  let baseFilter = writtenFilter;
  let basePlan = planBase(base, joinsNothing ? NO_ROW : writtenFilter, specs, window, params);
  // A condition carried from a joined table is read with the first table only when what was written
  // for it scans the whole table: an index the written conditions pick (by_genre for a genre) is
  // kept, not displaced by a carried key's index that reads more.
  if (basePlan.kind === 'index' && basePlan.fullScan && implied.some((node) => isBaseCondition(node, baseName))) {
    baseFilter = visibleRows(
      schema,
      schema.keyOf(base.name),
      baseWhere(where.object, qualified, baseName),
      !state.withDeleted,
    );
    basePlan = planBase(base, baseFilter, specs, window, params);
  }
  const ordered = basePlan.kind === 'index' || basePlan.kind === 'union' ? basePlan.orderServed : orderBy.length === 0;
  const indexedGroups =
    grouping && joins.length === 0 && postFilter === null
      ? planIndexedGroups(base, baseName, baseFilter, grouping, params)
      : null;
  return {
    base,
    baseName,
    basePlan,
    joins,
    postFilter,
    fields,
    counts: (fields ?? []).filter(
      (field): field is SelectedField & { count: SelectedCount } => field.count !== undefined,
    ),
    copied: copiedColumn(fields),
    distinct: state.distinct,
    orderBy,
    grouping,
    indexedGroups,
    streamed: baseOrder && ordered,
    limit,
    offset,
  };
}

/**
 * Each join's ON as conjuncts, less those of an inner join that read one earlier table only, when that
 * table is the first or an inner join (`moved`): an inner join keeps a row only when its whole ON
 * holds, so those are WHERE conditions, read with their table (its index, its lookup) rather than
 * tested on each row it yields. An inner join's ON on a left-joined table stays in ON (WHERE would
 * test that table's nulls), as does every condition of a left join's ON (a row it rejects is kept
 * with nulls).
 */
function innerJoinFilters(
  state: SelectState,
  baseName: string,
): { onConditions: readonly (readonly FilterNode[])[]; moved: readonly FilterNode[] } {
  const filtered = new Set([baseName]);
  const moved: FilterNode[] = [];
  const onConditions = state.joins.map((call) => {
    const name = scopeName(call.table);
    const conditions = conjunctsOf(onFilter(name, call.on));
    const stays =
      call.kind === 'inner'
        ? conditions.filter((node) => {
            const table = onlyTableOf(node);
            const movable = table !== undefined && filtered.has(table);
            if (movable) moved.push(node);
            return !movable;
          })
        : conditions;
    if (call.kind === 'inner') filtered.add(name);
    return stays;
  });
  return { onConditions, moved };
}

/** True when a qualified condition is the first table's (or reads no table). */
const isBaseCondition = (node: FilterNode, baseName: string): boolean =>
  onlyTableOf(node) === baseName || tablesOf(node).size === 0;

/** The first table's filter: a where-object's and the qualified conditions on it, unqualified. */
function baseWhere(object: FilterNode | null, qualified: readonly FilterNode[], baseName: string): FilterNode | null {
  return andNodes([
    object,
    ...qualified.filter((node) => isBaseCondition(node, baseName)).map((node) => unqualify(node, baseName)),
  ]);
}

/**
 * The first table's read of `filter` in `orderBy`, stopping after `limit` rows when one is given;
 * `params` stand for values bound later (an embedded `$count`'s row values, in its trial plan).
 */
function planBase(
  table: TableConfig,
  filter: FilterNode | null,
  orderBy: readonly OrderSpec[],
  limit: number | undefined,
  params: readonly Value[],
): Plan {
  return planQuery({ table, filter, orderBy, params, ...(limit === undefined ? {} : { limit }) });
}

/**
 * The conjuncts the inner joins' key equalities imply from WHERE's and their ON's
 * ({@link impliedEqualities}): a row of the result holds every inner join's ON and every WHERE
 * conjunct, not a left join's ON.
 */
function impliedByJoins(
  state: SelectState,
  base: { readonly table: TableConfig; readonly name: string },
  where: readonly FilterNode[],
  onConditions: readonly (readonly FilterNode[])[],
): FilterNode[] {
  if (!state.joins.some((call) => call.kind === 'inner')) return [];
  const tables = new Map([
    [base.name, base.table],
    ...state.joins.map((call) => [scopeName(call.table), getTableConfig(call.table)] as const),
  ]);
  // An inner join's ON holds on every result row, as WHERE does: its conditions on values are carried too.
  const innerOn = onConditions.filter((_, i) => state.joins[i]!.kind === 'inner').flat();
  const holding = [...innerOn, ...where];
  return impliedEqualities(tables, holding, holding);
}

/** WHERE as AND-ed qualified conditions (operator expressions) or one base filter (a where-object). */
function whereConjuncts(
  schema: SchemaContext,
  base: TableConfig,
  state: SelectState,
): { qualified: readonly FilterNode[]; object: FilterNode | null } {
  if (state.parsedWhere) return { qualified: [], object: state.parsedWhere };
  if (!state.where) return { qualified: [], object: null };
  const { filter } = state.where;
  if (filter instanceof FilterExpression) {
    const qualified = conjunctsOf(filter.qualified());
    if (qualified.some((node) => tablesOf(node).has(AGGREGATE_TABLE))) {
      throw invalid('Aggregates cannot be used in where(); filter groups with having().', base.name);
    }
    return { qualified, object: null };
  }
  if (filter === undefined) {
    throw undefinedFilter(
      base.name,
      `The filter of the select from "${base.name}" (where(), or $count's)`,
      'row',
      'Leave it out to read every row',
    );
  }
  // A prepared select's placeholder values stand where their placeholders do, as operands.
  const values = state.prepared?.values as Readonly<Record<string, unknown>> | undefined;
  return { qualified: [], object: parseRelationWhere(schema, schema.keyOf(base.name), filter, undefined, values) };
}

function selectedFields(
  schema: SchemaContext,
  scope: ReadonlyMap<string, TableConfig>,
  state: SelectState,
): SelectedField[] {
  const { fields } = state;
  if (typeof fields !== 'object' || fields === null) {
    throw invalid('select() takes an object of columns (select({ title: posts.title })), or nothing for whole rows.');
  }
  const entries = Object.entries(fields);
  if (entries.length === 0)
    throw invalid('select({}) selects nothing; name at least one column, or call select() for whole rows.');
  return entries.map(([key, value]) => {
    const target = countTargetOf(value);
    if (target) {
      const embedded = embeddedCount(schema, scope, target, key, state);
      // Planned with the row's values as params, as a relation's `_count` is: a rule's equality on the
      // correlated column is checked against each bound value, not intersected with a stand-in.
      const params = planParams(embedded.correlations.length);
      const trial = parseSelect(schema, countState(embedded, unboundCountFilter(embedded, params)), params);
      return { key, field: `${COUNT_FIELD}.${key}`, column: count(), count: { embedded, trial } };
    }
    const column = columnArgument(value, `select({ ${key} })`);
    const field = qualifiedKey(column);
    if (!(column instanceof AggregateColumn)) checkField(scope, field, `select({ ${key} })`);
    else if (column.source) checkField(scope, qualifiedKey(column.source), `select({ ${key} })`);
    return { key, field, column };
  });
}

function orderSpec(value: unknown): OrderSpec {
  if (value instanceof OrderExpression) return { field: qualifiedKey(value.column), direction: value.direction };
  return { field: qualifiedKey(columnArgument(value, 'orderBy()')), direction: 'asc' };
}

/**
 * As in Postgres, a distinct selection orders only by what it selects: rows
 * that differ only in an unselected column collapse into one, which has no
 * single value of that column to sort by. Whole rows (`selectDistinct()`)
 * select every column.
 */
function checkDistinctOrder(fields: readonly SelectedField[], orderBy: readonly OrderSpec[]): void {
  const selected = new Set(fields.map(({ field }) => field));
  const outside = orderBy.find(({ field }) => !selected.has(field));
  if (!outside) return;
  throw invalid(
    `selectDistinct() orders by ${fieldLabel(outside.field)}, which it does not select: for SELECT DISTINCT, ORDER BY expressions must appear in select list. Select ${fieldLabel(outside.field)} too, or order by a selected column.`,
    aggregateOf(outside.field) ? undefined : tableOf(outside.field),
  );
}

function checkField(scope: ReadonlyMap<string, TableConfig>, field: string, where: string): void {
  const aggregate = aggregateOf(field);
  if (aggregate) {
    if (aggregate.field !== null) checkField(scope, aggregate.field, where);
    return;
  }
  const table = tableOf(field);
  if (!scope.has(table)) {
    throw invalid(`${where} uses ${field}, but "${table}" is not in the select; join it first.`, table);
  }
}

/**
 * `db.$count(table, filter)` run on its own given a condition on another table: nothing joins to
 * it. Selected as a field of a select from that table, it counts per row of it.
 */
function countFilterOutOfTable(baseName: string, node: FilterNode): OrmError {
  const field = [...filterFields(node)].find((name) => tableOf(name) !== baseName);
  const other = field === undefined ? undefined : tableOf(field);
  return invalid(
    `$count of "${baseName}" filters on ${field}, but a $count run on its own filters the table it counts (relation filters of a where-object included). To count per row of ${other}, select it as a field of a select from ${other} (db.select({ n: db.$count(${baseName}, ...) }).from(${other})); to count the joined rows, db.select({ n: count() }).from(${baseName}).innerJoin(...).where(...).`,
    other,
  );
}

function checkFields(scope: ReadonlyMap<string, TableConfig>, node: FilterNode, where: string): void {
  for (const field of filterFields(node)) checkField(scope, field, where);
}

/**
 * GROUP BY, when the query groups: `groupBy()` was called, or the selection
 * or HAVING holds an aggregate (then all rows form one group). As in
 * Postgres, every other field must be a group key or a column of a table
 * whose `_id` is a group key (it is the same in every row of the group).
 */
function groupingOf(
  scope: ReadonlyMap<string, TableConfig>,
  state: SelectState,
  fields: readonly SelectedField[] | null,
  orderBy: readonly OrderSpec[],
): Grouping | null {
  const keys = state.groupBy.map((value) => qualifiedKey(columnArgument(value, 'groupBy()', false)));
  const aggregateKey = keys.find((key) => aggregateOf(key));
  if (aggregateKey) {
    throw invalid(`groupBy() takes columns: ${fieldLabel(aggregateKey)} is an aggregate, computed per group.`);
  }
  const having = havingFilter(state);
  const referenced = [
    // A $count reads the row's fields it correlates with (in a group: its keys, or of a table whose _id is one).
    ...(fields ?? []).flatMap(({ field, count }) =>
      count
        ? [...count.embedded.correlations.map(({ outer }) => outer), ...filterFields(count.embedded.outerOnly)]
        : [field],
    ),
    ...(having ? filterFields(having) : []),
    ...orderBy.map(({ field }) => field),
  ];
  const aggregates = new Map<string, AggregateSpec>();
  for (const field of referenced) {
    const aggregate = aggregateOf(field);
    if (aggregate) aggregates.set(field, aggregate);
  }
  const grouped = keys.length > 0 || having !== null || (fields ?? []).some(({ field }) => aggregateOf(field));
  if (!grouped) {
    if (aggregates.size > 0)
      throw invalid('orderBy() uses an aggregate, but the select neither groups nor selects aggregates.');
    return null;
  }
  if (fields === null)
    throw invalid('A grouped select names its fields: select({ authorId: posts.authorId, n: count() }).');
  for (const key of keys) checkField(scope, key, 'groupBy()');
  const ids = new Set(keys.filter((key) => key.endsWith('._id')).map(tableOf));
  for (const field of referenced) {
    if (aggregateOf(field) || keys.includes(field) || ids.has(tableOf(field))) continue;
    checkField(scope, field, 'The grouped select');
    throw invalid(
      `${field} must appear in groupBy() or be used in an aggregate function (or group by ${tableOf(field)}._id).`,
      tableOf(field),
    );
  }
  for (const aggregate of aggregates.values()) if (aggregate.field) checkField(scope, aggregate.field, 'An aggregate');
  return { keys, aggregates: [...aggregates.values()], having, referenced };
}

function havingFilter(state: SelectState): FilterNode | null {
  if (!state.having) return null;
  const { filter } = state.having;
  if (filter instanceof FilterExpression) return filter.qualified();
  if (filter === undefined) {
    // As for where(undefined) (DESIGN.md section 2.8), though Drizzle drops it: an undefined filter is a bug, not "all".
    const table = getTableConfig(state.from).name;
    throw undefinedFilter(
      table,
      `The having() filter of the select from "${table}"`,
      'group',
      'Leave having() out to keep every group',
    );
  }
  throw invalid('having() takes an operator expression over group keys and aggregates (gt(count(), 5)).');
}
