import { defineMigration } from 'convex-orm/migrations';
import type { DataModel } from '../_generated/dataModel';

export const migration = defineMigration<DataModel>({
  id: '20261201_014340_backfill_todo_priority',
  description: 'backfill todo priority to medium for existing rows',
  up: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => {
      if (doc.priority === undefined || doc.priority === null) return { priority: 'medium' };
    },
  },
  down: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => (doc.priority === 'medium' ? { priority: undefined } : undefined),
  },
});
