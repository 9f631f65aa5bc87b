import { compareValues, type Value } from 'convex/values';
import { rangesLeft, spanPays } from '../limits/meteredDb.js';
import type { AnyRelation } from '../relations/relation.js';
import type { QueryExecution } from './execution.js';
import { heldRows, takeHeld } from './heldLoads.js';
import { mapBounded, readConcurrency } from './mapBounded.js';
import { columnSpecs, sortGroupsByTerms } from './orderTerms.js';
import type { ParsedQuery } from './parseQuery.js';
import type { Doc } from './readIndex.js';
import {
  cachedTargetReader,
  joinedFilter,
  junctionRead,
  junctionReadOrder,
  keyReadOrder,
  linkedKeys,
  linkedTargets,
  linksStopEarly,
  parentKey,
  rangesPerJunction,
  rangesPerKey,
  rangesPerTarget,
  readsNothing,
  readsTargetsById,
  rowsForKey,
  sharedTargetReader,
  type TargetReader,
  visibleLinks,
} from './relatedRows.js';
import { ALL_ROWS, cached, type RelatedSelection } from './selection.js';
import { selectRows } from './selectRows.js';
import { keyOf, spanGroups } from './spanGroups.js';
import { windowEnd, windowRows } from './window.js';

/**
 * How one relation's result per parent (its rows, or their count) is read: a
 * constant of functions (made once, not per load) given the load's arguments.
 */
export interface KeyedRead<T> {
  /** The result of a parent with no related rows. */
  readonly none: () => T;
  /** The results of the distinct keys (one value each), read as one span, by {@link keyOf} of the key. */
  readonly span: (
    execution: QueryExecution,
    relation: AnyRelation,
    keys: readonly Value[],
    selection: RelatedSelection,
  ) => Promise<Map<string, T>>;
  /** The result of one key's own read; through a junction, its targets read by `targets`, shared by the load's keys. */
  readonly perKey: (
    execution: QueryExecution,
    relation: AnyRelation,
    values: readonly Value[],
    selection: RelatedSelection,
    targets?: TargetReader,
  ) => Promise<T>;
  /** The result of a key whose related rows (through a junction) are `rows`. */
  readonly ofRows: (rows: Doc[]) => T;
  /** The results of keys whose every match the execution holds ({@link heldMatches}), by {@link keyOf} of the key. */
  readonly held: (
    execution: QueryExecution,
    relation: AnyRelation,
    matches: ReadonlyMap<string, Doc[]>,
    selection: RelatedSelection,
  ) => Promise<Map<string, T>>;
}

/**
 * A relation's result for every parent, in parent order: `none` for all,
 * without a read, when the relation {@link readsNothing}. Parents sharing a
 * key share one read: one per distinct key. When the distinct keys outnumber
 * half the index ranges the transaction has left (Convex allows 4,096), a
 * single-column key ({@link spannable}) is read as one range over the keys'
 * span instead and grouped by key in memory: one range, bounded by the scan budget.
 * Through a junction to targets read by id, where the targets the keys link
 * decide it, the first key's links are read first ({@link sampledReads}).
 * Through a junction, each distinct target is read once for all keys.
 * Keys whose every match the execution read already under the same filter (a
 * relation order's reads) are not read again ({@link heldMatches}).
 */
export async function readPerParent<T>(
  execution: QueryExecution,
  relation: AnyRelation,
  parents: readonly Doc[],
  selection: RelatedSelection,
  read: KeyedRead<T>,
): Promise<T[]> {
  // Decided before span or per-key reads: a span would read every related row only to keep none.
  if (readsNothing(execution, relation, selection)) return parents.map(read.none);
  const parentKeys = parents.map((parent) => parentKey(relation, parent));
  const distinct = new Map<string, Value[]>();
  for (const values of parentKeys) if (values) distinct.set(keyOf(values), values);
  const held = takeHeld(execution, relation, selection, distinct);
  const mode = loadMode(execution, relation, distinct.size, selection);
  const results =
    mode === 'span'
      ? await read.span(execution, relation, spanKeys(distinct), selection)
      : mode === 'sample'
        ? await sampledReads(execution, relation, distinct, selection, read)
        : await perKeyReads(execution, relation, distinct, selection, read);
  if (held) for (const [key, result] of await read.held(execution, relation, held, selection)) results.set(key, result);
  return parentKeys.map((values) => (values ? (results.get(keyOf(values)) ?? read.none()) : read.none()));
}

/** The one value of each of `distinct` keys of a {@link spannable} relation: what a span read takes. */
const spanKeys = (distinct: ReadonlyMap<string, Value[]>) => [...distinct.values()].map((values) => values[0]!);

/**
 * The results of the `distinct` keys, one read each, by {@link keyOf} of the key; through a
 * junction, each distinct target read once for all keys ({@link sharedTargetReader}).
 */
async function perKeyReads<T>(
  execution: QueryExecution,
  relation: AnyRelation,
  distinct: ReadonlyMap<string, Value[]>,
  selection: RelatedSelection,
  read: KeyedRead<T>,
): Promise<Map<string, T>> {
  const targets = sharedTargetReader(execution, relation, selection);
  const keys = [...distinct.keys()];
  const found = await mapBounded(
    keys,
    (key) => read.perKey(execution, relation, distinct.get(key)!, selection, targets),
    readConcurrency(execution.context.db),
  );
  return new Map(keys.map((key, i) => [key, found[i]!]));
}

/**
 * The results of the `distinct` keys of a through relation whose fan-out
 * decides between per-key and span reads ({@link loadMode} 'sample'): the
 * smallest key's junction rows are read first (the read a per-key load makes
 * anyway), their distinct targets taken as every key's fan-out f. When the
 * per-key reads (a junction range per key, up to f gets per key) fit the
 * ranges left, every other key is read on its own; else the other keys'
 * junction rows are read as one span (above the sampled key's, which are not
 * read again). Each distinct target is read once either way.
 */
async function sampledReads<T>(
  execution: QueryExecution,
  relation: AnyRelation,
  distinct: ReadonlyMap<string, Value[]>,
  selection: RelatedSelection,
  read: KeyedRead<T>,
): Promise<Map<string, T>> {
  const [sampled, ...others] = [...distinct].sort(([, a], [, b]) => compareValues(a[0]!, b[0]!));
  const [sampledKey, sampledValues] = sampled!;
  const sampledLinks = await selectRows(execution.context, junctionRead(execution, relation, sampledValues));
  const rest = new Map(others);
  // A read that stops once its window is full gets at most that many targets per key.
  const linked = linkedKeys(relation, sampledLinks).size;
  const perKey = linksStopEarly(selection) ? Math.min(linked, windowEnd(selection)!) : linked;
  if (perKeyFits(execution, relation, distinct.size, perKey)) {
    const results = await perKeyReads(execution, relation, rest, selection, read);
    return results.set(sampledKey, read.ofRows(await linkedTargets(execution, relation, sampledLinks, selection)));
  }
  const links = await spanLinks(execution, relation, spanKeys(rest));
  const rows = await linkedRows(execution, relation, links.set(sampledKey, sampledLinks), selection);
  return new Map([...rows].map(([key, found]) => [key, read.ofRows(found)]));
}

/**
 * True when reading `keyCount` keys of a through relation to targets read by
 * id one at a time, one of them read already, fits the ranges left: a
 * junction range per other key, and up to `fanOut` `db.get`s (one range each)
 * per key (fewer when keys share targets).
 */
function perKeyFits(execution: QueryExecution, relation: AnyRelation, keyCount: number, fanOut: number): boolean {
  const links = (keyCount - 1) * rangesPerJunction(execution, relation);
  return links + keyCount * fanOut <= rangesLeft(execution.context.db);
}

/**
 * The related rows of every parent, in parent order ({@link readPerParent}).
 * Under a relation order, each key's read takes every match anyway: the
 * matches of all keys are read first, then sorted together, so the sort keys
 * of every parent's rows are read at once ({@link sortGroupsByTerms}), then windowed.
 */
export async function loadRelated(
  execution: QueryExecution,
  relation: AnyRelation,
  parents: readonly Doc[],
  selection: RelatedSelection,
): Promise<Doc[][]> {
  if (columnSpecs(selection.orderBy) || readsNothing(execution, relation, selection)) {
    return readPerParent(execution, relation, parents, selection, RELATED_ROWS);
  }
  const matches = await readPerParent(execution, relation, parents, matchesOf(selection), RELATED_ROWS);
  const sorted = await sortGroupsByTerms(execution, matches, selection.orderBy);
  return sorted.map((rows) => windowRows(rows, selection));
}

const matchSelections = new WeakMap<RelatedSelection, RelatedSelection>();

/**
 * The selection of every related row `selection` filters, unordered and
 * unwindowed: under a relation order, the same reads (every match, in each
 * key's read order) without the sort and window.
 */
const matchesOf = (selection: RelatedSelection) =>
  cached(matchSelections, selection, () => ({ ...ALL_ROWS, filter: selection.filter }));

/** A relation's rows: one span grouped by key, or one read per key. */
const RELATED_ROWS: KeyedRead<Doc[]> = {
  none: () => [],
  span: spanRows,
  perKey: rowsForKey,
  ofRows: (rows) => rows,
  held: heldRows,
};

/**
 * True when loading the `with` relations and `_count`s of `keyCount` rows of
 * `query` would read some relation as one span over their keys
 * ({@link loadMode}, taking each row for a distinct key), or may, as the
 * targets its first key links decide: what a page
 * weighs before shaping its rows in several batches, whose spans would overlap.
 */
export function readsSpan(execution: QueryExecution, query: ParsedQuery, keyCount: number): boolean {
  return [...query.with, ...query.counts].some(
    ({ relation, query: nested }) => loadMode(execution, relation, keyCount, nested) !== 'perKey',
  );
}

/**
 * How `keyCount` distinct keys are read: one span past half the ranges left
 * (a {@link spannable} relation, weighing each key as {@link rangesPerLoadedKey});
 * else per key, unless the keys link targets read by id through a junction
 * and one target read per key (as {@link rangesPerKey} weighs a key's own
 * read) would pass half the ranges left: then how many targets each key
 * links decides, sampled from the first key ({@link sampledReads}). Targets
 * named by another column are weighed at one read per key, as a key's own
 * read: one key's fan-out, sampled, is no bound for the others' reads of
 * another column (each a range, not a get the document cache answers).
 */
function loadMode(
  execution: QueryExecution,
  relation: AnyRelation,
  keyCount: number,
  selection: RelatedSelection,
): 'span' | 'sample' | 'perKey' {
  if (!spannable(relation) || keyCount < 2) return 'perKey';
  const { db } = execution.context;
  if (spanPays(db, keyCount * rangesPerLoadedKey(execution, relation, selection))) return 'span';
  const sample =
    relation.through !== undefined &&
    readsTargetsById(execution, relation, selection) &&
    spanPays(db, keyCount * rangesPerKey(execution, relation, selection));
  return sample ? 'sample' : 'perKey';
}

/**
 * Index ranges a load opens per distinct key: through a junction to targets
 * read by id ({@link readsTargetsById}), its junction read's only, as those
 * targets are read once per distinct target whichever keys link them (and
 * as many in a span read); else the key's own read's ({@link rangesPerKey}).
 */
function rangesPerLoadedKey(execution: QueryExecution, relation: AnyRelation, selection: RelatedSelection): number {
  if (readsNothing(execution, relation, selection)) return 0;
  return relation.through && readsTargetsById(execution, relation, selection)
    ? rangesPerJunction(execution, relation)
    : rangesPerKey(execution, relation, selection);
}

/**
 * True when keys in `columns` can be read as one range over their span: one
 * column, not `_id` (those are `db.get`s, and a span of ids would scan the whole table).
 */
export const spansKeys = (columns: readonly string[]) => columns.length === 1 && columns[0] !== '_id';

/**
 * True when a relation's per-key reads can be one range over the span of the
 * parents' keys ({@link spansKeys}): of the target's join column or, through
 * a junction, of the junction's source column.
 */
export function spannable(relation: AnyRelation): boolean {
  return spansKeys(relation.through ? relation.through.sourceColumns : relation.targetColumns);
}

/**
 * The related rows of every key read as one span, grouped by key, each group
 * in the order and window its per-key read would give (ties on the nested
 * order included). Through a junction, the span is of the junction rows;
 * the targets they name follow.
 */
export async function spanRows(
  execution: QueryExecution,
  relation: AnyRelation,
  keys: readonly Value[],
  selection: RelatedSelection,
): Promise<Map<string, Doc[]>> {
  if (relation.through) return throughSpanRows(execution, relation, keys, selection);
  const groups = await targetSpan(execution, relation, keys, selection);
  const groupKeys = [...groups.keys()];
  const sorted = await sortGroupsByTerms(execution, [...groups.values()], selection.orderBy);
  return new Map(groupKeys.map((key, i) => [key, windowRows(sorted[i]!, selection)]));
}

/**
 * The target rows of every one of `keys` (values of the relation's one target
 * column) as one range over their span, grouped by key, each group in its own
 * key's read order ({@link keyReadOrder}).
 */
function targetSpan(
  execution: QueryExecution,
  relation: AnyRelation,
  keys: readonly Value[],
  selection: RelatedSelection,
): Promise<Map<string, Doc[]>> {
  return spanGroups(
    execution.context,
    execution.schema.table(relation.targetTable),
    relation.targetColumns[0]!,
    keys,
    (span) => joinedFilter(relation, span, selection),
    keyReadOrder(execution, relation, selection),
  );
}

/**
 * The rows of a through relation for every key: the visible junction rows of
 * all keys as one range over the span of the keys (on the junction's index of
 * its source column), each key's in the order its own junction read gives;
 * then the targets they name, per key as {@link linkedTargets} takes them
 * ({@link linkedTargetReader}).
 */
async function throughSpanRows(
  execution: QueryExecution,
  relation: AnyRelation,
  keys: readonly Value[],
  selection: RelatedSelection,
): Promise<Map<string, Doc[]>> {
  return linkedRows(execution, relation, await spanLinks(execution, relation, keys), selection);
}

/**
 * The visible junction rows of every key (a through relation's) read as one
 * range over the span of the keys, grouped by key, each key's in the order
 * its own junction read gives; keys without links are left out.
 */
function spanLinks(
  execution: QueryExecution,
  relation: AnyRelation,
  keys: readonly Value[],
): Promise<Map<string, Doc[]>> {
  const { schema, withDeleted } = execution;
  const through = relation.through!;
  return spanGroups(
    execution.context,
    schema.table(through.table),
    through.sourceColumns[0]!,
    keys,
    (span) => visibleLinks(schema, through, span, withDeleted),
    junctionReadOrder(execution, relation),
  );
}

/**
 * The rows of a through relation for every key of `links` (its junction rows
 * by key): the targets they name, each distinct one read once for all keys
 * ({@link linkedTargetReader}), per key as {@link linkedTargets} takes them.
 */
async function linkedRows(
  execution: QueryExecution,
  relation: AnyRelation,
  links: ReadonlyMap<string, Doc[]>,
  selection: RelatedSelection,
): Promise<Map<string, Doc[]>> {
  const readTargets = await linkedTargetReader(execution, relation, [...links.values()].flat(), selection);
  const groups = [...links];
  const rows = await mapBounded(
    groups,
    ([, group]) => linkedTargets(execution, relation, group, selection, readTargets),
    readConcurrency(execution.context.db),
  );
  return new Map(groups.map(([key], i) => [key, rows[i]!]));
}

/**
 * Reads of the targets `links` name, each distinct target key read once for
 * all parents: `db.get`s by id; a target key of one other column past half
 * the ranges left, one range over the span of the keys, grouped in memory
 * (each group in its own read's order); else one read per key, on first use.
 */
async function linkedTargetReader(
  execution: QueryExecution,
  relation: AnyRelation,
  links: readonly Doc[],
  selection: RelatedSelection,
): Promise<TargetReader> {
  const distinct = linkedKeys(relation, links);
  const lookups = distinct.size * rangesPerTarget(execution, relation, selection);
  if (spansKeys(relation.targetColumns) && spanPays(execution.context.db, lookups)) {
    const groups = await targetSpan(execution, relation, spanKeys(distinct), selection);
    return (values) => Promise.resolve(groups.get(keyOf(values)) ?? []);
  }
  return cachedTargetReader(execution, relation, selection);
}
