import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend } from './harness';

// docs/migrations.md (dry run, "Limits and divergences"): each batch of a dry run makes its
// writes, as the run would, then is rolled back, so each batch is previewed against the current
// data, not against the writes of the batches before it. A 'normal' step enforces unique
// constraints (users.email is unique): two emails that collide once lowercased fail a dry run
// when one batch holds both, not when they fall in different batches, while the run fails either way.
const lowercaseEmails = defineMigration<DataModel>({
  id: '20260101_000000_lowercase_emails',
  up: {
    table: 'users',
    writeMode: 'normal',
    migrateOne: async (_ctx, doc) =>
      doc.email === doc.email.toLowerCase() ? undefined : { email: doc.email.toLowerCase() },
  },
});

async function collidingEmails() {
  const backend = migrationBackend(defineMigrationSet([lowercaseEmails]));
  await backend.t.run(async (ctx) => {
    await ctx.db.insert('users', { name: 'Ada', email: 'Ada@x.io', role: 'member', verified: false });
    await ctx.db.insert('users', { name: 'Ada 2', email: 'ADA@x.io', role: 'member', verified: false });
  });
  return backend;
}

describe('a dry run of a normal step whose writes collide on a unique constraint', () => {
  it('fails when one batch holds both documents, as the run does', async () => {
    const backend = await collidingEmails();
    const dry = await backend.run({ direction: 'up', dryRun: true, batchSize: 10 });
    expect(dry.status).toBe('failed');
    expect(dry.lastError).toMatch(/unique/i);
  });

  it('previews each batch against the current data: a collision across batches is not seen, the run still fails', async () => {
    const backend = await collidingEmails();
    const dry = await backend.run({ direction: 'up', dryRun: true, batchSize: 1 });
    expect({ status: dry.status, processed: dry.progress[0]!.processed, changed: dry.progress[0]!.changed }).toEqual({
      status: 'dry_run',
      processed: 2,
      changed: 2,
    });
    const real = await backend.run({ direction: 'up', batchSize: 1 });
    expect(real.status).toBe('failed');
    expect(real.lastError).toMatch(/unique/i);
  });
});
