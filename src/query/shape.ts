import { OrmError } from '../errors.js';
import { isThenable } from '../isThenable.js';
import { readsById } from '../relations/relation.js';
import { countingLoad } from './countingLoad.js';
import { countRelated } from './countRelated.js';
import type { QueryExecution } from './execution.js';
import { loadRelated } from './loadRelated.js';
import type { ParsedQuery } from './parseQuery.js';
import type { Doc } from './readIndex.js';
import { readRow } from './readRow.js';
import { RepeatedRows } from './repeatedRows.js';

type Loaded = Record<string, unknown>;

/** One result object: selected columns, then extras, then relations (Drizzle's key order). */
function shapeRow(query: ParsedQuery, doc: Doc, loaded: Loaded): unknown {
  const row = readRow(query.table, doc);
  if (query.columns === null && query.extras.length === 0 && query.with.length === 0 && query.counts.length === 0) {
    return row;
  }
  const result: Record<string, unknown> = {};
  for (const field of query.columns ?? Object.keys(row)) result[field] = row[field];
  for (const [key, extra] of query.extras) {
    const value = extra(row);
    if (isThenable(value)) {
      // The extra's promise is dropped: its rejection (an async extra that throws) must not go unhandled.
      value.then(undefined, () => {});
      throw asyncExtra(query.table.name, key);
    }
    result[key] = value;
  }
  for (const { key } of query.with) result[key] = loaded[key];
  if (query.counts.length > 0) result._count = loaded._count;
  return result;
}

/**
 * An extra that returned a promise (an `async` function, a `db.$count(...)` as in Drizzle's
 * `$count` extra): it would leave an unresolved query in every row, which Convex cannot return.
 */
function asyncExtra(table: string, key: string): OrmError {
  return new OrmError(
    'INVALID_QUERY',
    `The extra "${key}" of a query of "${table}" returned a promise; extras are synchronous functions of the row. Count related rows with _count ({ _count: { posts: true } }), and load them with \`with\`.`,
    { table },
  );
}

/** The distinct documents of a list (by `_id`), so shared relation targets are loaded once. */
function distinct(docs: readonly Doc[]): Doc[] {
  const seen = new Map<unknown, Doc>();
  for (const doc of docs) if (!seen.has(doc._id)) seen.set(doc._id, doc);
  return [...seen.values()];
}

const NOTHING_LOADED: Loaded = {};

/** True when a query's rows are shaped alone: no relation or count to load for them. */
const leaf = (query: ParsedQuery) => query.with.length === 0 && query.counts.length === 0;

/**
 * The result of a root query of `docs`: {@link shapeRows}, checked against Convex's return-value
 * limit when it loads relations, whose rows it may repeat ({@link RepeatedRows}). Rows with
 * nothing to load are shaped at once, not in a promise: a point lookup's `.then` returns them
 * without adopting another promise.
 */
export function shapeResult(
  execution: QueryExecution,
  query: ParsedQuery,
  docs: readonly Doc[],
): unknown[] | Promise<unknown[]> {
  if (leaf(query)) return docs.map((doc) => shapeRow(query, doc, NOTHING_LOADED));
  const repeats = new RepeatedRows();
  repeats.roots(docs);
  return shapeRows(execution, query, docs, repeats).then((rows) => {
    repeats.check(execution.context.db, query.table.name, rows);
    return rows;
  });
}

/**
 * Loads the `with` relations of `docs` (per distinct parent key, recursively,
 * every read charged to the same budget) and their `_count` relation counts
 * (per distinct parent key too, or the rows a load of every match read: {@link countingLoad}), and shapes each document into its result;
 * the related rows attached are recorded on `repeats` (the root rows are the caller's to record).
 */
export async function shapeRows(
  execution: QueryExecution,
  query: ParsedQuery,
  docs: readonly Doc[],
  repeats: RepeatedRows,
): Promise<unknown[]> {
  if (leaf(query)) return docs.map((doc) => shapeRow(query, doc, NOTHING_LOADED));
  if (query.path === '' && readsByIdInto(query, query.tableKey)) holdById(execution, docs);
  const loaded: Loaded[] = docs.map(() => ({}));
  const read: Doc[][][] = [];
  for (const { key, relation, query: nested } of query.with) {
    const children = await loadRelated(execution, relation, docs, nested);
    read.push(children);
    const results = await shapeChildren(execution, nested, children, repeats);
    const one = relation.kind === 'one';
    repeats.attachRelated(query.table.name, key, one, children, results);
    results.forEach((rows, i) => {
      loaded[i]![key] = one ? (rows[0] ?? null) : rows;
    });
  }
  if (query.counts.length > 0) {
    const counts = docs.map((): Record<string, number> => ({}));
    for (const count of query.counts) {
      const { key, relation, query: nested } = count;
      const load = countingLoad(query, count);
      const found = load === -1 ? await countRelated(execution, relation, docs, nested) : read[load]!.map(rowCount);
      found.forEach((n, i) => {
        counts[i]![key] = n;
      });
    }
    counts.forEach((count, i) => {
      loaded[i]!._count = count;
    });
  }
  return docs.map((doc, i) => shapeRow(query, doc, loaded[i]!));
}

const rowCount = (rows: readonly Doc[]) => rows.length;

/** True when a `with` load under `query`, at any depth, reads rows of table `key` by id (`db.get`). */
function readsByIdInto(query: ParsedQuery, key: string): boolean {
  return query.with.some(
    ({ relation, query: nested }) =>
      (relation.targetTable === key && readsById(relation)) || readsByIdInto(nested, key),
  );
}

/**
 * Puts root rows read by an index range into the query's `db.get` cache, so a load that reaches
 * one by id (`users.posts.author`, back to the user) takes it from there instead of reading it
 * again. Only for such queries: a cache entry per root row is work the others do not need.
 */
function holdById(execution: QueryExecution, docs: readonly Doc[]): void {
  const { documents } = execution.context;
  for (const doc of docs) {
    const id = doc._id as string;
    if (!documents.has(id)) documents.set(id, Promise.resolve(doc));
  }
}

/**
 * The related rows of every parent shaped by the nested query. A row shared
 * by several parents has its own relations loaded once: distinct rows are
 * shaped, then handed to each parent. Leaf rows are shaped where they are
 * (shaping one is cheaper than finding it again).
 */
async function shapeChildren(
  execution: QueryExecution,
  nested: ParsedQuery,
  children: readonly Doc[][],
  repeats: RepeatedRows,
): Promise<unknown[][]> {
  if (leaf(nested)) return children.map((rows) => rows.map((row) => shapeRow(nested, row, NOTHING_LOADED)));
  const unique = distinct(children.flat());
  const shaped = await shapeRows(execution, nested, unique, repeats);
  const byId = new Map(unique.map((doc, i) => [doc._id, shaped[i]]));
  return children.map((rows) => rows.map((row) => byId.get(row._id)));
}
