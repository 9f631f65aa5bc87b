import { migrationTester } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { internal } from '../../example/convex/_generated/api';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// migrationTester's options are not checked: a maxChunks that is not a positive integer (NaN, 0, -1)
// or a missing advanceTimers shows only after up() has started a real run, and then as a misleading
// error ("Migration run mr_... is still running after NaN chunks; raise maxChunks, or check that fake
// timers are on.") or a bare TypeError ("advanceTimers is not a function").

function outcome(run: () => unknown): unknown {
  try {
    run();
    return 'accepted';
  } catch (error) {
    const { name, code } = error as { name?: string; code?: string };
    return { name, code };
  }
}

describe('migrationTester checks its options before starting a run', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('maxChunks must be a positive integer', async () => {
    const t = convexTest(schema, modules);
    await t.run((ctx) => ctx.db.insert('todos', { title: 'a', done: false }));
    for (const maxChunks of [Number.NaN, 0, -1]) {
      const made = outcome(() =>
        migrationTester(t, {
          functions: internal.migrations,
          advanceTimers: () => vi.advanceTimersByTime(0),
          maxChunks,
        }),
      );
      expect(made).toEqual({ name: 'OrmError', code: 'MIGRATION_CONFIG' });
    }
  });

  it('advanceTimers must be a function', async () => {
    const t = convexTest(schema, modules);
    await t.run((ctx) => ctx.db.insert('todos', { title: 'a', done: false }));
    const made = outcome(() => migrationTester(t, { functions: internal.migrations } as never));
    expect(made).toEqual({ name: 'OrmError', code: 'MIGRATION_CONFIG' });
  });
});
