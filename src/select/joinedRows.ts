import type { Value } from 'convex/values';
import { matchesFilter } from '../filter/evaluate.js';
import { asNumberType } from '../filter/mixedNumbers.js';
import { valueKey } from '../filter/valueKey.js';
import { bindPlan } from '../planner/bind.js';
import type { ExecutionContext } from '../query/context.js';
import type { Doc } from '../query/readIndex.js';
import { inPlanOrder, matchingRows } from '../query/selectRows.js';
import { keyLookups } from './keyLookups.js';
import type { ParsedSelect } from './parse.js';
import type { ParsedJoin } from './planJoin.js';

/**
 * One row of a select before shaping: the document of each table by the
 * name it goes by (`null`
 * where a left join found none), and the same values flat under qualified
 * fields (`users.email`), as filters and sorts read them.
 */
export interface JoinedRow {
  readonly docs: Readonly<Record<string, Doc | null>>;
  readonly flat: Readonly<Record<string, unknown>>;
}

function joinedRow(docs: Docs, joins: readonly ParsedJoin[]): JoinedRow {
  const flat: Record<string, unknown> = {};
  for (const [table, doc] of Object.entries(docs)) {
    if (doc) for (const [field, value] of Object.entries(doc)) flat[`${table}.${field}`] = value;
  }
  // A left join's missing partner is a row of NULLs, as in SQL: its fields compare, group and
  // sort as null (tied with a stored null), not as absent fields, which Convex orders first.
  for (const join of joins) if (docs[join.name] === null) Object.assign(flat, join.nullFields);
  return { docs, flat };
}

type Docs = Record<string, Doc | null>;

/** One join's lookups in one execution, by their key values: rows sharing a key share one read. */
type LookupCache = Map<string, readonly Doc[]>;

/**
 * The rows of a select's FROM and joins that pass its whole WHERE, in the
 * base read's order: an index nested-loop join. For each base row, each
 * join reads its table through its bound lookup plan (every document
 * charged to the same budget), one row at a time, so a consumer that stops
 * early (a full window) reads no further base rows nor lookups. A key's
 * lookup read to its end is kept for the next row with that key.
 */
export async function* joinedRows(context: ExecutionContext, select: ParsedSelect): AsyncGenerator<JoinedRow> {
  const caches = select.joins.map((): LookupCache => new Map());
  for await (const doc of matchingRows(context, select.basePlan)) {
    yield* extend(context, select, caches, { [select.baseName]: doc }, 0);
  }
}

async function* extend(
  context: ExecutionContext,
  select: ParsedSelect,
  caches: readonly LookupCache[],
  docs: Docs,
  step: number,
): AsyncGenerator<JoinedRow> {
  const join = select.joins[step];
  if (!join) {
    const row = joinedRow(docs, select.joins);
    if (matchesFilter(select.postFilter, row.flat)) yield row;
    return;
  }
  const values = lookupKey(select, join, docs);
  const matches = values ? streamedMatches(context, join, caches[step]!, values) : NO_MATCHES;
  for await (const next of joinOne(select, join, docs, matches)) yield* extend(context, select, caches, next, step + 1);
}

/**
 * The same rows as {@link joinedRows}, in the same order, for a select that
 * reads every match anyway (grouping, an in-memory order): the base rows
 * first, then per join the lookups of the distinct keys of the rows so far
 * ({@link keyLookups}: many in flight at once, or one span read).
 */
export async function allJoinedRows(context: ExecutionContext, select: ParsedSelect): Promise<JoinedRow[]> {
  const base: Doc[] = [];
  for await (const doc of matchingRows(context, select.basePlan)) base.push(doc);
  // In the base read's order (a union read branch after branch, sorted): the select sorts by its own orderBy, stably.
  let partial: Docs[] = inPlanOrder(select.basePlan, base).map((doc) => ({ [select.baseName]: doc }));
  for (const join of select.joins) {
    const keyed = partial.map((docs) => {
      const values = lookupKey(select, join, docs);
      return { docs, values, key: values && valueKey(values) };
    });
    const distinct = new Map<string, Value[]>();
    for (const { key, values } of keyed) if (key !== null) distinct.set(key, values!);
    const cache = await keyLookups(context, join, distinct);
    const extended: Docs[] = [];
    for (const { docs, key } of keyed) {
      for await (const next of joinOne(select, join, docs, key === null ? NO_MATCHES : cache.get(key)!)) {
        extended.push(next);
      }
    }
    partial = extended;
  }
  return partial
    .map((docs) => joinedRow(docs, select.joins))
    .filter((row) => matchesFilter(select.postFilter, row.flat));
}

const NO_MATCHES: readonly Doc[] = [];

/**
 * The rows so far paired with each of `matches` (their lookup's rows) that passes the rest of ON;
 * an unmatched row once, null-extended, for a left join.
 */
async function* joinOne(
  select: ParsedSelect,
  join: ParsedJoin,
  docs: Docs,
  matches: AsyncIterable<Doc> | Iterable<Doc>,
): AsyncGenerator<Docs> {
  let matched = false;
  for await (const doc of matches) {
    const next = { ...docs, [join.name]: doc };
    if (join.residual && !matchesFilter(join.residual, joinedRow(next, select.joins).flat)) continue;
    matched = true;
    yield next;
  }
  if (!matched && join.kind === 'left') yield { ...docs, [join.name]: null };
}

/** A streamed select's lookup of `values`: a key read to its end before is served from `cache`, else read (and kept once whole). */
function streamedMatches(
  context: ExecutionContext,
  join: ParsedJoin,
  cache: LookupCache,
  values: Value[],
): AsyncIterable<Doc> | Iterable<Doc> {
  const key = valueKey(values);
  return cache.get(key) ?? readAndKeep(matchingRows(context, bindPlan(join.lookup, values)), cache, key);
}

async function* readAndKeep(rows: AsyncIterable<Doc>, cache: LookupCache, key: string): AsyncGenerator<Doc> {
  const read: Doc[] = [];
  for await (const doc of rows) {
    read.push(doc);
    yield doc;
  }
  cache.set(key, read);
}

/**
 * The values of the row's key columns for the join's lookup, each a value of its joined column's
 * number type when it is a number ({@link asNumberType}); null when the row is looked up not at all:
 * it fails ON's conditions on the earlier tables, a key value is null or absent (it joins nothing,
 * as in SQL), or a number no value of the joined column equals (5.5 against a `bigint()` column).
 */
function lookupKey(select: ParsedSelect, join: ParsedJoin, docs: Docs): Value[] | null {
  if (join.before !== null && !matchesFilter(join.before, joinedRow(docs, select.joins).flat)) return null;
  const values: Value[] = [];
  for (const { outer, numberType, oneZero } of join.keys) {
    const dot = outer.indexOf('.');
    const value = docs[outer.slice(0, dot)]?.[outer.slice(dot + 1)] as Value | undefined;
    if (value === undefined || value === null) return null;
    const stored = asNumberType(value, numberType);
    if (stored === undefined) return null;
    values.push(oneZero && Object.is(stored, -0) ? 0 : stored);
  }
  return values;
}
