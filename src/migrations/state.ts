import type { GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import type { GenericId, Infer } from 'convex/values';
import { OrmError } from '../errors.js';
import type { MigrationStatus, MigrationTables } from '../schema/reservedTables.js';

/** A stored document of one of the migration tables, typed by the table's own validator. */
type MigrationTableDoc<K extends keyof MigrationTables> = Infer<MigrationTables[K]['validator']> & {
  _id: GenericId<K>;
};

/** A `migration_state` document: one per migration id. */
export type StateDoc = MigrationTableDoc<'migration_state'>;

/** Progress of one migration in a dry run (dry runs never touch `migration_state`). */
export interface DryRunProgress {
  migrationId: string;
  cursor: string | null;
  processed: number;
  changed: number;
  samples: SampleDiff[];
}

/** A document a migration would change: the patched fields before and after. */
export interface SampleDiff {
  _id: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** A `migration_run` document: one per `migrate up` / `migrate down` (`report` is stored as `v.any()`). */
export type RunDoc = Omit<MigrationTableDoc<'migration_run'>, 'report'> & { report?: DryRunProgress[] };

type Reader = GenericDatabaseReader<any>;
type Writer = GenericDatabaseWriter<any>;

/**
 * Most `migration_state` documents a run or status reads. State reads stay bounded; an app
 * with more migrations than this gets a clear error rather than a silently partial history.
 */
export const MAX_MIGRATIONS = 1000;

/** Every `migration_state` document (bounded by {@link MAX_MIGRATIONS}). */
export async function readStates(db: Reader): Promise<StateDoc[]> {
  const rows = (await db.query('migration_state').take(MAX_MIGRATIONS + 1)) as StateDoc[];
  if (rows.length > MAX_MIGRATIONS) {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `migration_state holds more than ${MAX_MIGRATIONS} migrations; squash old migrations into one and delete their state documents.`,
      { table: 'migration_state' },
    );
  }
  return rows;
}

/**
 * The state of one migration, or `null` before its first run. A caller that knows the state
 * document's `_id` (a chunk passes it on to the next) reads it by id, a point read, and falls
 * back to the index when that document is gone or belongs to another migration.
 */
export async function getState(
  db: Reader,
  migrationId: string,
  knownId?: GenericId<'migration_state'>,
): Promise<StateDoc | null> {
  const known = knownId === undefined ? null : ((await db.get(knownId)) as StateDoc | null);
  if (known?.migrationId === migrationId) return known;
  return (await db
    .query('migration_state')
    .withIndex('by_migration_id', (q) => q.eq('migrationId', migrationId))
    .unique()) as StateDoc | null;
}

/** The run with this id, or `null`; by its document's `_id` when the caller knows it (as {@link getState}). */
export async function getRun(db: Reader, runId: string, knownId?: GenericId<'migration_run'>): Promise<RunDoc | null> {
  const known = knownId === undefined ? null : ((await db.get(knownId)) as RunDoc | null);
  if (known?.runId === runId) return known;
  return (await db
    .query('migration_run')
    .withIndex('by_run_id', (q) => q.eq('runId', runId))
    .unique()) as RunDoc | null;
}

/** The run in progress, if any (at most one exists). */
export async function getActiveRun(db: Reader): Promise<RunDoc | null> {
  return (await db
    .query('migration_run')
    .withIndex('by_status', (q) => q.eq('status', 'running'))
    .first()) as RunDoc | null;
}

/**
 * The run that finished last (completed, failed, canceled or a finished dry run), or `null`.
 * Runs never overlap, so it is the newest run, or the one before an active newest run: two reads.
 */
export async function getLastFinishedRun(db: Reader): Promise<RunDoc | null> {
  const newest = (await db.query('migration_run').order('desc').take(2)) as RunDoc[];
  return newest.find((run) => run.status !== 'running') ?? null;
}

/** The latest runs with the given status, newest first. */
export async function latestRuns(db: Reader, status: MigrationStatus, limit: number): Promise<RunDoc[]> {
  return (await db
    .query('migration_run')
    .withIndex('by_status', (q) => q.eq('status', status))
    .order('desc')
    .take(limit)) as RunDoc[];
}

/** What `db.patch` takes of a document: `undefined` removes an optional field (Convex's own `PatchValue`, not exported). */
type StampedPatch<D> = { [K in Exclude<keyof D, '_id'>]?: undefined extends D[K] ? D[K] | undefined : D[K] };

/** Patches a `migration_run` or `migration_state` document, stamping `updatedAt`. */
export async function patchStamped<D extends RunDoc | StateDoc>(
  db: Writer,
  doc: D,
  patch: StampedPatch<D>,
  now: number,
): Promise<void> {
  await db.patch(doc._id, { ...patch, updatedAt: now });
}
