// A step's `range` returns an index range of the step's table, in either order: `.order('desc')`
// walks it newest first (test/convex/migrations/range.test.ts). What is no query of that table is
// a type error.
import { defineMigration } from 'convex-orm/migrations';
import { it } from 'vitest';
import type { DataModel } from '../../example/convex/_generated/dataModel';

it('a range may walk its index in either order', () => {
  defineMigration<DataModel>({
    id: '20260101_000000_newest_first',
    up: {
      table: 'todos',
      range: (q) => q.withIndex('by_done', (r) => r.eq('done', false)).order('desc'),
      migrateOne: async (_ctx, doc) => ({ title: `${doc.title}!` }),
    },
  });
});

it("a range's documents must be the step's table's, and a query", () => {
  defineMigration<DataModel>({
    id: '20260101_000000_collected',
    up: {
      table: 'todos',
      // @ts-expect-error a promise of documents is no query to walk
      range: (q) => q.withIndex('by_done', (r) => r.eq('done', false)).collect(),
      migrateOne: async () => undefined,
    },
  });
});
