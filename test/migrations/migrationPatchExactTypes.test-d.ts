import { defineMigration, type MigrationPatch } from 'convex-orm/migrations';
import { describe, it } from 'vitest';
import type { DataModel, Doc } from '../../example/convex/_generated/dataModel';

// docs/migrations.md ("What the types check"): a field the table does not have is a type error
// where the patch has a type to be checked against: TypeScript checks the fields of an object
// literal against an annotated type, not against the inferred return of an arrow (a patch
// `migrateOne: async () => ({ prority: 'low' })` type-checks, and fails its batch with VALIDATION
// at run time: test/convex/migrations naming the column).
describe('the patch migrateOne returns', () => {
  it('is a type error with a field the table does not have, once its type is annotated', () => {
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        migrateOne: async (): Promise<MigrationPatch<Doc<'todos'>>> => ({
          done: true,
          // @ts-expect-error: todos has no field "prority" (a typo of priority)
          prority: 'low',
        }),
      },
    });
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        migrateOne: async (_ctx, doc) => {
          const patch: MigrationPatch<Doc<'todos'>> = { done: doc.done };
          // @ts-expect-error: priority is an enum; 'urgent' is not one of its values
          patch.priority = 'urgent';
          return patch;
        },
      },
    });
  });

  it('is a type error with a value of the wrong type, annotated or not', () => {
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        // @ts-expect-error: done is a boolean
        migrateOne: async () => ({ done: 'yes' }),
      },
    });
  });
});
