import { buildPlan, defineMigration, defineMigrationSet, detectDrift } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';

const step = { table: 'todos', migrateOne: async () => undefined };
const reversible = (id: string) => defineMigration({ id, up: step, down: step });
const [a, b, c] = ['20260101_000000_a', '20260102_000000_b', '20260103_000000_c'].map(reversible) as [
  ReturnType<typeof reversible>,
  ReturnType<typeof reversible>,
  ReturnType<typeof reversible>,
];
const set = defineMigrationSet([
  { migration: c, checksum: 'c' },
  { migration: a, checksum: 'a' },
  { migration: b, checksum: 'b' },
]);
const applied = (...ids: string[]) => ids.map((id) => ({ migrationId: id, checksum: id.slice(-1), applied: true }));
const ids = (plan: { id: string }[]) => plan.map((migration) => migration.id);

describe('buildPlan', () => {
  it('up: every migration not applied, in id order', () => {
    expect(ids(buildPlan(set, applied(b.id), { direction: 'up' }))).toEqual([a.id, c.id]);
    expect(ids(buildPlan(set, [{ ...applied(a.id)[0]!, applied: false }], { direction: 'up' }))).toEqual([
      a.id,
      b.id,
      c.id,
    ]);
    expect(buildPlan(set, applied(a.id, b.id, c.id), { direction: 'up' })).toEqual([]);
  });

  it('down: the last applied one by default, the last N with steps, all after `to`, newest first', () => {
    const all = applied(a.id, b.id, c.id);
    expect(ids(buildPlan(set, all, { direction: 'down' }))).toEqual([c.id]);
    expect(ids(buildPlan(set, all, { direction: 'down', steps: 2 }))).toEqual([c.id, b.id]);
    expect(ids(buildPlan(set, all, { direction: 'down', steps: 9 }))).toEqual([c.id, b.id, a.id]);
    expect(ids(buildPlan(set, all, { direction: 'down', to: a.id }))).toEqual([c.id, b.id]);
    expect(ids(buildPlan(set, all, { direction: 'down', to: c.id }))).toEqual([]);
  });

  it('plans a partially reverted migration both ways: up re-applies it, down finishes it', () => {
    const partial = { migrationId: b.id, checksum: 'b', applied: false, direction: 'down', status: 'failed' } as const;
    const records = [...applied(a.id), partial];
    expect(ids(buildPlan(set, records, { direction: 'up' }))).toEqual([b.id, c.id]);
    expect(ids(buildPlan(set, records, { direction: 'down' }))).toEqual([b.id]);
    expect(ids(buildPlan(set, records, { direction: 'down', steps: 2 }))).toEqual([b.id, a.id]);
    // A completed down left nothing to revert; an up that stopped part-way is only pending.
    for (const other of [
      { ...partial, status: 'completed' },
      { ...partial, direction: 'up' },
    ] as const) {
      expect(ids(buildPlan(set, [...applied(a.id), other], { direction: 'down', steps: 2 }))).toEqual([a.id]);
    }
  });

  it('refuses a down under a later migration whose up stopped part-way, naming it', () => {
    const partial = {
      migrationId: c.id,
      checksum: 'c',
      applied: false,
      direction: 'up',
      status: 'failed',
      partiallyApplied: true,
    } as const;
    const records = [...applied(a.id, b.id), partial];
    const refused = `Cannot roll back '${b.id}': the later migration '${c.id}' is partially applied`;
    expect(() => buildPlan(set, records, { direction: 'down' })).toThrow(refused);
    expect(() => buildPlan(set, records, { direction: 'down', to: a.id })).toThrow(refused);
    // Recorded before partiallyApplied was: an up that stopped with a committed cursor.
    const older = { ...partial, partiallyApplied: undefined, cursor: 'cursor' };
    expect(() => buildPlan(set, [...applied(a.id, b.id), older], { direction: 'down' })).toThrow(refused);
    // An up that committed no batch changed nothing: the down goes ahead.
    for (const pending of [
      { ...partial, partiallyApplied: false },
      { ...older, cursor: null },
    ]) {
      expect(ids(buildPlan(set, [...applied(a.id, b.id), pending], { direction: 'down' }))).toEqual([b.id]);
    }
  });

  it('rejects a down plan over a migration without down, naming it', () => {
    const oneWay = defineMigration({ id: '20260104_000000_one_way', up: step });
    const withOneWay = defineMigrationSet([a, oneWay]);
    expect(() => buildPlan(withOneWay, applied(a.id, oneWay.id), { direction: 'down' })).toThrow(
      "Migration '20260104_000000_one_way' has no down step, so it cannot be rolled back.",
    );
    expect(ids(buildPlan(withOneWay, applied(a.id), { direction: 'down' }))).toEqual([a.id]);
  });

  it('rejects bad requests', () => {
    const all = applied(a.id, b.id);
    expect(() => buildPlan(set, all, { direction: 'down', steps: 1, to: a.id })).toThrow('either `steps` or `to`');
    expect(() => buildPlan(set, all, { direction: 'down', steps: 0 })).toThrow('`steps` must be a positive integer');
    expect(() => buildPlan(set, all, { direction: 'down', to: c.id })).toThrow(`Cannot roll back to '${c.id}'`);
    expect(() => buildPlan(set, all, { direction: 'up', steps: 1 })).toThrow('only apply to a down run');
  });
});

describe('detectDrift', () => {
  it('reports edited and removed applied migrations, ignores unapplied ones', () => {
    const records = [
      { migrationId: a.id, checksum: 'a', applied: true },
      { migrationId: b.id, checksum: 'edited', applied: true },
      { migrationId: c.id, checksum: 'edited', applied: false },
      { migrationId: '20250101_000000_gone', checksum: 'x', applied: true },
      { migrationId: '20250102_000000_gone_unapplied', checksum: 'x', applied: false },
    ];
    expect(detectDrift(set, records).map((issue) => [issue.kind, issue.migrationId])).toEqual([
      ['checksum_mismatch', b.id],
      ['missing_from_manifest', '20250101_000000_gone'],
    ]);
    expect(detectDrift(set, records)[0]!.message).toMatch(
      /^Applied migration '20260102_000000_b' checksum drift detected\./,
    );
  });

  it("a migration given without a checksum: an applied record of the earlier normalization's checksum is not drift", () => {
    // `return` and a line break, then a statement: the earlier normalization dropped the `;` the line
    // break supplies (reading `return doc.done = true`), the current one writes it out, so the two
    // checksums of this source differ. (Built from text: a compiler would print the `;`.)
    const migrateOne = new Function('doc', 'if (doc.done) return\ndoc.done = true\nreturn doc') as never;
    const bare = defineMigration({ id: '20260104_000000_bare', up: { table: 'todos', migrateOne } });
    const entry = defineMigrationSet([bare]).get(bare.id)!;
    expect(entry.legacyChecksums).toHaveLength(3);
    expect(entry.legacyChecksums![2]).not.toBe(entry.checksum);
    const record = (checksum: string) => ({ migrationId: bare.id, checksum, applied: true });
    const bareSet = defineMigrationSet([bare]);
    expect(detectDrift(bareSet, [record(entry.checksum)])).toEqual([]);
    expect(detectDrift(bareSet, [record(entry.legacyChecksums![2]!)])).toEqual([]);
    expect(detectDrift(bareSet, [record('edited')]).map((issue) => issue.kind)).toEqual(['checksum_mismatch']);
  });
});
