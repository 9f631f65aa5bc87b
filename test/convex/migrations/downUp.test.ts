import { isOrmError } from 'convex-orm';
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { tagTitles } from './fixtures';
import { migrationBackend, seedTodos, todos } from './harness';

const a = tagTitles('20260101_000000_tag_a', 'a');
const b = tagTitles('20260102_000000_tag_b', 'b');
const c = tagTitles('20260103_000000_tag_c', 'c');
const titles = async (backend: ReturnType<typeof migrationBackend>) =>
  (await todos(backend.t)).map((todo) => todo.title);
const migrated = (run: { progress: { migrationId: string }[] }) => run.progress.map((item) => item.migrationId);

describe('up, down, up', () => {
  it('applies in id order, rolls back the last step, and re-applies it', async () => {
    const backend = migrationBackend(defineMigrationSet([b, a]));
    await seedTodos(backend.t, 3);
    expect(migrated(await backend.run({ direction: 'up' }))).toEqual([a.id, b.id]);
    expect(await titles(backend)).toEqual(['todo 0 a b', 'todo 1 a b', 'todo 2 a b']);

    const down = await backend.run({ direction: 'down' });
    expect(down).toMatchObject({ status: 'completed', direction: 'down' });
    expect(migrated(down)).toEqual([b.id]);
    expect(await titles(backend)).toEqual(['todo 0 a', 'todo 1 a', 'todo 2 a']);
    expect(await backend.status()).toMatchObject({ applied: [{ migrationId: a.id }], pending: [b.id] });

    expect(migrated(await backend.run({ direction: 'up' }))).toEqual([b.id]);
    expect(await titles(backend)).toEqual(['todo 0 a b', 'todo 1 a b', 'todo 2 a b']);
  });

  it('down --steps N rolls back the last N, newest first; --to <id> everything after it', async () => {
    const backend = migrationBackend(defineMigrationSet([a, b, c]));
    await seedTodos(backend.t, 1);
    await backend.run({ direction: 'up' });
    expect(migrated(await backend.run({ direction: 'down', to: a.id }))).toEqual([c.id, b.id]);
    expect(await titles(backend)).toEqual(['todo 0 a']);
    await backend.run({ direction: 'up' });
    expect(migrated(await backend.run({ direction: 'down', steps: 3 }))).toEqual([c.id, b.id, a.id]);
    expect(await titles(backend)).toEqual(['todo 0']);
    expect(await backend.start({ direction: 'down' })).toEqual({
      status: 'noop',
      reason: 'no applied migration to roll back',
    });
  });

  it('refuses a down plan over a migration without a down step, naming it, and runs nothing', async () => {
    const oneWay = tagTitles('20260102_000000_one_way', 'x', { reversible: false });
    const backend = migrationBackend(defineMigrationSet([oneWay, c]));
    await seedTodos(backend.t, 1);
    await backend.run({ direction: 'up' });
    const error = await backend.start({ direction: 'down', steps: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(
      "Migration '20260102_000000_one_way' has no down step, so it cannot be rolled back.",
    );
    expect(isOrmError(error, 'MIGRATION_CONFIG')).toBe(true);
    expect(await titles(backend)).toEqual(['todo 0 x c']);
    await expect(backend.start({ direction: 'down', to: '20990101_000000_nope' })).rejects.toThrow(
      "Cannot roll back to '20990101_000000_nope': it is not an applied migration",
    );
  });
});
