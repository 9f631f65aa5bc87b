import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { backfillPriority, tagTitles } from './fixtures';
import { migrationBackend, seedTodos, todos } from './harness';

const later = tagTitles('20260102_000000_tag_titles', 'v2');

describe('drift', () => {
  it('blocks a run when an applied migration was edited (checksum mismatch), unless allowDrift', async () => {
    const backend = migrationBackend(defineMigrationSet([{ migration: backfillPriority, checksum: 'aaaa' }]));
    await seedTodos(backend.t, 2);
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');

    backend.deploy(defineMigrationSet([{ migration: backfillPriority, checksum: 'bbbb' }, later]));
    const blocked = await backend.start({ direction: 'up' });
    expect(blocked).toEqual({
      status: 'drift_blocked',
      drift: [
        {
          kind: 'checksum_mismatch',
          migrationId: backfillPriority.id,
          appliedChecksum: 'aaaa',
          manifestChecksum: 'bbbb',
          message: `Applied migration '${backfillPriority.id}' checksum drift detected. Revert the edit and write a new migration instead.`,
        },
      ],
    });
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(['todo 0', 'todo 1']);
    expect((await backend.status()).drift).toHaveLength(1);

    expect((await backend.run({ direction: 'up', allowDrift: true })).status).toBe('completed');
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(['todo 0 v2', 'todo 1 v2']);
  });

  it('blocks a run when an applied migration left the manifest (missing from manifest)', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority, later]));
    await seedTodos(backend.t, 1);
    await backend.run({ direction: 'up' });

    backend.deploy(defineMigrationSet([backfillPriority]));
    const blocked = await backend.start({ direction: 'down' });
    expect(blocked).toMatchObject({
      status: 'drift_blocked',
      drift: [{ kind: 'missing_from_manifest', migrationId: later.id }],
    });
    expect((await backend.status()).drift.map((issue) => issue.kind)).toEqual(['missing_from_manifest']);
  });

  it('lets a migration that is not applied (failed, rolled back) change freely', async () => {
    const backend = migrationBackend(defineMigrationSet([{ migration: later, checksum: 'one' }]));
    await seedTodos(backend.t, 1);
    await backend.run({ direction: 'up' });
    await backend.run({ direction: 'down' });
    backend.deploy(defineMigrationSet([{ migration: later, checksum: 'two' }]));
    expect((await backend.status()).drift).toEqual([]);
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');
  });
});
