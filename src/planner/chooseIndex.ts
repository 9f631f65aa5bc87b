import type { TableConfig } from '../schema/table.js';
import type { Conditions } from './conditions.js';
import { absentOrNull, asTwoPoints, evaluateById, evaluateIndex, type IndexChoice } from './evaluateIndex.js';
import type { OrderSpec, RangeOverflow } from './types.js';

/** Every index Convex can read for `table`, with its key fields, but `by_id` ({@link evaluateById}). */
function indexesOf(table: TableConfig): { name: string; keyFields: string[] }[] {
  return [
    { name: 'by_creation_time', keyFields: ['_creationTime'] },
    ...table.indexes.map((index) => ({ name: index.name, keyFields: [...index.fields, '_creationTime'] })),
  ];
}

/**
 * True when the choice bounds every one of `pinned`: in its equality prefix (in any order within
 * the prefix), or, for a read over the span of many keys (`spanGroups`), as its range.
 */
function pinsAll(choice: IndexChoice, pinned: readonly string[]): boolean {
  return pinned.every((field) => {
    const at = choice.keyFields.indexOf(field);
    return at >= 0 && (at < choice.prefixLength || (at === choice.prefixLength && choice.range !== undefined));
  });
}

/**
 * `read` with its `isNull` range on the `deletion()` column read as two points instead, absent
 * then null: a candidate where that lets a condition on the field after the column narrow the read
 * (`by_deleted_project (deletedAt, projectId)` read for one project: the project's live rows, two
 * ranges, where the one range reads every live row with the project residual), or, for an unkeyed
 * read, where the two points merged in order serve an order `read` does not give
 * (`by_deleted (deletedAt)` read newest first: two ranges read as far as the limit or page, where
 * the one range is read whole and sorted). Keyed reads (a relation's, per parent) take them only
 * to narrow: two ranges a key for the order alone would halve the parents a transaction's ranges
 * allow.
 */
function pointsOf(
  read: IndexChoice,
  conditions: Conditions,
  orderBy: readonly OrderSpec[],
  rank: Ranking,
  keyed: boolean,
): IndexChoice | undefined {
  if (!readsLiveRows(read, rank.liveColumn)) return undefined;
  const points = asTwoPoints(conditions, read.keyFields[read.prefixLength]!, read.range!);
  const choice = evaluateIndex(read.index, read.keyFields, points, orderBy, rank.inIndexOrder);
  const narrowsPast = choice.prefixLength > read.prefixLength + 1 || choice.range !== undefined;
  const givesOrder = !keyed && orderBy.length > 0 && !read.orderServed && choice.orderServed;
  return narrowsPast || givesOrder ? { ...choice, twoPoints: true } : undefined;
}

/** The choice reads less than the whole table (an equality prefix or a range). */
const narrows = (choice: IndexChoice) => choice.prefixLength > 0 || choice.range !== undefined;

/**
 * The choice reads less than the table's live rows: an equality prefix, or a range other than the
 * `isNull` of its `deletion()` column. Narrowed by that alone, a read walks every live row (nearly
 * the whole table), once per row of a join or parent of a load: a full scan.
 */
export const narrowsPastLiveRows = (choice: IndexChoice, table: TableConfig): boolean =>
  pinnedPrefix(choice) > 0 || (choice.range !== undefined && !readsLiveRows(choice, table.deletion?.column));

/** How many fields the choice's equality prefix pins: the live rows' two points are a prefix field that pins nothing. */
const pinnedPrefix = (choice: IndexChoice) => (choice.twoPoints ? choice.prefixLength - 1 : choice.prefixLength);

/** What a read bounds: the fields its equality prefix pins, and the field it reads a range of past them. */
export interface BoundedFields {
  readonly pinned: readonly string[];
  readonly ranged: string | undefined;
}

/**
 * The fields the choice's read bounds: those of its prefix but the live rows' two points (which
 * pin nothing), and the field after them when it reads a range of it other than the live rows'.
 */
export function boundedFields(choice: IndexChoice, table: TableConfig): BoundedFields {
  const live = table.deletion?.column;
  const pinned = choice.keyFields.slice(0, choice.prefixLength).filter((field) => !choice.twoPoints || field !== live);
  const ranges = choice.range !== undefined && !readsLiveRows(choice, live);
  return { pinned, ranged: ranges ? choice.keyFields[choice.prefixLength] : undefined };
}

/** The choice's read is bounded by an equality: its prefix pins a field (the live rows' two points pin none). */
export const pinsEquality = (choice: IndexChoice): boolean => pinnedPrefix(choice) > 0;

/**
 * How narrow the choice's equality is likely to be, to compare reads (greater is narrower): the
 * fields its prefix pins, then their {@link pinnedSelectivity}.
 */
export const equalityStrength = (choice: IndexChoice, table: TableConfig): readonly [number, number] => [
  pinnedPrefix(choice),
  pinnedSelectivity(choice, table),
];

/**
 * Lexicographic preference: an equality prefix that serves the order; the
 * longest equality prefix; a range; order; any narrowing at all; one range
 * rather than two points; fewer ranges (an `in` list's values each open one,
 * per parent in a keyed read); pinned fields likely narrower
 * ({@link pinnedSelectivity}); fewer fields. An equality prefix comes before a
 * range serving the order: its reads are bounded by the matching rows (one
 * parent's key range, in a relation load), while a range read in order grows
 * with the table when the rest of the filter is residual. The `isNull` of the
 * `deletion()` column (the live rows, nearly the whole table) narrows least,
 * and so do its two points (they count as that range, not as an equality):
 * they win only over reads that narrow nothing, or do not give the order.
 * A condition they let narrow after the column counts as it would without it:
 * `(deletedAt, projectId)`'s points for one project rank as the equality
 * prefix `projectId`, so `(projectId)` or `(projectId, deletedAt)` still wins
 * for it, all else tied (one range rather than two points).
 */
function score(choice: IndexChoice, rank: Ranking): number[] {
  const prefixLength = pinnedPrefix(choice);
  const { inIndexOrder, narrowest } = rank;
  return [
    inIndexOrder && choice.orderServed ? 1 : 0,
    !narrowest && prefixLength > 0 && choice.orderServed ? 1 : 0,
    prefixLength,
    choice.range && !readsLiveRows(choice, rank.liveColumn) ? 1 : 0,
    choice.orderServed ? 1 : 0,
    narrows(choice) ? 1 : 0,
    choice.twoPoints ? 0 : 1,
    -choice.ranges.length,
    pinnedSelectivity(choice, rank.table),
    -choice.keyFields.length,
  ];
}

/**
 * How narrow the fields the equality prefix pins are likely to be, for ties: an id pinned to one
 * value (a foreign key: one parent's rows) counts 1, a boolean or an enum (a few values, each
 * shared by many rows) -1, any other 0. `{ authorId, status }` reads one author's posts by
 * `(authorId, publishedAt)` rather than every post of the status by `(status)`.
 */
function pinnedSelectivity(choice: IndexChoice, table: TableConfig): number {
  const live = choice.twoPoints ? table.deletion?.column : undefined;
  let sum = 0;
  for (let i = 0; i < choice.prefixLength; i++) {
    const field = choice.keyFields[i]!;
    // The live rows' two points pin nothing; an id pins one parent's rows only as one value.
    if (field === live) continue;
    const kind = table.columns[field]?.definition.kind;
    if (kind === 'id' && choice.prefixValues[i]!.length === 1) sum++;
    else if (kind === 'boolean' || kind === 'textEnum') sum--;
  }
  return sum;
}

/** How reads of one query are ranked: by pages, by the narrowest equality, or neither, and the table's `deletion()` column. */
interface Ranking {
  readonly inIndexOrder: boolean;
  readonly narrowest: boolean;
  readonly liveColumn: string | undefined;
  readonly table: TableConfig;
}

/**
 * True when `choice` ends in the `isNull` of the table's `deletion()` column: its live rows,
 * nearly the whole table (a user's `isNull` on another column is usually a few rows, and ranks as
 * any range).
 */
function readsLiveRows(choice: IndexChoice, liveColumn: string | undefined): boolean {
  const { range, keyFields, prefixLength } = choice;
  return range !== undefined && keyFields[prefixLength] === liveColumn && absentOrNull(range);
}

function better(a: IndexChoice, b: IndexChoice, rank: Ranking): boolean {
  const [sa, sb] = [score(a, rank), score(b, rank)];
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i]! > sb[i]!;
  return false;
}

/** The best read so far, and the best of those pinning a keyed read's key. */
interface Picks {
  best?: IndexChoice;
  bestPinning?: IndexChoice;
}

function consider(picks: Picks, candidate: IndexChoice, pinned: readonly string[], rank: Ranking): void {
  if (!picks.best || better(candidate, picks.best, rank)) picks.best = candidate;
  if (pinned.length === 0 || !pinsAll(candidate, pinned)) return;
  if (!picks.bestPinning || better(candidate, picks.bestPinning, rank)) picks.bestPinning = candidate;
}

/**
 * What a read ranks first: `'page'` the order (a page's cursor is an index
 * key, so a page cannot sort in memory, and its reads are bounded by the
 * page's read limits), `'query'` an equality prefix that serves the order,
 * `'narrowest'` the longest equality prefix (a union's branch that must pin
 * more than the single read it replaces, src/planner/union.ts).
 */
export type IndexPreference = 'page' | 'query' | 'narrowest';

/**
 * Picks the index to read (DESIGN.md sections 6 and 14): prefer an equality
 * prefix that serves the order, otherwise the longest equality prefix, then a
 * range, then the order, ties by fewer fields; `preference` may put the order
 * or the longest equality prefix first ({@link IndexPreference}).
 * `pinned` are the fields a keyed read is bound by per parent or row (a
 * relation's or a join's key): only an index whose equality prefix pins
 * them all (or, for a read over many keys' span, whose range is the key's)
 * is considered, so each read stays within its own keys' rows rather than
 * walking an index of other conditions (or the order) with the key
 * residual; the others only when no index pins the key.
 * Also says which index, if any, was left out for needing too many ranges
 * for a condition the chosen one leaves residual.
 */
export function chooseIndex(
  table: TableConfig,
  conditions: Conditions,
  orderBy: readonly OrderSpec[],
  preference: IndexPreference = 'query',
  pinned: readonly string[] = [],
): { choice: IndexChoice; overflow: RangeOverflow | null } {
  const inIndexOrder = preference === 'page';
  const rank: Ranking = {
    inIndexOrder,
    narrowest: preference === 'narrowest',
    liveColumn: table.deletion?.column,
    table,
  };
  const picks: Picks = {};
  const overflows: RangeOverflow[] = [];
  for (const { name, keyFields } of indexesOf(table)) {
    const choice = evaluateIndex(name, keyFields, conditions, orderBy, inIndexOrder);
    consider(picks, choice, pinned, rank);
    if (choice.overflow) overflows.push(choice.overflow);
    const points = pointsOf(choice, conditions, orderBy, rank, pinned.length > 0);
    if (points) consider(picks, points, pinned, rank);
  }
  if (orderBy[0]?.field === '_id' || conditions.ranges.has('_id')) {
    consider(picks, evaluateById(conditions, orderBy), pinned, rank);
  }
  const chosen = picks.bestPinning ?? picks.best!;
  // An index left out for its ranges matters only when its condition stays residual.
  const overflow = overflows.find(({ conjunct }) => !chosen.consumed.has(conjunct)) ?? null;
  return { choice: chosen, overflow };
}
