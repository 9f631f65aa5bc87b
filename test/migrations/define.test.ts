import { isOrmError } from 'convex-orm';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';

const step = { table: 'todos', migrateOne: async () => undefined };
const migration = (id: string, extra: object = {}) => defineMigration({ id, up: step, ...extra });

describe('defineMigration', () => {
  it('keeps id, description and steps', () => {
    const m = migration('20260101_000000_a', { description: 'why', down: { ...step, batchSize: 10 } });
    expect(m).toMatchObject({ id: '20260101_000000_a', description: 'why', up: { table: 'todos' } });
    expect(m.down?.batchSize).toBe(10);
    expect(Object.isFrozen(m)).toBe(true);
  });

  it.each([
    ['backfill', 'Invalid migration id "backfill"'],
    ['20260101_000000_Backfill', 'Invalid migration id "20260101_000000_Backfill"'],
    ['2026_000000_a', 'expected <YYYYMMDD_HHMMSS>_<name>'],
  ])('rejects the id %s', (id, message) => {
    expect(() => migration(id)).toThrow(message);
  });

  it('rejects bad steps with MIGRATION_CONFIG naming the migration', () => {
    const error = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
    };
    const missing = error(() => defineMigration({ id: '20260101_000000_a', up: { table: 'todos' } as never }));
    expect(isOrmError(missing, 'MIGRATION_CONFIG')).toBe(true);
    expect((missing as Error).message).toBe(
      "Migration '20260101_000000_a': the up step needs a table and a migrateOne function.",
    );
    expect(() => migration('20260101_000000_a', { down: { ...step, batchSize: 0 } })).toThrow(
      "Migration '20260101_000000_a': down.batchSize must be an integer from 1 to 16000, got 0.",
    );
    expect(() => migration('20260101_000000_a', { up: { ...step, batchSize: 16_001 } })).toThrow(
      "Migration '20260101_000000_a': up.batchSize is 16001, over 16000: Convex writes at most 16000 documents in one transaction (its documentsWritten limit); use a smaller batch size.",
    );
    expect(() => defineMigration({ id: '20260101_000000_a', up: { ...step, range: 'by_done' as never } })).toThrow(
      "Migration '20260101_000000_a': up.range must be a function of the query.",
    );
    expect(() => defineMigration({ id: '20260101_000000_a', up: { ...step, writeMode: 'fast' as never } })).toThrow(
      "up.writeMode must be 'safe_bypass' or 'normal'",
    );
  });
});

describe('defineMigrationSet', () => {
  it('sorts by id and keeps the given checksums', () => {
    const [a, b] = [migration('20260101_000000_a'), migration('20260102_000000_b')];
    const set = defineMigrationSet([
      { migration: b, checksum: 'bbb' },
      { migration: a, checksum: 'aaa' },
    ]);
    expect(set.entries.map((entry) => [entry.migration.id, entry.checksum])).toEqual([
      [a.id, 'aaa'],
      [b.id, 'bbb'],
    ]);
    expect(set.get(b.id)?.checksum).toBe('bbb');
    expect(set.get('20990101_000000_x')).toBeUndefined();
  });

  it('rejects duplicate ids and malformed entries', () => {
    const a = migration('20260101_000000_a');
    expect(() => defineMigrationSet([a, { migration: a, checksum: 'x' }])).toThrow(
      "Migration id '20260101_000000_a' appears twice in the migration set",
    );
    expect(() => defineMigrationSet([{ migration: a, checksum: '' }])).toThrow(
      'must be a migration from defineMigration()',
    );
  });

  it('computes a fallback checksum for a bare migration from its definition', () => {
    const checksum = (fn: () => Promise<Record<string, number> | undefined>) =>
      defineMigrationSet([defineMigration({ id: '20260101_000000_a', up: { table: 'todos', migrateOne: fn } })])
        .entries[0]!.checksum;
    expect(checksum(async () => ({ a: 1 }))).toBe(checksum(async () => ({ a: 1 })));
    expect(checksum(async () => ({ a: 1 }))).not.toBe(checksum(async () => ({ a: 2 })));
    expect(checksum(async () => undefined)).toMatch(/^04[0-9a-f]{16}$/);
  });
});
