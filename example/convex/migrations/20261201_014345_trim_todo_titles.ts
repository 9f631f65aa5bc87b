import { defineMigration } from 'convex-orm/migrations';
import type { DataModel } from '../_generated/dataModel';

export const migration = defineMigration<DataModel>({
  id: '20261201_014345_trim_todo_titles',
  description: 'trim whitespace around todo titles (irreversible: no down step)',
  up: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => {
      const title = doc.title.trim();
      if (title !== doc.title) return { title };
    },
  },
});
