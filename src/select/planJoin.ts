import { OrmError } from '../errors.js';
import { FilterExpression } from '../filter/expressions.js';
import { type NumberType, numberTypeOf } from '../filter/mixedNumbers.js';
import { andNodes, conjunctsOf, type FilterNode, filterFields } from '../filter/tree.js';
import { type PlanTemplate, planParams } from '../planner/bind.js';
import { planQuery } from '../planner/plan.js';
import { hasOneZero } from '../schema/codec.js';
import { columnOf, type TableConfig } from '../schema/table.js';
import { AGGREGATE_TABLE } from './aggregates.js';
import { tableOf, tablesOf, unqualify } from './fields.js';

/** One equality of ON between a column of the joined table and one of the rows so far. */
export interface JoinKey {
  /** The joined table's column. */
  readonly field: string;
  /** The qualified field of the rows so far whose value the joined rows must equal. */
  readonly outer: string;
  /**
   * The number type `field` stores, when it stores one only: an outer value of the other type is
   * looked up as the equal value of this one (`asNumberType`), as Postgres joins a `bigint` on an `integer`.
   */
  readonly numberType: NumberType | null;
  /** `field` has one zero (`integer()`, `timestamp()`): an outer -0 is looked up as the 0 the ORM writes, as a filter's `eq` is. */
  readonly oneZero: boolean;
}

/** A join as the executor runs it: per row so far, one bound read of the joined table. */
export interface ParsedJoin {
  readonly kind: 'inner' | 'left';
  readonly table: TableConfig;
  /** The name the table goes by in the select (an alias, or its table name). */
  readonly name: string;
  /** Every key equality of ON, in ON's order; the lookup's `params[i]` stands for `keys[i].outer`'s value. */
  readonly keys: readonly JoinKey[];
  /** The lookup: the key equalities (params) plus the ON conditions on the joined table alone. */
  readonly lookup: PlanTemplate;
  /**
   * The lookup's conditions besides its key equalities (ON's on the joined table alone, pushed
   * WHERE, rules and soft delete), unqualified: what a read over the span of many keys filters with.
   */
  readonly conditions: FilterNode | null;
  /** ON conditions on the rows so far alone, qualified: tested per row before its lookup (no read when false). */
  readonly before: FilterNode | null;
  /** The rest of ON (conditions on both sides), qualified, tested per candidate pair. */
  readonly residual: FilterNode | null;
  /** Every qualified field of the table (system ones included) as null: a left join's missing partner. */
  readonly nullFields: Readonly<Record<string, null>>;
}

/**
 * Plans `join(table, on)` (ON's conjuncts) against the tables already in scope. ON must hold
 * an equality between a column of `table` and one of an earlier table
 * (`eq(posts.authorId, users._id)`); the joined side is read once per row
 * so far. Every such equality, whatever its place in ON, goes into that
 * read with the row's value bound, and the planner is told they are the key:
 * `db.get` by `_id`, else the best index (as for any filter) among those whose
 * equality prefix pins every key column (a two-column key reads one two-field
 * range), so a pushed condition with an index of its own does not make every
 * row walk that index; only when no index pins them all, the best of any. The
 * rest is tested on the rows read, except conditions on the earlier tables alone, tested on the
 * row before its lookup. An ON that matches nothing (`inArray(col, [])` is FALSE, as in Drizzle)
 * reads nothing. When no index narrows the read (past a soft-delete table's live rows), every
 * row would scan the joined table, so the join is refused before any read, naming the index to add.
 * ON may name only the tables in scope and `table` (join the others first).
 */
export function planJoin(
  kind: 'inner' | 'left',
  { table, name }: { readonly table: TableConfig; readonly name: string },
  on: readonly FilterNode[],
  inScope: ReadonlySet<string>,
  pushed: readonly FilterNode[],
): ParsedJoin {
  const filter = andNodes(on);
  if (filter?.kind === 'const' && !filter.value) {
    const never = { plan: planQuery({ table, filter }), params: [] };
    return {
      kind,
      table,
      name,
      keys: [],
      lookup: never,
      conditions: filter,
      before: null,
      residual: null,
      nullFields: nullFields(table, name),
    };
  }
  const conditions = conjunctsOf(filter);
  if (conditions.some((node) => tablesOf(node).has(AGGREGATE_TABLE))) {
    throw new OrmError('INVALID_QUERY', `Aggregates cannot be used in the ON condition of the join of "${name}".`, {
      table: table.name,
    });
  }
  // As in where(), a column of a table not (yet) in the select is refused, not read as NULL.
  for (const field of filterFields(filter)) {
    const other = tableOf(field);
    if (other !== name && !inScope.has(other)) {
      throw new OrmError(
        'INVALID_QUERY',
        `The ON condition of the join of "${name}" uses ${field}, but "${other}" is not in the select; join it first.`,
        { table: other },
      );
    }
  }
  const keyed = conditions.flatMap((node) => {
    const key = joinKey(node, table, name, inScope);
    return key ? [{ node, key }] : [];
  });
  if (keyed.length === 0) {
    throw new OrmError(
      'INVALID_QUERY',
      `The join of "${name}" needs an equality between a column of "${name}" and a column of ${[...inScope].map((other) => `"${other}"`).join(', ')} in its ON condition (eq(${name}.<column>, ${[...inScope][0]}._id)).`,
      { table: table.name },
    );
  }
  const keys = keyed.map(({ key }) => key);
  const rest = conditions.filter((node) => !keyed.some((entry) => entry.node === node));
  const own = rest.filter((node) => only(node, name));
  const before = andNodes(rest.filter((node) => !tablesOf(node).has(name)));
  const residual = andNodes(rest.filter((node) => !only(node, name) && tablesOf(node).has(name)));
  const params = planParams(keys.length);
  const lookupConditions = [...own, ...pushed].map((node) => unqualify(node, name));
  const lookupFilter = andNodes([
    ...keys.map(({ field }, i): FilterNode => ({ kind: 'compare', field, op: 'eq', value: params[i]! })),
    ...lookupConditions,
  ]);
  // The key is bound per row: the read takes an index whose equality prefix pins it, when one does.
  const fields = [...new Set(keys.map(({ field }) => field))];
  const plan = planQuery({ table, filter: lookupFilter, pinned: fields, params });
  if (plan.kind === 'index' && plan.fullScan) {
    const suggested = plan.suggestedIndex ?? fields;
    throw new OrmError(
      'FULL_SCAN_FORBIDDEN',
      `The join of "${name}" on ${fields.map((field) => `${name}.${field}`).join(', ')} would scan "${table.name}" once per row: no index of "${table.name}" starts with ${fields.join(' or ')}; add index on ${table.name}(${suggested.join(', ')}).`,
      { table: table.name, details: { suggestedIndex: [...suggested] } },
    );
  }
  return {
    kind,
    table,
    name,
    keys,
    lookup: { plan, params },
    conditions: andNodes(lookupConditions),
    before,
    residual,
    nullFields: nullFields(table, name),
  };
}

function nullFields(table: TableConfig, name: string): Record<string, null> {
  const fields: Record<string, null> = {};
  for (const field of [...Object.keys(table.systemColumns), ...Object.keys(table.columns)])
    fields[`${name}.${field}`] = null;
  return fields;
}

/** A join's ON condition, qualified; anything but an operator expression is refused. */
export function onFilter(name: string, on: unknown): FilterNode {
  if (on instanceof FilterExpression) return on.qualified();
  throw new OrmError(
    'INVALID_QUERY',
    `The join of "${name}" takes an operator expression as its ON condition (eq(${name}.<column>, <table>._id)).`,
    { table: name },
  );
}

const only = (node: FilterNode, table: string): boolean => {
  const tables = tablesOf(node);
  return tables.size === 1 && tables.has(table);
};

/** `joined.col = outer.col` (either way round) with `outer` already in scope. */
function joinKey(
  node: FilterNode,
  table: TableConfig,
  joined: string,
  inScope: ReadonlySet<string>,
): JoinKey | undefined {
  if (node.kind !== 'columns' || node.op !== 'eq') return undefined;
  for (const [mine, theirs] of [
    [node.field, node.other],
    [node.other, node.field],
  ] as const) {
    if (tableOf(mine) === joined && inScope.has(tableOf(theirs))) {
      const field = mine.slice(joined.length + 1);
      const column = columnOf(table, field);
      return {
        field,
        outer: theirs,
        numberType: column ? numberTypeOf(column.definition.validator) : null,
        oneZero: column ? hasOneZero(column.definition) : false,
      };
    }
  }
  return undefined;
}
