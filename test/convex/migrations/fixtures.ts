import { defineMigration, type Migration } from 'convex-orm/migrations';
import type { DataModel } from '../../../example/convex/_generated/dataModel';

/** The walk-through's backfill: absent priority → 'medium' (down: 'medium' → absent). */
export const backfillPriority: Migration = defineMigration<DataModel>({
  id: '20260101_000000_backfill_priority',
  up: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => (doc.priority == null ? { priority: 'medium' } : undefined),
  },
  down: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => (doc.priority === 'medium' ? { priority: undefined } : undefined),
  },
});

/** Appends a tag to every title (down removes it), so the order of applied steps is visible. */
export function tagTitles(id: string, tag: string, options: { reversible?: boolean } = {}): Migration {
  return defineMigration<DataModel>({
    id,
    up: { table: 'todos', migrateOne: async (_ctx, doc) => ({ title: `${doc.title} ${tag}` }) },
    ...(options.reversible === false
      ? {}
      : {
          down: {
            table: 'todos',
            migrateOne: async (_ctx, doc) =>
              doc.title.endsWith(` ${tag}`) ? { title: doc.title.slice(0, -tag.length - 1) } : undefined,
          },
        }),
  });
}

/** Upper-cases titles (down lower-cases them); the down throws on the title `poison`, if given. */
export function shoutTitles(id: string, poison?: string): Migration {
  return defineMigration<DataModel>({
    id,
    up: { table: 'todos', migrateOne: async (_ctx, doc) => ({ title: doc.title.toUpperCase() }) },
    down: {
      table: 'todos',
      migrateOne: async (_ctx, doc) => {
        if (doc.title === poison) throw new Error(`cannot revert "${doc.title}"`);
        return { title: doc.title.toLowerCase() };
      },
    },
  });
}

/**
 * A later migration on top of a tag: appends ' [b]' to every title (down removes it), and its up
 * fails on a title starting with 'poison', so a run of it commits batches and then fails (it is left
 * partially applied).
 */
export const tagBFailingOnPoison: Migration = defineMigration<DataModel>({
  id: '20260102_000000_tag_b',
  up: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => {
      if (doc.title.startsWith('poison')) throw new Error('b cannot migrate this one');
      return doc.title.endsWith(' [b]') ? undefined : { title: `${doc.title} [b]` };
    },
  },
  down: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => (doc.title.endsWith(' [b]') ? { title: doc.title.slice(0, -4) } : undefined),
  },
});

/** {@link tagBFailingOnPoison} with its up fixed (it no longer throws on 'poison'): an edit, so another checksum. */
export const tagBFixed: Migration = defineMigration<DataModel>({
  id: tagBFailingOnPoison.id,
  up: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => (doc.title.endsWith(' [b]') ? undefined : { title: `${doc.title} [b]` }),
  },
  down: tagBFailingOnPoison.down as never,
});
