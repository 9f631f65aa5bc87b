// Found by review (of bcf32368): a migration whose migrateOne patches a field to
// ctx.db.vars.commitTs (the example app's json() column posts.meta) ran and stored the commit
// timestamp, but its dry run failed with Convex's untyped "This commit timestamp is unresolved":
// the batch kept the placeholder as a sample's `after` value and rolled back by throwing a
// ConvexError holding the samples, whose data is serialized (the placeholder's toJSON throws).
// docs/migrations.md: a dry run fails only where the run would. A sample shows the placeholder
// by its preview now.
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend } from './harness';

it('a dry run of a migration writing ctx.db.vars.commitTs previews it, as the run writes it', async () => {
  const backend = migrationBackend(
    defineMigrationSet([
      defineMigration<DataModel>({
        id: '20260101_000000_stamp_meta',
        up: { table: 'posts', migrateOne: async (ctx) => ({ meta: (ctx.db as any).vars.commitTs }) },
      }),
    ]),
  );
  await backend.t.run(async (ctx) => {
    const authorId = await ctx.db.insert('users', { name: 'a', email: 'a@x', role: 'member', verified: false });
    await ctx.db.insert('posts', { title: 'p', authorId });
  });
  const dry = await backend.run({ direction: 'up', dryRun: true });
  expect({ status: dry.status, lastError: dry.lastError }).toEqual({ status: 'dry_run', lastError: null });
  expect(dry.progress[0]).toMatchObject({ processed: 1, changed: 1 });
  // The run itself writes it: the commit timestamp is stored.
  const real = await backend.run({ direction: 'up' });
  expect(real.status).toBe('completed');
  const [post] = await backend.t.run((ctx) => ctx.db.query('posts').collect());
  expect(typeof post!.meta).toBe('bigint');
}, 60_000);
