import { defineMigration } from 'convex-orm/migrations';
import { describe, it } from 'vitest';
import type { DataModel } from '../../example/convex/_generated/dataModel';

// docs/migrations.md: "`defineMigration<DataModel>` types `table`, `doc` and the patch (a wrong
// table, field or enum value is a type error)". At run time both patches below fail the batch
// with VALIDATION ('Table "todos" has no column "prority"', 'Column "todos.title" is notNull; a
// migration cannot remove it'); the types accept them.
describe('the patch migrateOne returns', () => {
  it('is a type error with a field the table does not have, beside one it has', () => {
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        // @ts-expect-error: todos has no field "prority" (a typo of priority)
        migrateOne: async () => ({ done: true, prority: 'low' }),
      },
    });
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        migrateOne: async (_ctx, doc) => {
          // @ts-expect-error: todos has no field "prority"
          if (doc.priority == null) return { done: doc.done, prority: 'medium' };
        },
      },
    });
  });

  it('is a type error when it removes (sets to undefined) a required field', () => {
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        // @ts-expect-error: title is required (notNull): it cannot be removed
        migrateOne: async () => ({ title: undefined }),
      },
    });
  });
});
