import { filterKey } from '../filter/filterKey.js';
import { comparisonNode, membershipValues } from '../filter/integerZero.js';
import { numberTypeOf } from '../filter/mixedNumbers.js';
import type { FilterNode } from '../filter/tree.js';
import { equalityOf } from '../planner/conditions.js';
import type { AnyColumn, ColumnDefinition } from '../schema/column.js';
import { columnOf, type TableConfig } from '../schema/table.js';
import { tableOf } from './fields.js';

/**
 * The most values of an `inArray` carried to another column: read there, each is an index range
 * the user did not write; past this, the list stays where it was written (a long list of ids on a
 * small table would otherwise take more ranges than the rows it reads).
 */
export const MAX_CARRIED_VALUES = 16;

/**
 * The WHERE conditions that inner joins' column equalities imply, as Postgres derives them from
 * its equivalence classes: with `innerJoin(users, eq(users._id, posts.authorId))`, a WHERE
 * `eq(users._id, id)` implies `eq(posts.authorId, id)`, so the first table's read is that one
 * author's index range, not every post looked up in turn. `equalities` are the ON conjuncts of
 * the inner joins (a row of the result holds every one of them); `where` the qualified WHERE
 * conjuncts. Only an equality to values (`eq`, `inArray`, a same-field OR of those: {@link carried})
 * is carried, between columns that store the same one of Convex's number types, if any (an int64
 * equals a float64 in a join, but a value of one type never equals the other's in an index range),
 * of at most {@link MAX_CARRIED_VALUES} values, and only when the other column has no such
 * condition already. Every condition it returns holds on each result row, so adding it changes
 * what is read, never what is returned.
 */
export function impliedEqualities(
  scope: ReadonlyMap<string, TableConfig>,
  equalities: readonly FilterNode[],
  where: readonly FilterNode[],
): FilterNode[] {
  const classes = equalityClasses(equalities);
  if (classes.size === 0) return [];
  const present = new Set(where.map(filterKey));
  const implied: FilterNode[] = [];
  for (const node of where) {
    const pinned = carried(node);
    if (!pinned) continue;
    const type = numberType(scope, pinned.field);
    for (const other of classes.get(pinned.field) ?? []) {
      // A table not in the select is refused by the select's own checks: nothing is implied on it.
      if (other === pinned.field || type === undefined || numberType(scope, other) !== type) continue;
      const copy = carriedTo(pinned, other, columnAt(scope, other)!.definition);
      const key = filterKey(copy);
      if (present.has(key)) continue;
      present.add(key);
      implied.push(copy);
    }
  }
  return implied;
}

/**
 * The equality `node` carries to the columns equal to its field: itself when it is an `eq` or an
 * `inArray` of at most {@link MAX_CARRIED_VALUES}, an `in` of the values of a same-field OR of
 * those (`or(eq(users._id, a), eq(users._id, b))`, or the `not(and(ne, ne))` NOT pushdown makes
 * of it), as the planner reads them; none for anything else.
 */
function carried(node: FilterNode): Extract<FilterNode, { kind: 'compare' | 'in' }> | undefined {
  if (node.kind === 'compare') return node.op === 'eq' ? node : undefined;
  if (node.kind === 'in') return !node.negated && node.values.length <= MAX_CARRIED_VALUES ? node : undefined;
  const equality = node.kind === 'or' ? equalityOf(node) : undefined;
  if (!equality || equality.values.length > MAX_CARRIED_VALUES) return undefined;
  return { kind: 'in', field: equality.field, values: equality.values, negated: false };
}

/** The qualified fields each field is equal to through `eq` of two columns, itself included (transitively). */
function equalityClasses(equalities: readonly FilterNode[]): Map<string, Set<string>> {
  const classes = new Map<string, Set<string>>();
  for (const node of equalities) {
    if (node.kind !== 'columns' || node.op !== 'eq') continue;
    const merged = new Set([
      ...(classes.get(node.field) ?? [node.field]),
      ...(classes.get(node.other) ?? [node.other]),
    ]);
    for (const field of merged) classes.set(field, merged);
  }
  return classes;
}

/** The column of a qualified field, or undefined for no column of the select. */
function columnAt(scope: ReadonlyMap<string, TableConfig>, field: string): AnyColumn | undefined {
  const table = scope.get(tableOf(field));
  return table && columnOf(table, field.slice(tableOf(field).length + 1));
}

/** The number type a qualified field's column stores when it stores one only, else null; undefined for no column of the select. */
function numberType(scope: ReadonlyMap<string, TableConfig>, field: string): string | null | undefined {
  const column = columnAt(scope, field);
  return column ? numberTypeOf(column.definition.validator) : undefined;
}

/**
 * `pinned`'s equality on `field`, whose column's zeros it compares as a filter's does: a -0 carried
 * into an `integer()` or `timestamp()` column matches its 0 too ({@link comparisonNode}).
 */
function carriedTo(
  pinned: Extract<FilterNode, { kind: 'compare' | 'in' }>,
  field: string,
  definition: ColumnDefinition,
): FilterNode {
  return pinned.kind === 'compare'
    ? comparisonNode(definition, field, 'eq', pinned.value)
    : { ...pinned, field, values: membershipValues(definition, pinned.values) };
}
