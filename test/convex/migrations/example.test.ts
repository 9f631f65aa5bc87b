import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { internal } from '../../../example/convex/_generated/api';
import { migrations } from '../../../example/convex/migrations/manifest';
import schema from '../../../example/convex/schema';
import { modules } from '../../../example/convex/test.setup';

describe('the example app migrations (internal.migrations)', () => {
  it('backfills todo priority and trims titles, in manifest order; refuses a rollback across the irreversible step', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      await ctx.db.insert('todos', { title: '  buy milk ', done: false });
      await ctx.db.insert('todos', { title: 'ship it', done: true, priority: 'high' });
      await ctx.db.insert('todos', { title: 'walk', done: false, priority: null });
    });
    const ids = migrations.entries.map((entry) => entry.migration.id);
    expect(await t.query(internal.migrations.status, {})).toMatchObject({ applied: [], pending: ids, drift: [] });

    const started = await t.mutation(internal.migrations.run, { direction: 'up', batchSize: 2 });
    expect(started).toMatchObject({ status: 'running', migrationIds: ids });
    if (started.status !== 'running') return;
    await t.finishAllScheduledFunctions(() => {});
    const { run } = await t.query(internal.migrations.status, { runId: started.runId });
    expect(run).toMatchObject({ status: 'completed', chunks: 4 });
    const rows = await t.run((ctx) => ctx.db.query('todos').collect());
    expect(rows.map(({ title, priority }) => ({ title, priority }))).toEqual([
      { title: 'buy milk', priority: 'medium' },
      { title: 'ship it', priority: 'high' },
      { title: 'walk', priority: 'medium' },
    ]);

    await expect(t.mutation(internal.migrations.run, { direction: 'down', steps: 1 })).rejects.toThrow(
      `Migration '${ids[1]}' has no down step`,
    );
    await expect(t.mutation(internal.migrations.run, { direction: 'down', to: ids[0] })).rejects.toThrow(
      `Migration '${ids[1]}' has no down step`,
    );
    expect((await t.query(internal.migrations.status, {})).applied.map((item) => item.migrationId)).toEqual(ids);
  });
});
