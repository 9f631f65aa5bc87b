// migrateOne may be synchronous, as @convex-dev/migrations' is (docs/switching.md: "the same shape"):
// the batch awaits what it returns. A sync one returning a patch or nothing type-checks, and a wrong
// value in its patch is still a type error.
import { defineMigration } from 'convex-orm/migrations';
import { describe, it } from 'vitest';
import type { DataModel } from '../../example/convex/_generated/dataModel';

describe('migrateOne may be synchronous', () => {
  it('a sync migrateOne returning a patch or nothing type-checks', () => {
    defineMigration<DataModel>({
      id: '20261201_000000_trim_names',
      up: {
        table: 'users',
        migrateOne: (_ctx, doc) => (doc.name === doc.name.trim() ? undefined : { name: doc.name.trim() }),
      },
      down: {
        table: 'todos',
        migrateOne: (_ctx, doc) => {
          if (doc.priority == null) return { priority: 'medium' };
        },
      },
    });
  });
  it('still rejects a wrong value in a sync patch', () => {
    defineMigration<DataModel>({
      id: '20261201_000000_bad',
      // @ts-expect-error priority is low | medium | high
      up: { table: 'todos', migrateOne: () => ({ priority: 'urgent' }) },
    });
  });
});
