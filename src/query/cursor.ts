import type { Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { valueKey } from '../filter/valueKey.js';
import { describeFilter } from '../planner/describe.js';
import type { Plan } from '../planner/types.js';

/**
 * Page cursors name the read they belong to. Convex's own cursors are valid
 * only for exactly the same query (table, index, range, order, filter), but
 * convex-test's are plain index keys that another query silently accepts.
 * So the ORM wraps each Convex cursor with a hash of its plan, and refuses
 * a cursor of another read, or one that is not a cursor at all, with
 * `INVALID_QUERY` on every deployment alike.
 */
export function encodeCursor(plan: Plan, cursor: string | null): string {
  return JSON.stringify([planHash(plan), cursor]);
}

/** The Convex cursor inside a cursor of {@link encodeCursor} for `plan` (`null`: the start). */
export function decodeCursor(plan: Plan, cursor: string | null, option = 'cursor'): string | null {
  if (cursor === null) return null;
  const decoded = parse(cursor);
  if (!decoded) throw invalidCursor(plan, option, 'is not a cursor a page of this ORM returned');
  if (decoded[0] !== planHash(plan)) {
    throw invalidCursor(plan, option, 'belongs to another query (table, index, range, order or filter)');
  }
  return decoded[1];
}

function parse(cursor: unknown): [string, string | null] | undefined {
  if (typeof cursor !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(cursor);
    const valid =
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      (value[1] === null || typeof value[1] === 'string');
    return valid ? (value as [string, string | null]) : undefined;
  } catch {
    return undefined;
  }
}

function invalidCursor(plan: Plan, option: string, problem: string): OrmError {
  return new OrmError(
    'INVALID_QUERY',
    `paginate on "${plan.table}": "${option}" ${problem}; start again with cursor: null.`,
    { table: plan.table },
  );
}

/** A short hash of what a Convex cursor depends on: table, index, ranges, order and the residual filter. */
function planHash(plan: Plan): string {
  const read =
    plan.kind === 'index'
      ? [
          plan.index,
          plan.order,
          valueKey(plan.ranges as unknown as Value),
          plan.residual && describeFilter(plan.residual),
        ]
      : [plan.kind];
  return fnv1a(JSON.stringify([plan.table, ...read]));
}

// FNV-1a (32 bit): a cursor only has to tell reads apart, not resist forgery (it grants no access).
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
