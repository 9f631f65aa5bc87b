import type { Value } from 'convex/values';
import { matchesFilter } from '../filter/evaluate.js';
import { bindPlan } from '../planner/bind.js';
import type { ExecutionContext } from '../query/context.js';
import { mapBounded } from '../query/mapBounded.js';
import type { Doc } from '../query/readIndex.js';
import { matchingRows } from '../query/selectRows.js';
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

/**
 * The rows of a select's FROM and joins that pass its whole WHERE, in the
 * base read's order: an index nested-loop join. For each base row, each
 * join reads its table through its bound lookup plan (every document
 * charged to the same budget), one row at a time, so a consumer that stops
 * early (a full window) reads no further base rows nor lookups.
 */
export async function* joinedRows(context: ExecutionContext, select: ParsedSelect): AsyncGenerator<JoinedRow> {
  for await (const doc of matchingRows(context, select.basePlan)) {
    yield* extend(context, select, { [select.baseName]: doc }, 0);
  }
}

async function* extend(
  context: ExecutionContext,
  select: ParsedSelect,
  docs: Docs,
  step: number,
): AsyncGenerator<JoinedRow> {
  const join = select.joins[step];
  if (!join) {
    const row = joinedRow(docs, select.joins);
    if (matchesFilter(select.postFilter, row.flat)) yield row;
    return;
  }
  for await (const next of joinOne(context, select, join, docs)) yield* extend(context, select, next, step + 1);
}

/**
 * The same rows as {@link joinedRows}, in the same order, for a select that
 * reads every match anyway (grouping, an in-memory order): the base rows
 * first, then each join's lookups for all rows so far, many in flight at
 * once, as hand-written code would `Promise.all` them.
 */
export async function allJoinedRows(context: ExecutionContext, select: ParsedSelect): Promise<JoinedRow[]> {
  let partial: Docs[] = [];
  for await (const doc of matchingRows(context, select.basePlan)) partial.push({ [select.baseName]: doc });
  for (const join of select.joins) {
    const extended = await mapBounded(partial, async (docs) => {
      const rows: Docs[] = [];
      for await (const next of joinOne(context, select, join, docs)) rows.push(next);
      return rows;
    });
    partial = extended.flat();
  }
  return partial
    .map((docs) => joinedRow(docs, select.joins))
    .filter((row) => matchesFilter(select.postFilter, row.flat));
}

/** The rows so far paired with each lookup match that passes the rest of ON; an unmatched row once, null-extended, for a left join. */
async function* joinOne(
  context: ExecutionContext,
  select: ParsedSelect,
  join: ParsedJoin,
  docs: Docs,
): AsyncGenerator<Docs> {
  let matched = false;
  for await (const doc of lookup(context, join, docs)) {
    const next = { ...docs, [join.name]: doc };
    if (join.residual && !matchesFilter(join.residual, joinedRow(next, select.joins).flat)) continue;
    matched = true;
    yield next;
  }
  if (!matched && join.kind === 'left') yield { ...docs, [join.name]: null };
}

/** The joined table's rows whose key columns equal the row's values; a null or absent value joins nothing (SQL). */
function lookup(context: ExecutionContext, join: ParsedJoin, docs: Docs): AsyncIterable<Doc> {
  const values: Value[] = [];
  for (const { outer } of join.keys) {
    const dot = outer.indexOf('.');
    const value = docs[outer.slice(0, dot)]?.[outer.slice(dot + 1)] as Value | undefined;
    if (value === undefined || value === null) return (async function* () {})();
    values.push(value);
  }
  return matchingRows(context, bindPlan(join.lookup, values));
}
