import { OrmError } from '../errors.js';
import { kindOf } from '../schema/conforms.js';
import { CHECKSUM_TAG, hashText, LEGACY_NORMALIZATIONS, normalizeSource } from './checksum.js';
import type { Migration, RuntimeStep } from './define.js';

/** A migration of a set, with the checksum drift detection compares. */
export interface MigrationEntry {
  readonly migration: Migration;
  readonly checksum: string;
  /**
   * A migration given without a checksum: its checksums under the earlier normalizations
   * (`LEGACY_NORMALIZATIONS`), which an applied record may hold (not drift).
   */
  readonly legacyChecksums?: readonly string[] | undefined;
}

/** The ordered migrations of an app (what the generated `manifest.ts` exports). */
export interface MigrationSet {
  readonly kind: 'convex-orm:migration-set';
  /** Sorted by id (= timestamp order). */
  readonly entries: readonly MigrationEntry[];
  /** The entry with this id, or undefined. */
  get(id: string): MigrationEntry | undefined;
}

/**
 * True when `checksum` is one of `entry`'s code as it is now: its checksum, or one under an earlier
 * source normalization (the same code, as drift detection has it).
 */
export function isSameCode(entry: MigrationEntry, checksum: string): boolean {
  return entry.checksum === checksum || entry.legacyChecksums?.includes(checksum) === true;
}

/**
 * The set of an app's migrations. Entries are `{ migration, checksum }` (what the generated
 * manifest writes: the checksum of the file's normalized source) or a bare migration, whose
 * checksum is then computed from its definition as a fallback. Ids must be unique; entries are
 * sorted by id.
 */
export function defineMigrationSet(entries: ReadonlyArray<Migration | MigrationEntry>): MigrationSet {
  if (!Array.isArray(entries)) {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `defineMigrationSet takes a list of migrations (what the manifest writes); got ${kindOf(entries)}.`,
    );
  }
  const resolved = entries.map(toEntry);
  const byId = new Map<string, MigrationEntry>();
  for (const entry of resolved) {
    if (byId.has(entry.migration.id)) {
      throw new OrmError(
        'MIGRATION_CONFIG',
        `Migration id '${entry.migration.id}' appears twice in the migration set; ids must be unique (regenerate the manifest with \`convex-orm migrate manifest\`).`,
      );
    }
    byId.set(entry.migration.id, entry);
  }
  const sorted = [...resolved].sort((a, b) => (a.migration.id < b.migration.id ? -1 : 1));
  return Object.freeze({ kind: 'convex-orm:migration-set', entries: sorted, get: (id: string) => byId.get(id) });
}

function toEntry(entry: unknown): MigrationEntry {
  // From plain JavaScript an entry may be anything: `?.` makes null or a number the error below.
  const given = entry as Partial<Migration & MigrationEntry> | null | undefined;
  if (given?.kind === 'convex-orm:migration') {
    const migration = entry as Migration;
    return {
      migration,
      checksum: CHECKSUM_TAG + definitionChecksum(migration, normalizeSource),
      legacyChecksums: LEGACY_NORMALIZATIONS.map((normalize) => definitionChecksum(migration, normalize)),
    };
  }
  const { migration, checksum } = given ?? {};
  if (migration?.kind !== 'convex-orm:migration' || typeof checksum !== 'string' || checksum === '') {
    throw new OrmError(
      'MIGRATION_CONFIG',
      'A migration set entry must be a migration from defineMigration() or { migration, checksum }.',
    );
  }
  return { migration, checksum };
}

/** Fallback checksum of a migration given without one: its definition, functions by their source (`normalize`d). */
function definitionChecksum(migration: Migration, normalize: (source: string) => string): string {
  const step = (s: RuntimeStep | undefined) =>
    s && {
      table: s.table,
      batchSize: s.batchSize,
      writeMode: s.writeMode,
      source: normalize(String(s.migrateOne)),
      range: s.range && normalize(String(s.range)),
    };
  return hashText(
    JSON.stringify({
      id: migration.id,
      description: migration.description,
      up: step(migration.up),
      down: step(migration.down),
    }),
  );
}
