import { compareValues, type Value } from 'convex/values';
import { totalOf } from '../aggregate/exactSum.js';
import { storedField } from '../ownField.js';
import type { OrderSpec } from '../planner/types.js';
import type { AnyRelation } from '../relations/relation.js';
import type { QueryExecution } from './execution.js';
import type { Doc } from './readIndex.js';
import type { SchemaContext } from './schemaContext.js';
import { cached, orderRows } from './selection.js';
import { resolveJunctionRule } from './visibleRows.js';

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

/**
 * Makes the selections the terms' relation paths are read with (each target's read rule, and a
 * junction's), when the query is parsed: a rule that refuses one (`defaultDeny` for a table with
 * no entry, rules reaching each other in a cycle) refuses the query whatever rows it finds, as a
 * `with` load's does, where the sort reads those paths only for a group of two rows or more.
 */
export function resolveTermPaths(schema: SchemaContext, terms: readonly OrderTerm[], withDeleted: boolean): void {
  for (const term of terms) {
    for (const relation of term.path) {
      resolveJunctionRule(schema, relation);
      orderRows(schema, relation, withDeleted);
    }
  }
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
  const values = rows.map((row) => (field === null ? null : (storedField(row, field) as Value | undefined)));
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
    case 'avg':
      // As db.select()'s avg: a bigint() column's mean too, whatever the rows' order.
      return totalOf('avg', present);
  }
}

/**
 * The rows related to each of `rows` along relation paths, every path read
 * once (terms through the same relations, `{ posts: { publishedAt:
 * 'desc(max)', title: 'asc(min)' } }`, share it), a step at a time for all
 * rows together through the execution (budgeted): one read per distinct key,
 * or one span, and a key the execution read before is not read again.
 */
class PathRows {
  private readonly related = new Map<string, Promise<Doc[][]>>();

  constructor(
    private readonly execution: QueryExecution,
    private readonly rows: readonly Doc[],
    private readonly withDeleted: boolean,
  ) {}

  along(path: readonly AnyRelation[]): Promise<Doc[][]> {
    if (path.length === 0) return Promise.resolve(this.rows.map((row) => [row]));
    const key = path.map((relation) => `${relation.sourceTable}.${relation.fieldName}`).join('/');
    return cached(this.related, key, async () => {
      const relation = path[path.length - 1]!;
      const { execution, withDeleted } = this;
      const parents = await this.along(path.slice(0, -1));
      const children = await execution.context.readRelated(
        relation,
        parents.flat(),
        orderRows(execution.schema, relation, withDeleted),
      );
      let next = 0;
      return parents.map((group) => group.flatMap(() => children[next++]!));
    });
  }
}

/** The sort keys of every row, one per term, in row order. */
async function termValues(
  execution: QueryExecution,
  rows: readonly Doc[],
  terms: readonly OrderTerm[],
): Promise<(Value | undefined)[][]> {
  // One query's terms agree: `withDeleted` is an option of the whole query.
  const paths = new PathRows(
    execution,
    rows,
    terms.some((term) => term.withDeleted === true),
  );
  const columns = await Promise.all(
    terms.map(async (term) =>
      term.path.length === 0
        ? rows.map((row) => storedField(row, term.field!) as Value | undefined)
        : (await paths.along(term.path)).map((related) => aggregate(term.aggregate, related, term.field)),
    ),
  );
  return rows.map((_, i) => columns.map((column) => column[i]));
}

/**
 * Sorts rows by order terms in Convex value order (absent < null < values),
 * reading the related rows relation terms need. Stable.
 */
export async function sortByTerms(execution: QueryExecution, rows: Doc[], terms: readonly OrderTerm[]): Promise<Doc[]> {
  // Per parent of a load: nothing to sort allocates nothing.
  if (terms.length === 0 || rows.length <= 1) return rows;
  return (await sortGroupsByTerms(execution, [rows], terms))[0]!;
}

/**
 * Sorts each group of rows on its own by order terms ({@link sortByTerms}),
 * reading the sort keys of the rows of all groups together: a relation term
 * reads the related rows of every group's rows at once (one read per
 * distinct key, or one span), not once per group (each parent's rows of a load).
 */
export async function sortGroupsByTerms(
  execution: QueryExecution,
  groups: readonly Doc[][],
  terms: readonly OrderTerm[],
): Promise<Doc[][]> {
  // A group of one row (a `one` target, a by-id read) is in order as it is: its sort keys are not
  // read. Parents sharing a key share their group: it is sorted once.
  const unsorted = [...new Set(groups)].filter((rows) => rows.length > 1);
  if (terms.length === 0 || unsorted.length === 0) return [...groups];
  const keys = await termValues(execution, unsorted.flat(), terms);
  const sorted = new Map<Doc[], Doc[]>();
  let start = 0;
  for (const rows of unsorted) {
    sorted.set(rows, sortRows(rows, keys.slice(start, start + rows.length), terms));
    start += rows.length;
  }
  return groups.map((rows) => sorted.get(rows) ?? rows);
}

/** `rows` in `terms` order, `keys` holding each row's sort keys. Stable. */
function sortRows(rows: readonly Doc[], keys: readonly (Value | undefined)[][], terms: readonly OrderTerm[]): Doc[] {
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
