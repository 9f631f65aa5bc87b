import { OrmError } from '../errors.js';
import { FilterExpression } from '../filter/operators.js';
import { andNodes, conjunctsOf, type FilterNode } from '../filter/tree.js';
import { type PlanTemplate, planParams } from '../planner/bind.js';
import { planQuery } from '../planner/plan.js';
import type { TableConfig } from '../schema/table.js';
import { tableOf, tablesOf, unqualify } from './fields.js';

/** A join as the executor runs it: per row so far, one bound read of the joined table. */
export interface ParsedJoin {
  readonly kind: 'inner' | 'left';
  readonly table: TableConfig;
  /** The name the table goes by in the select (an alias, or its table name). */
  readonly name: string;
  /** The joined table's column the lookup matches on. */
  readonly field: string;
  /** The qualified field of the rows so far whose value the joined rows must equal. */
  readonly outer: string;
  /** The lookup: equality on the joined column (a param) plus the ON conditions on the joined table alone. */
  readonly lookup: PlanTemplate;
  /** The rest of ON (conditions that also read the rows so far), qualified, tested per candidate pair. */
  readonly residual: FilterNode | null;
  /** Every qualified field of the table (system ones included) as null: a left join's missing partner. */
  readonly nullFields: Readonly<Record<string, null>>;
}

/**
 * Plans `join(table, on)` against the tables already in scope. ON must hold
 * an equality between a column of `table` and one of an earlier table
 * (`eq(posts.authorId, users._id)`); the joined side is read through the
 * index that starts with its column (or `db.get` for `_id`), once per row
 * so far. Without such an index every row would scan the joined table, so
 * the join is refused before any read, naming the index to add.
 */
export function planJoin(
  kind: 'inner' | 'left',
  { table, name }: { readonly table: TableConfig; readonly name: string },
  on: unknown,
  inScope: ReadonlySet<string>,
  pushed: readonly FilterNode[],
): ParsedJoin {
  const conditions = conjunctsOf(onFilter(name, on));
  const key = conditions.find((node) => joinKey(node, name, inScope) !== undefined);
  if (!key) {
    throw new OrmError(
      'INVALID_QUERY',
      `The join of "${name}" needs an equality between a column of "${name}" and a column of ${[...inScope].map((other) => `"${other}"`).join(', ')} in its ON condition (eq(${name}.authorId, users._id)).`,
      { table: table.name },
    );
  }
  const { inner, outer } = joinKey(key, name, inScope)!;
  const own = conditions.filter((node) => node !== key && only(node, name));
  const residual = andNodes(conditions.filter((node) => node !== key && !only(node, name)));
  const params = planParams(1);
  const filter = andNodes([
    { kind: 'compare', field: inner, op: 'eq', value: params[0]! },
    ...[...own, ...pushed].map((node) => unqualify(node, name)),
  ]);
  const plan = planQuery({ table, filter });
  if (plan.kind === 'index' && plan.fullScan) {
    const suggested = plan.suggestedIndex ?? [inner];
    throw new OrmError(
      'FULL_SCAN_FORBIDDEN',
      `The join of "${name}" on ${name}.${inner} would scan "${table.name}" once per row: no index of "${table.name}" starts with ${inner}; add index on ${table.name}(${suggested.join(', ')}).`,
      { table: table.name, details: { suggestedIndex: [...suggested] } },
    );
  }
  return {
    kind,
    table,
    name,
    field: inner,
    outer,
    lookup: { plan, params },
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

function onFilter(name: string, on: unknown): FilterNode {
  if (on instanceof FilterExpression) return on.qualified();
  throw new OrmError(
    'INVALID_QUERY',
    `The join of "${name}" takes an operator expression as its ON condition (eq(${name}.authorId, users._id)).`,
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
  joined: string,
  inScope: ReadonlySet<string>,
): { inner: string; outer: string } | undefined {
  if (node.kind !== 'columns' || node.op !== 'eq') return undefined;
  for (const [mine, theirs] of [
    [node.field, node.other],
    [node.other, node.field],
  ] as const) {
    if (tableOf(mine) === joined && inScope.has(tableOf(theirs))) {
      return { inner: mine.slice(joined.length + 1), outer: theirs };
    }
  }
  return undefined;
}
