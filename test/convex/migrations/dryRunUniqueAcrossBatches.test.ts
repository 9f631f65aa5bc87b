import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend } from './harness';

// docs/migrations.md (dry run): "each batch makes its writes, as the run would (so rows the rules
// hide are not counted and a write the run would refuse fails the dry run too), then is rolled
// back". A 'normal' step enforces unique constraints; users.email is unique.
const lowercaseEmails = defineMigration<DataModel>({
  id: '20260101_000000_lowercase_emails',
  up: {
    table: 'users',
    writeMode: 'normal',
    migrateOne: async (_ctx, doc) =>
      doc.email === doc.email.toLowerCase() ? undefined : { email: doc.email.toLowerCase() },
  },
});

describe('a dry run of a normal step whose writes collide on a unique constraint across batches', () => {
  it('fails as the run fails (the run is refused with UNIQUE_VIOLATION on the second user)', async () => {
    const backend = migrationBackend(defineMigrationSet([lowercaseEmails]));
    await backend.t.run(async (ctx) => {
      await ctx.db.insert('users', { name: 'Ada', email: 'Ada@x.io', role: 'member', verified: false });
      await ctx.db.insert('users', { name: 'Ada 2', email: 'ADA@x.io', role: 'member', verified: false });
    });
    const dry = await backend.run({ direction: 'up', dryRun: true, batchSize: 1 });
    const real = await backend.run({ direction: 'up', batchSize: 1 });
    expect(real.status).toBe('failed');
    expect(real.lastError).toMatch(/unique/i);
    // The dry run walked the same documents in the same batches: it says the run would succeed.
    expect({ status: dry.status, lastError: dry.lastError }).toEqual({
      status: 'failed',
      lastError: expect.stringMatching(/unique/i),
    });
  });
});
