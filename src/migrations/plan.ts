import { OrmError } from '../errors.js';
import { describe } from '../schema/conforms.js';
import type { Migration, MigrationDirection } from './define.js';
import type { AppliedRecord } from './drift.js';
import type { MigrationSet } from './set.js';
import { isPartiallyApplied, standingOf } from './standing.js';

/** What to roll back: the last `steps` applied migrations, or everything applied after `to`. */
export interface PlanRequest {
  direction: MigrationDirection;
  steps?: number | undefined;
  to?: string | undefined;
}

/**
 * The migrations a run applies, in the order it applies them.
 * - `up`: every migration of the set not applied (partially reverted ones included), in id order.
 * - `down`: applied and partially reverted migrations, last applied first ({@link inAppliedOrder}):
 *   the last `steps` (default 1), or all applied after `to`. Each one needs a `down` step, else the
 *   plan is an error naming it; so is a later migration partially applied (its up stopped
 *   part-way) above them, or partially reverted (its down stopped part-way) and removed from the
 *   manifest.
 */
export function buildPlan(set: MigrationSet, records: readonly AppliedRecord[], request: PlanRequest): Migration[] {
  const byId = new Map(records.map((record) => [record.migrationId, record]));
  const migrations = set.entries.map((entry) => entry.migration);
  if (request.direction === 'up') {
    if (request.steps !== undefined || request.to !== undefined) {
      throw new OrmError('MIGRATION_CONFIG', '`steps` and `to` only apply to a down run.');
    }
    return migrations.filter((migration) => standingOf(byId.get(migration.id)) !== 'applied');
  }
  const revertible = inAppliedOrder(
    migrations.filter((migration) => standingOf(byId.get(migration.id)) !== 'not_applied'),
    byId,
  );
  const plan = selectDown(revertible, request).reverse();
  refuseUnderPartial(set, records, plan, byId);
  const irreversible = plan.find((migration) => migration.down === undefined);
  if (irreversible) {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `Migration '${irreversible.id}' has no down step, so it cannot be rolled back. Roll back fewer migrations, or write a new migration that undoes it.`,
      { table: irreversible.up.table, details: { migrationId: irreversible.id } },
    );
  }
  return plan;
}

/**
 * `revertible` (applied and partially reverted migrations, in id order) in the order their changes
 * sit on the documents, the last on top: applied ones by when their up completed (`appliedAt`; ids
 * break ties), a partially reverted one above them (its down is under way). Ids sort by their
 * timestamp, but a migration with an earlier id can be applied later (a teammate's file merged
 * after yours was applied): a down step is written for the shape its up left, so `down` rolls back
 * the one applied last. Where a state written before `appliedAt` was recorded holds no time, id
 * order stands for all of them.
 */
function inAppliedOrder(revertible: Migration[], byId: ReadonlyMap<string, AppliedRecord>): Migration[] {
  const positions = new Map(revertible.map((migration) => [migration, stackPosition(byId.get(migration.id)!)]));
  if ([...positions.values()].includes(undefined)) return revertible;
  // Stable: equal times keep id order.
  return [...revertible].sort((a, b) => compareNumbers(positions.get(a)!, positions.get(b)!));
}

/** Where a revertible migration's change sits ({@link inAppliedOrder}); undefined in a state written before `appliedAt` was. */
function stackPosition(record: AppliedRecord): number | undefined {
  return record.applied ? record.appliedAt : Number.POSITIVE_INFINITY;
}

function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * Migrations are a stack: a later migration whose up committed batches and did not complete
 * changed documents on top of the ones `plan` reverts, whose down steps would then walk its
 * half-written shape (and its resumed up, theirs). A down step is written for the shape its up
 * left, not for a later migration's partial one, so the later one's up is finished first. The
 * later one is looked for among the state records, not the manifest: removing its file (no
 * drift, it is not applied) leaves its change on the documents. So does removing the file of a
 * later migration whose down stopped part-way (partially reverted: the down plans it first while
 * its file is there). Later: a later id (ids sort by their timestamp), or a state changed after the
 * oldest one `plan` reverts was applied (an earlier id merged late, whose batches, resumed ones
 * included, may have committed on top of it; a queued run that committed nothing counts too).
 */
function refuseUnderPartial(
  set: MigrationSet,
  records: readonly AppliedRecord[],
  plan: readonly Migration[],
  byId: ReadonlyMap<string, AppliedRecord>,
): void {
  const oldest = plan[plan.length - 1];
  if (!oldest) return;
  const appliedAt = byId.get(oldest.id)?.appliedAt;
  const partial = records
    .filter(
      (record) =>
        (record.migrationId > oldest.id ||
          (appliedAt !== undefined && record.updatedAt !== undefined && record.updatedAt > appliedAt)) &&
        (isPartiallyApplied(record) ||
          (standingOf(record) === 'partially_reverted' && set.get(record.migrationId) === undefined)),
    )
    .sort((x, y) => (x.migrationId < y.migrationId ? -1 : 1))[0];
  if (partial === undefined) return;
  const id = partial.migrationId;
  const entry = set.get(id);
  const applied = isPartiallyApplied(partial);
  const stands = applied
    ? `Cannot roll back '${oldest.id}': the later migration '${id}' is partially applied (its up run committed batches and did not complete), so its change sits on part of the documents.`
    : `Cannot roll back '${oldest.id}': the later migration '${id}' is partially reverted (its down run committed batches and did not complete), so its change sits on the documents its down did not reach.`;
  const removed = 'Its file was removed from the manifest, its change was not: restore the file';
  const finish = `run \`migrate up\`; once applied, \`migrate down\` rolls it back before '${oldest.id}' (count it in \`--steps\`).`;
  const way = !applied
    ? `${removed} and finish it first: \`migrate down\` finishes its revert (fix its down step if it failed; count it in \`--steps\`, it is rolled back before '${oldest.id}'), or \`migrate up\` re-applies it. Remove the file once it is rolled back.`
    : entry
      ? `Finish it first: fix its up step if it failed (a migration that is not applied may be edited) and ${finish}`
      : `${removed} (fix its up step if it failed: a migration that is not applied may be edited) and finish it first: ${finish} Remove the file once it is rolled back.`;
  throw new OrmError('MIGRATION_CONFIG', `${stands} ${way}`, {
    ...(entry ? { table: entry.migration.up.table } : {}),
    details: { migrationId: id },
  });
}

function selectDown(revertible: Migration[], { steps, to }: PlanRequest): Migration[] {
  if (steps !== undefined && to !== undefined) {
    throw new OrmError('MIGRATION_CONFIG', 'Give either `steps` or `to` for a down run, not both.');
  }
  if (to !== undefined) {
    const index = revertible.findIndex((migration) => migration.id === to);
    if (index === -1) {
      throw new OrmError(
        'MIGRATION_CONFIG',
        `Cannot roll back to '${to}': it is not an applied migration of the manifest. See \`convex-orm migrate status\` for the applied ones.`,
      );
    }
    return revertible.slice(index + 1);
  }
  const count = steps ?? 1;
  if (!Number.isInteger(count) || count < 1) {
    throw new OrmError('MIGRATION_CONFIG', `\`steps\` must be a positive integer, got ${describe(steps)}.`);
  }
  return revertible.slice(Math.max(0, revertible.length - count));
}
