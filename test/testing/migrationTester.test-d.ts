import type { RunView, StatusResult } from 'convex-orm/migrations';
import { type MigrationOutcome, migrationTester } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expectTypeOf, it, vi } from 'vitest';
import { internal } from '../../example/convex/_generated/api';
import schema from '../../example/convex/schema';

describe('migrationTester types', () => {
  const t = convexTest(schema, {});

  it('takes a convex-test instance and internal.migrations; runs resolve with the outcome', () => {
    const migrations = migrationTester(t, { functions: internal.migrations, advanceTimers: vi.runAllTimers });
    expectTypeOf(migrations.up()).resolves.toEqualTypeOf<MigrationOutcome>();
    expectTypeOf(migrations.down({ steps: 2, dryRun: true })).resolves.toEqualTypeOf<MigrationOutcome>();
    expectTypeOf(migrations.status()).resolves.toEqualTypeOf<StatusResult>();
    expectTypeOf<Extract<MigrationOutcome, { runId: string }>>().toEqualTypeOf<RunView>();
    expectTypeOf<MigrationOutcome['status']>().toEqualTypeOf<RunView['status']>();
  });

  it('rejects other function modules, a run direction and bad options', () => {
    // @ts-expect-error: internal.users has no migration functions
    migrationTester(t, { functions: internal.users, advanceTimers: vi.runAllTimers });
    // @ts-expect-error: advanceTimers is required
    migrationTester(t, { functions: internal.migrations });
    const migrations = migrationTester(t, { functions: internal.migrations, advanceTimers: vi.runAllTimers });
    // @ts-expect-error: the direction is the method
    migrations.up({ direction: 'down' });
    // @ts-expect-error: steps is a number
    migrations.down({ steps: '2' });
  });
});
