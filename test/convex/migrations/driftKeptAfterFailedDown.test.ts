import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { shoutTitles } from './fixtures';
import { migrationBackend, seedTodos } from './harness';

// docs/migrations.md: "A down that fails in its first batch reverted nothing: the migration stays
// applied (its completion time kept)", and drift is "an applied migration's file was edited".
// The checksum of an applied migration is the one of the code that applied it; queueing a down run
// (with --allow-drift, the emergency override) must not rewrite that history.
describe('drift of an applied migration whose down run (--allow-drift) reverted nothing', () => {
  it('is still reported after the down fails in its first batch: the migration stays applied, its checksum the applied one', async () => {
    const shout = shoutTitles('20260101_000000_shout', 'TODO 0');
    const backend = migrationBackend(defineMigrationSet([{ migration: shout, checksum: 'applied-code' }]));
    await seedTodos(backend.t, 2);
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');

    // The file is edited after it was applied: drift.
    backend.deploy(defineMigrationSet([{ migration: shout, checksum: 'edited-code' }]));
    expect((await backend.status()).drift).toMatchObject([
      { kind: 'checksum_mismatch', appliedChecksum: 'applied-code' },
    ]);

    const down = await backend.run({ direction: 'down', allowDrift: true });
    expect(down.status).toBe('failed');
    const status = await backend.status();
    expect(status.applied.map((item) => item.migrationId)).toEqual([shout.id]);
    // The applied migration's recorded checksum is still the applied code's: the drift stays visible.
    expect(status.drift).toMatchObject([
      { kind: 'checksum_mismatch', appliedChecksum: 'applied-code', manifestChecksum: 'edited-code' },
    ]);
    expect((await backend.start({ direction: 'down' })).status).toBe('drift_blocked');
  });
});
