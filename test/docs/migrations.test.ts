import { migrationTester } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it, vi } from 'vitest';
import { internal } from '../../example/convex/_generated/api';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { examplePaths, guide, missingBlocks, tsBlocks } from './guideBlocks';
import { migration } from './migrations';

describe('docs/migrations.md', () => {
  it('shows the type-checked migrations.ts and the migrations.tester.test.ts that runs', () => {
    expect(tsBlocks(guide('migrations'))).toHaveLength(4);
    expect(missingBlocks('migrations', ['migrations.ts', 'migrations.tester.test.ts'], examplePaths)).toEqual([]);
  });

  it("the walk-through's migration backfills medium and its down removes it", async () => {
    const ctx = {} as never;
    const up = (doc: object) => migration.up.migrateOne(ctx, doc as never);
    const down = (doc: object) => migration.down!.migrateOne(ctx, doc as never);
    expect(await up({ title: 'a', done: false })).toEqual({ priority: 'medium' });
    expect(await up({ title: 'a', done: false, priority: null })).toEqual({ priority: 'medium' });
    expect(await up({ title: 'a', done: false, priority: 'high' })).toBeUndefined();
    expect(await down({ title: 'a', done: false, priority: 'medium' })).toEqual({ priority: undefined });
    expect(await down({ title: 'a', done: false, priority: 'high' })).toBeUndefined();
  });

  it('migrate up fills in the priority of old todos on the example app (whose migration is the same)', async () => {
    vi.useFakeTimers();
    const t = convexTest(schema, modules);
    await t.run((ctx) => ctx.db.insert('todos', { title: 'call mom', done: false }));
    await t.run((ctx) => ctx.db.insert('todos', { title: 'ship it', done: true, priority: 'high' }));
    const migrations = migrationTester(t, {
      functions: internal.migrations,
      advanceTimers: () => vi.advanceTimersByTime(0),
    });
    expect(await migrations.up()).toMatchObject({ status: 'completed' });
    const rows = await t.run((ctx) => ctx.db.query('todos').collect());
    vi.useRealTimers();
    expect(rows.map((row) => [row.title, row.priority])).toEqual([
      ['call mom', 'medium'],
      ['ship it', 'high'],
    ]);
  });
});
