import type { GenericDatabaseReader } from 'convex/server';
import type { Value } from 'convex/values';
import { evaluateFilter } from '../filter/evaluate.js';
import { neverTrue } from '../filter/neverTrue.js';
import { andNodes, type FilterNode } from '../filter/tree.js';
import { getThen } from '../limits/meteredDb.js';
import type { Doc } from './readIndex.js';

/** A filter that names one document by id: the id, and the conditions it must also pass (or `null`). */
export interface PointFilter {
  readonly id: Value;
  readonly rest: FilterNode | null;
}

// Conjuncts the planner leaves to the residual filter as they are, and evaluates without reading.
const COLUMN_CONDITIONS = new Set<FilterNode['kind']>(['compare', 'columns', 'isNull', 'like', 'array', 'test']);

const isIdEquality = (node: FilterNode): node is Extract<FilterNode, { kind: 'compare' }> =>
  node.kind === 'compare' && node.field === '_id' && node.op === 'eq' && node.value !== null;

/**
 * The point a filter reads, when it is one `_id` equality (`eq(t._id, id)`,
 * `{ _id: id }`), alone or ANDed with column conditions (a soft-delete
 * table's `deletedAt isNull`, a rule on the row's own columns); else `null`.
 * Exactly the filters the planner turns into a one-id get plan whose
 * residual reads nothing: no relation filter, no `in`/`or` (another `_id`
 * equality the planner could pick), no constant or comparison with null
 * (either makes the plan empty).
 */
export function pointFilter(filter: FilterNode | null): PointFilter | null {
  if (filter === null) return null;
  if (isIdEquality(filter)) return { id: filter.value, rest: null };
  if (filter.kind !== 'and') return null;
  const at = filter.children.findIndex(isIdEquality);
  if (at < 0 || !filter.children.every((child) => COLUMN_CONDITIONS.has(child.kind) && !neverTrue(child))) return null;
  const id = (filter.children[at] as Extract<FilterNode, { kind: 'compare' }>).value;
  return { id, rest: andNodes(filter.children.filter((_, i) => i !== at)) };
}

/**
 * The document of `table` a point filter names, if it exists and passes the
 * rest of the filter: what the planned read of the same filter returns, with
 * the same reads (one `db.get`, none for a value that is not an id of
 * `table`), without planning it. Update and delete by id take this path: a
 * hook's `update(projects).where(eq(projects._id, id))` runs once per row.
 */
export function readPoint(db: GenericDatabaseReader<any>, table: string, point: PointFilter): Promise<Doc[]> {
  return readPointThen(db, table, point, rowsAsRead);
}

/**
 * {@link readPoint}, continued by `then` on its rows in the step that read
 * them: a hook's one-row update goes on to its write without a promise of
 * its own (each costs a microtask, and convex-test's context propagation).
 */
export function readPointThen<T>(
  db: GenericDatabaseReader<any>,
  table: string,
  point: PointFilter,
  then: (rows: Doc[]) => T | Promise<T>,
): Promise<T> {
  const id = typeof point.id === 'string' ? db.normalizeId(table, point.id) : null;
  if (id === null) return Promise.resolve([]).then(then);
  const { rest } = point;
  return getThen(db, table, id, (doc) =>
    then(doc && (rest === null || evaluateFilter(rest, doc) === true) ? [doc as Doc] : []),
  );
}

const rowsAsRead = (rows: Doc[]): Doc[] => rows;
