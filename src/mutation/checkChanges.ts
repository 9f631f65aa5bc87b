import type { BucketDeltas } from '../aggregate/bucketDeltas.js';
import type { RowChange, StatementContext } from './changes.js';
import { verifyChecks } from './checks.js';
import { checkScheduling } from './scheduleDeletes.js';
import { validateFields, validateRow } from './validate.js';
import { type PlannedWrites, verifyWriteLimits } from './writeLimits.js';

/**
 * Validates the values of planned changes not validated yet, before any later
 * stage reads them (the aggregate stage keys buckets by them): the builders
 * validate what they were given before any read; foreign-key actions and
 * before-hooks make new values. `validated` holds the values (insert rows,
 * update patches) already validated; `null` when all of them are.
 */
export function validateChanges(
  context: StatementContext,
  validated: ReadonlySet<object | null> | null,
  changes: readonly RowChange[],
): void {
  if (!validated) return;
  // Under rules a value is not echoed: a hook may have made it from a row a cascade reached, hidden from the caller.
  const echo = context.rules === null;
  for (const change of changes) {
    if (change.operation === 'insert' && !validated.has(change.new)) {
      validateRow(context.db, change.table, change.new, echo);
    }
    if (change.operation === 'update' && !validated.has(change.patch)) {
      validateFields(context.db, change.table, change.patch, echo);
    }
  }
}

/**
 * The checks of every planned, validated change that need no read, before
 * the first write: the write limits (document size, the statement's writes
 * and its aggregate `buckets` against what the transaction has left), check
 * constraints, and that a scheduled delete can be scheduled. The checks that
 * read (foreign-key existence, uniqueness) follow in the pipeline. Returns
 * the writes to reserve right before the first write ({@link reserveWrites}).
 * The first `own` changes are the statement's own rows, the rest rows its
 * foreign-key actions reached.
 */
export function checkChanges(
  context: StatementContext,
  changes: readonly RowChange[],
  buckets: BucketDeltas | null,
  own = changes.length,
): PlannedWrites | null {
  // Under rules the limits' errors measure the caller's own rows only: actions reach rows of others.
  const planned = verifyWriteLimits(context, changes, buckets, context.rules ? own : changes.length);
  verifyChecks(changes);
  checkScheduling(context.scheduling, changes);
  return planned;
}

/** The values a change writes, which the builders validated (none for a delete). */
export function writtenValues(change: RowChange): object | null {
  return change.operation === 'insert' ? change.new : change.operation === 'update' ? change.patch : null;
}
