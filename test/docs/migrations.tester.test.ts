// biome-ignore-all format: the guide's block, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's block, verbatim
/** The testing block of docs/migrations.md, on the example app. */
import { convexTest } from 'convex-test';
import { migrationTester } from 'convex-orm/testing';
import { expect, test, vi } from 'vitest';
import { internal } from '../../example/convex/_generated/api';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup'; // import.meta.glob of the functions, as convex-test documents

test('backfills every todo', async () => {
  vi.useFakeTimers();
  const t = convexTest(schema, modules);
  await t.run((ctx) => ctx.db.insert('todos', { title: 'call mom', done: false }));
  const migrations = migrationTester(t, {
    functions: internal.migrations,
    advanceTimers: () => vi.advanceTimersByTime(0),
  });

  expect(await migrations.up({ dryRun: true })).toMatchObject({ status: 'dry_run' });
  expect(await migrations.up()).toMatchObject({ status: 'completed' });
  expect((await migrations.status()).pending).toEqual([]);
  vi.useRealTimers();
});
