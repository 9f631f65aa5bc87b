import { andNodes, type FilterNode } from '../filter/tree.js';
import type { AnyRelation } from '../relations/relation.js';
import type { TableConfig } from '../schema/table.js';
import type { OrderTerm } from './orderTerms.js';
import type { SchemaContext } from './schemaContext.js';
import { notDeleted, ruleFilter } from './visibleRows.js';

/** The part of a nested query that selects related rows. */
export interface RelatedSelection {
  readonly filter: FilterNode | null;
  readonly orderBy: readonly OrderTerm[];
  readonly limit: number | undefined;
  readonly offset: number;
}

// Selections are shared objects, so the read they plan is reused for every parent row.
/** The first related row. */
export const ANY_ROW: RelatedSelection = { filter: null, orderBy: [], limit: 1, offset: 0 };
/** Every related row. */
export const ALL_ROWS: RelatedSelection = { filter: null, orderBy: [], limit: undefined, offset: 0 };

/** True when a selection (or a load's query) takes every row its filter passes, in no order of its own. */
export const takesEveryMatch = (selection: Pick<RelatedSelection, 'limit' | 'offset' | 'orderBy'>) =>
  selection.limit === undefined && selection.offset === 0 && selection.orderBy.length === 0;

/** True when it takes the first row its filter passes, in its key's read order (a `one` load without `offset` or `orderBy`). */
export const takesFirstOnly = (selection: Pick<RelatedSelection, 'limit' | 'offset' | 'orderBy'>) =>
  selection.limit === 1 && selection.offset === 0 && selection.orderBy.length === 0;

const liveSelections = new WeakMap<RelatedSelection, WeakMap<TableConfig, RelatedSelection>>();
const visibleSelections = new WeakMap<FilterNode, Map<string, RelatedSelection>>();

/**
 * The rows a relation `orderBy` term reads: the first related row of a `one`,
 * every row of a `many`; rows the rules hide are left out, and soft-deleted
 * ones unless `withDeleted`.
 */
export function orderRows(schema: SchemaContext, relation: AnyRelation, withDeleted: boolean): RelatedSelection {
  const all = relation.kind === 'one' ? ANY_ROW : ALL_ROWS;
  const target = schema.table(relation.targetTable);
  const deleted = withDeleted ? null : notDeleted(target);
  const rule = ruleFilter(schema, relation.targetTable, 'read');
  if (rule !== null) {
    // The rule's node is built once per `db` and table, so it keys the selections of that `db`; the
    // table is in the key too, as the filter holds its deletion column.
    const byKind = cached(visibleSelections, rule, () => new Map<string, RelatedSelection>());
    const kind = `${relation.targetTable}:${relation.kind}:${withDeleted}`;
    const selection = byKind.get(kind) ?? { ...all, filter: andNodes([rule, deleted]) };
    byKind.set(kind, selection);
    return selection;
  }
  if (deleted === null) return all;
  const byTable = cached(liveSelections, all, () => new WeakMap<TableConfig, RelatedSelection>());
  return cached(byTable, target, () => ({ ...all, filter: deleted }));
}

/** The value cached for `key` (in a `Map` or `WeakMap`), made on first use. */
export function cached<K, V>(
  cache: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  make: () => V,
): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}
