// biome-ignore-all format: the guide's blocks, verbatim
/**
 * The soft-delete block of docs/mutations.md, type-checked by `tsc` and never run (its statements
 * have no ctx); mutations.test.ts runs them on the example app, whose projects and tasks are these.
 */
import type { GenericId } from 'convex/values';
import { convexTable, defineRelations, deletion, eq, id, index, type OrmWriter, text, timestamp } from 'convex-orm';

declare const db: OrmWriter<typeof relations>;
declare const projectId: GenericId<'projects'>;

export const projects = convexTable('projects', { name: text().notNull(), deletedAt: timestamp() },
  (t) => [index('by_deleted').on(t.deletedAt), deletion('soft', { column: t.deletedAt })]);
export const tasks = convexTable('tasks', { projectId: id('projects').notNull().references(
  () => projects._id, { onDelete: 'cascade' }), title: text().notNull(), deletedAt: timestamp() },
  (t) => [index('by_project').on(t.projectId, t.deletedAt),
          deletion('scheduled', { column: t.deletedAt, delayMs: 60_000 })]);

await db.delete(projects).where(eq(projects._id, projectId));     // sets deletedAt = Date.now()
await db.update(projects).set({ deletedAt: null }).where(eq(projects._id, projectId)); // restores it
await db.delete(projects).hard().where(eq(projects._id, projectId)); // removes it for real
await db.query.projects.findMany({ withDeleted: true });          // soft-deleted rows included

const relations = defineRelations({ projects, tasks });
