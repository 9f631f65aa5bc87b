import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { documentSize } from '../../../src/limits/documentSize';
import { migrationBackend } from './harness';

const KiB = 1024;

describe('dry-run samples of large fields', () => {
  it('keep a 120-character preview of a long value, so the run document stays far below 1 MiB', async () => {
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_trim_titles',
          up: {
            table: 'todos',
            migrateOne: async (_ctx, doc) => (doc.title.trim() === doc.title ? undefined : { title: doc.title.trim() }),
          },
        }),
      ]),
    );
    // Three long notes with a trailing space (a trim migration, as in the walk-through), and a short one.
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 3; i++) await ctx.db.insert('todos', { title: `${'n'.repeat(250 * KiB)}${i} `, done: false });
    });
    const run = await backend.run({ direction: 'up', dryRun: true });
    expect(run.status).toBe('dry_run');
    const [doc] = await backend.t.run((ctx) => ctx.db.query('migration_run').collect());
    // Each sample was 500 KiB (before and after): 1.5 MiB, which Convex would not store.
    expect(documentSize(doc as never)).toBeLessThan(4 * KiB);
    const preview = `"${'n'.repeat(119)}…`;
    expect((doc!.report as { samples: unknown[] }[])[0]!.samples).toEqual([
      { _id: expect.any(String), before: { title: preview }, after: { title: preview } },
      { _id: expect.any(String), before: { title: preview }, after: { title: preview } },
      { _id: expect.any(String), before: { title: preview }, after: { title: preview } },
    ]);
  }, 60_000);
});
