import { convexToJson, type JSONValue, jsonToConvex, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { filterKey } from '../filter/filterKey.js';
import { valueKey } from '../filter/valueKey.js';
import type { Plan } from '../planner/types.js';
import type { IndexKey } from './indexKey.js';

/** Where a page starts or ends: the start (`null`), after the row with an index key, or the end of the rows. */
export type PagePosition = IndexKey | null | 'end';

/**
 * A decoded cursor: its position, and Convex's own cursor for the same
 * position when the page was read with Convex's `.paginate()` (`null` at the
 * start; absent when only the index key is known).
 */
export interface PageCursor {
  readonly position: PagePosition;
  readonly convex?: string | null;
}

/**
 * Page cursors are JSON of a hash of the read and the index key of the last
 * row read (as convex-helpers' streams), so any page can go on from one by
 * reading index ranges, however many pages a function reads; a page read
 * with Convex's `.paginate()` adds Convex's cursor, so the next page can
 * resume in one range. The hash makes a cursor of another read, or one that
 * is not a cursor at all, `INVALID_QUERY` on every deployment alike,
 * instead of a silently wrong page.
 */
export function encodeCursor(plan: Plan, position: PagePosition, convex?: string | null): string {
  const encoded = position === null || position === 'end' ? position : position.map(encodeValue);
  const body = convex === undefined ? [encoded] : [encoded, convex];
  return JSON.stringify([cursorHash(plan, body), ...body]);
}

/**
 * The position (and Convex cursor, if any) inside a cursor of {@link encodeCursor} for `plan`.
 * The hash of a plain cursor is no secret (this code is public), so one whose hash checks may
 * still be written by hand: its position must be one `plan`'s pages write ({@link positionFits}).
 */
export function decodeCursor(plan: Plan, cursor: string | null, option = 'cursor'): PageCursor {
  if (cursor === null) return { position: null, convex: null };
  const decoded = parse(cursor);
  if (!decoded) throw notACursor(plan, option);
  if (decoded.hash !== cursorHash(plan, decoded.body)) throw otherQueryCursor(plan, option);
  if (!positionFits(plan, decoded.cursor.position)) throw notACursor(plan, option);
  return decoded.cursor;
}

/**
 * True when `position` is one a page of `plan` writes: the start or the end, an index key of the
 * read's sort key (one value per field: a key of another length would build index ranges on
 * fields the index does not have, or none), or a search's count of the results read (a positive
 * integer, the results a page skips again).
 */
function positionFits(plan: Plan, position: PagePosition): boolean {
  if (position === null || position === 'end') return true;
  if (plan.kind === 'index' || plan.kind === 'union') return position.length === plan.sortKey.length;
  if (plan.kind !== 'search' || position.length !== 1) return false;
  const read = position[0];
  return typeof read === 'number' && Number.isSafeInteger(read) && read > 0;
}

/** The error of a cursor a page of another read returned. */
export function otherQueryCursor(plan: Plan, option: string): OrmError {
  return invalidCursor(plan, option, 'belongs to another query (table, index, range, order or filter)');
}

// An absent field (`undefined`) has no JSON form: each value is wrapped, `[]` standing for absent.
const encodeValue = (value: Value | undefined): JSONValue[] => (value === undefined ? [] : [convexToJson(value)]);

function decodeKey(value: unknown): IndexKey | undefined {
  if (!Array.isArray(value) || !value.every((part) => Array.isArray(part) && part.length <= 1)) return undefined;
  return value.map((part: JSONValue[]) => (part.length === 0 ? undefined : jsonToConvex(part[0]!)));
}

function parse(cursor: unknown): { hash: string; body: unknown[]; cursor: PageCursor } | undefined {
  if (typeof cursor !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(cursor);
    if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3) || typeof value[0] !== 'string') {
      return undefined;
    }
    const position = value[1] === null || value[1] === 'end' ? value[1] : decodeKey(value[1]);
    const convex: unknown = value[2];
    if (position === undefined || (convex !== undefined && convex !== null && typeof convex !== 'string')) {
      return undefined;
    }
    return {
      hash: value[0],
      body: value.slice(1),
      cursor: convex === undefined ? { position } : { position, convex },
    };
  } catch {
    return undefined;
  }
}

/** The error of a cursor no page of this ORM returned (or one altered since). */
export function notACursor(plan: Plan, option: string): OrmError {
  return invalidCursor(plan, option, 'is not a cursor a page of this ORM returned');
}

/**
 * The error of a cursor the page cannot resume from. Its message names `InvalidCursor`, as Convex's
 * own error does, which is what `usePaginatedQuery` looks for to start again from the first page (a
 * deploy that changes a paged query's order, index or filter makes every loaded cursor stale).
 */
function invalidCursor(plan: Plan, option: string, problem: string): OrmError {
  return new OrmError(
    'INVALID_QUERY',
    `InvalidCursor: paginate on "${plan.table}": "${option}" ${problem}; start again with cursor: null.`,
    { table: plan.table },
  );
}

/**
 * A short hash of what a cursor depends on (table, index, ranges or search, order and the residual filter)
 * and of its own position and Convex cursor, so neither can be swapped for another's.
 */
function cursorHash(plan: Plan, body: readonly unknown[]): string {
  return fnv1a(cursorRead(plan) + JSON.stringify(body));
}

/**
 * What a cursor's position is a position in, exactly: the table, the read's index (and its fields)
 * or search, its ranges or filters, order and residual filter, values named by {@link valueKey} and {@link filterKey}
 * (so rule values that differ only in bytes, `-0` or NaN give different reads).
 */
export function cursorRead(plan: Plan): string {
  const residual = plan.kind === 'empty' || plan.kind === 'get' ? null : plan.residual && filterKey(plan.residual);
  if (plan.kind === 'index') {
    // The index's fields too: an index redefined under its name (a deploy) orders by other values.
    const read = [
      plan.table,
      plan.index,
      plan.keyFields,
      plan.order,
      valueKey(plan.ranges as unknown as Value),
      residual,
    ];
    return JSON.stringify(read);
  }
  // A union's position is a key of its branches' shared order: each branch's read resumes after it.
  if (plan.kind === 'union') {
    const branches = plan.branches.map((branch) => [
      branch.index,
      branch.keyFields,
      valueKey(branch.ranges as unknown as Value),
    ]);
    return JSON.stringify([plan.table, plan.kind, branches, plan.order, residual]);
  }
  // A search position counts results, which only the same search (text and filters) gives again.
  if (plan.kind === 'search') {
    return JSON.stringify([
      plan.table,
      plan.kind,
      plan.index,
      plan.searchField,
      plan.query,
      valueKey(plan.filters as unknown as Value),
      residual,
    ]);
  }
  return JSON.stringify([plan.table, plan.kind]);
}

// FNV-1a (32 bit): a plain cursor only has to tell reads apart, not resist forgery (it grants no
// access and shows its position anyway); a sealed one is bound to its read by SHA-256 (CursorSeal).
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
