import { compareValues, type Value } from 'convex/values';
import { sumOf } from '../aggregate/exactSum.js';
import type { OrderSpec } from '../planner/types.js';
import type { AnyRelation } from '../relations/relation.js';
import type { QueryExecution } from './execution.js';
import { mapBounded } from './mapBounded.js';
import type { Doc } from './readIndex.js';
import { orderRows } from './selection.js';

/** Aggregates of rc.5 relation orders over a `many` relation (`'desc(max)'`). */
export type OrderAggregate = 'min' | 'max' | 'count' | 'avg' | 'first';

/**
 * One sort key: a column of the row (`path` empty), or a column reached
 * through relations (`{ author: { name: 'asc' } }`), aggregated below a
 * `many` relation (`{ posts: { publishedAt: 'desc(max)' } }`,
 * `{ posts: 'desc(count)' }`, where `field` is null).
 */
export interface OrderTerm {
  readonly path: readonly AnyRelation[];
  readonly field: string | null;
  readonly aggregate?: OrderAggregate;
  readonly direction: 'asc' | 'desc';
  /** Soft-deleted related rows count too (the query said `withDeleted: true`). */
  readonly withDeleted?: boolean;
}

/** The terms as planner specs when they are all plain columns, else null (sorted in memory). */
export function columnSpecs(terms: readonly OrderTerm[]): OrderSpec[] | null {
  if (terms.some((term) => term.path.length > 0)) return null;
  return terms.map((term) => ({ field: term.field!, direction: term.direction }));
}

/** The least (`min`) or greatest (`max`) of non-null values in Convex value order, `null` when there are none. */
export function extremeValue(kind: 'min' | 'max', values: readonly Value[]): Value | null {
  const sign = kind === 'min' ? 1 : -1;
  return values.reduce<Value | null>(
    (best, value) => (best === null || sign * compareValues(value, best) < 0 ? value : best),
    null,
  );
}

function aggregate(kind: OrderAggregate | undefined, rows: readonly Doc[], field: string | null): Value | undefined {
  const values = rows.map((row) => (field === null ? null : (row[field] as Value | undefined)));
  const present = values.filter((value): value is Value => value !== undefined && value !== null);
  switch (kind) {
    case undefined:
    case 'first':
      return values[0] ?? null;
    case 'count':
      return field === null ? rows.length : present.length;
    case 'min':
    case 'max':
      return extremeValue(kind, present);
    case 'avg': {
      const numbers = present.filter((value): value is number => typeof value === 'number');
      // Summed exactly, as `_avg` is, so the order does not depend on the rows' order.
      return numbers.length ? sumOf(numbers) / numbers.length : null;
    }
  }
}

/**
 * The sort keys of one row, one per term. Related rows are read through the
 * execution (budgeted) once per relation path, so terms through the same
 * relations (`{ posts: { publishedAt: 'desc(max)', title: 'asc(min)' } }`)
 * share one read of them.
 */
function termValues(execution: QueryExecution, row: Doc, terms: readonly OrderTerm[]): Promise<(Value | undefined)[]> {
  // One query's terms agree: `withDeleted` is an option of the whole query.
  const paths = new RowPaths(
    execution,
    row,
    terms.some((term) => term.withDeleted === true),
  );
  return Promise.all(
    terms.map(async (term) =>
      term.path.length === 0
        ? (row[term.field!] as Value | undefined)
        : aggregate(term.aggregate, await paths.along(term.path), term.field),
    ),
  );
}

/** The rows related to one row along relation paths, each path read once. */
class RowPaths {
  private readonly related = new Map<string, Promise<Doc[]>>();

  constructor(
    private readonly execution: QueryExecution,
    private readonly row: Doc,
    private readonly withDeleted: boolean,
  ) {}

  along(path: readonly AnyRelation[]): Promise<Doc[]> {
    if (path.length === 0) return Promise.resolve([this.row]);
    const key = path.map((relation) => `${relation.sourceTable}.${relation.fieldName}`).join('/');
    let rows = this.related.get(key);
    if (!rows) {
      const relation = path[path.length - 1]!;
      const { execution, withDeleted } = this;
      rows = this.along(path.slice(0, -1))
        .then((parents) =>
          mapBounded(parents, (parent) =>
            execution.context.readRelated(relation, parent, orderRows(execution.schema, relation, withDeleted)),
          ),
        )
        .then((children) => children.flat());
      this.related.set(key, rows);
    }
    return rows;
  }
}

/**
 * Sorts rows by order terms in Convex value order (absent < null < values),
 * reading the related rows relation terms need. Stable.
 */
export async function sortByTerms(execution: QueryExecution, rows: Doc[], terms: readonly OrderTerm[]): Promise<Doc[]> {
  // One row (a `one` target, a by-id read) is in order as it is: its sort keys are not read.
  if (terms.length === 0 || rows.length <= 1) return rows;
  const keys = await mapBounded(rows, (row) => termValues(execution, row, terms));
  const order = rows.map((_, i) => i);
  order.sort((a, b) => {
    for (let t = 0; t < terms.length; t++) {
      const result = compareValues(keys[a]![t], keys[b]![t]);
      if (result !== 0) return terms[t]!.direction === 'asc' ? result : -result;
    }
    return a - b;
  });
  return order.map((i) => rows[i]!);
}
