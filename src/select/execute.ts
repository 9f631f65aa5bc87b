import { filterKey } from '../filter/filterKey.js';
import type { FilterNode } from '../filter/tree.js';
import { setOwnField } from '../ownField.js';
import { assertNoScanWhileBuilding, readsOnlyMatches, scanRuns } from '../query/aggregateGroups.js';
import type { ExecutionContext } from '../query/context.js';
import { mapBounded, readConcurrency } from '../query/mapBounded.js';
import { RepeatedRows } from '../query/repeatedRows.js';
import { cached } from '../query/selection.js';
import { sortRows } from '../query/sortRows.js';
import { windowEnd } from '../query/window.js';
import { boundCountFilter, countState, type EmbeddedCount } from './embeddedCount.js';
import { type GroupRow, groupRows, valuesKey } from './group.js';
import { readIndexedGroups } from './indexedGroups.js';
import { allJoinedRows, joinedRows } from './joinedRows.js';
import { type Grouping, type ParsedSelect, parseSelect } from './parse.js';
import { checkReturnedSums, shapeRow } from './shape.js';

/**
 * Runs a parsed select. Streamed (the base read gives the result order, no
 * grouping) with a limit: rows flow through joins, WHERE and DISTINCT until `offset +
 * limit` results passed, so `limit` counts joined rows and nothing more is
 * read. Otherwise every matching row is read (bounded by the scan budget),
 * grouped, sorted in memory, made distinct and windowed; groups an
 * aggregate index serves are read from it instead of the rows.
 */
export async function runSelect(context: ExecutionContext, select: ParsedSelect): Promise<unknown[]> {
  const { limit, offset } = select;
  const end = windowEnd({ limit, offset }) ?? Infinity;
  const distinct = distinctFilter(select.distinct);
  const results: unknown[] = [];
  if (end === 0) return results;
  // A selected `$count` is counted per result row: before DISTINCT compares the row (its count is
  // one of its values), else once the window is known (a row outside it costs no count).
  const counted = select.counts.length > 0;
  const countFirst = counted && select.distinct;
  const flats: Flat[] | null = counted && !countFirst ? [] : null;
  // A joined row matching several rows, or a key's lookup several rows share, repeats in the result;
  // a column selected more than once is in it as often.
  const repeats = select.joins.length > 0 || select.copied ? new RepeatedRows(select.copied) : null;
  // Without a window every row is read anyway: read as the in-memory path does, whose lookups may be one span read.
  if (select.streamed && end !== Infinity) {
    for await (const row of joinedRows(context, select)) {
      const shaped = shapeRow(select, row.flat, row);
      if (countFirst) await fillCounts(context, select, [shaped], [row.flat]);
      if (distinct(shaped)) {
        results.push(shaped);
        flats?.push(row.flat);
        repeats?.attachJoined(row.docs);
      }
      if (results.length >= end) break;
    }
    return windowed(context, select, repeats, results, flats, results.length);
  }
  if (select.grouping) {
    const groups = await groupsOf(context, select, select.grouping, repeats);
    // Group keys break ties (and order groups without orderBy), so index-served and read groups agree.
    const keyOrder = select.grouping.keys.map((field) => ({ field, direction: 'asc' as const }));
    for (const group of sortRows(groups as Record<string, unknown>[], [...select.orderBy, ...keyOrder])) {
      const shaped = shapeRow(select, group);
      if (countFirst) await fillCounts(context, select, [shaped], [group]);
      if (distinct(shaped)) {
        results.push(shaped);
        flats?.push(group);
      }
      if (results.length >= end) break;
    }
  } else {
    const rows = await allJoinedRows(context, select);
    const byFlat = new Map(rows.map((row) => [row.flat, row]));
    const sorted = sortRows(
      rows.map((row) => row.flat as Record<string, unknown>),
      select.orderBy,
    );
    for (const flat of sorted) {
      const row = byFlat.get(flat)!;
      const shaped = shapeRow(select, flat, row);
      if (countFirst) await fillCounts(context, select, [shaped], [flat]);
      if (distinct(shaped)) {
        results.push(shaped);
        flats?.push(flat);
        repeats?.attachJoined(row.docs);
      }
      if (results.length >= end) break;
    }
  }
  return windowed(context, select, repeats, results, flats, end);
}

/** A row of the select as its stages see it: qualified fields (a joined row's, or a group's). */
type Flat = Readonly<Record<string, unknown>>;

/**
 * The results from `offset` to `end`, their `$count`s filled when they were left for the window
 * (`flats`: each result's row), checked against Convex's return-value limit.
 */
async function windowed(
  context: ExecutionContext,
  select: ParsedSelect,
  repeats: RepeatedRows | null,
  results: unknown[],
  flats: Flat[] | null,
  end: number,
): Promise<unknown[]> {
  const window = results.slice(select.offset, end);
  if (flats) await fillCounts(context, select, window, flats.slice(select.offset, end));
  return checked(context, select, repeats, window);
}

/**
 * Sets each result's selected `$count`s: per row, the count's select with the row's values bound
 * ({@link boundCountFilter}), run in this execution (its budget, its reads, its rules), many rows
 * in flight at once as hand-written code would `Promise.all` them.
 */
async function fillCounts(context: ExecutionContext, select: ParsedSelect, results: unknown[], flats: readonly Flat[]) {
  await mapBounded(
    results.map((_, index) => index),
    async (index) => {
      for (const { key, count } of select.counts) {
        setOwnField(
          results[index] as Record<string, unknown>,
          key,
          await countFor(context, count.embedded, flats[index]!),
        );
      }
    },
    readConcurrency(context.db),
  );
}

/**
 * The counts an execution took, by `$count` and bound filter: rows holding the same values (a user
 * on each of its joined posts) are counted once, as a join looks each distinct key up once.
 */
const countsTaken = new WeakMap<ExecutionContext, WeakMap<EmbeddedCount, Map<string, Promise<number>>>>();

/** The count of one row: none without reading when its values match no row. */
function countFor(context: ExecutionContext, embedded: EmbeddedCount, flat: Flat): Promise<number> | number {
  const filter = boundCountFilter(embedded, flat);
  if (filter === false) return 0;
  const taken = cached(
    cached(countsTaken, context, () => new WeakMap()),
    embedded,
    () => new Map(),
  );
  return cached(taken, filter === null ? '' : filterKey(filter), () => countRows(context, embedded, filter));
}

/** The rows `filter` (a row's bound count filter) matches, counted by the count's own select. */
async function countRows(
  context: ExecutionContext,
  embedded: EmbeddedCount,
  filter: FilterNode | null,
): Promise<number> {
  const [row] = await runSelect(context, parseSelect(embedded.schema, countState(embedded, filter)));
  return (row as { count: number }).count;
}

/**
 * `results`, the rows returned, checked against Convex's value limits: their `bigint()` sums
 * ({@link checkReturnedSums}), and the return-value limit when joins may repeat rows in them ({@link RepeatedRows}).
 */
function checked(
  context: ExecutionContext,
  select: ParsedSelect,
  repeats: RepeatedRows | null,
  results: unknown[],
): unknown[] {
  checkReturnedSums(select, results);
  repeats?.check(context.db, select.base.name, results);
  return results;
}

/**
 * The groups: from the aggregate index that serves them when it is ready, else grouped from the
 * bounded read. A joined row matched by several rows may give its values to several groups (an
 * author's name to each of its books' groups): the read rows' documents are recorded in `repeats`,
 * so each group's values are bounded by the documents of its rows, repeats included.
 */
async function groupsOf(
  context: ExecutionContext,
  select: ParsedSelect,
  grouping: Grouping,
  repeats: RepeatedRows | null,
): Promise<GroupRow[]> {
  const { indexedGroups } = select;
  const served =
    indexedGroups &&
    (await readIndexedGroups(
      context,
      select.base,
      indexedGroups,
      grouping.keys,
      grouping.aggregates,
      grouping.having,
      scanMayReplace(context, select),
    ));
  if (served) return served;
  if (indexedGroups) await assertNoScanWhileBuilding(context, select.base, indexedGroups.plans, select.basePlan);
  const rows = await allJoinedRows(context, select);
  if (repeats) for (const row of rows) repeats.attachJoined(row.docs);
  return groupRows(rows, grouping);
}

/**
 * True when the read that groups the rows instead reads exactly the matching rows (one table, no
 * residual filter) and may run (strict mode refuses a full scan).
 */
function scanMayReplace(context: ExecutionContext, select: ParsedSelect): boolean {
  return select.joins.length === 0 && readsOnlyMatches(select.basePlan) && scanRuns(context.strict, select.basePlan);
}

/** DISTINCT: passes a result the first time its values are seen (every result passes without it). */
function distinctFilter(enabled: boolean): (row: unknown) => boolean {
  if (!enabled) return () => true;
  const seen = new Set<string>();
  return (row) => {
    const key = valuesKey(Object.values(row as Record<string, unknown>));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
