import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { convexTable, createOrm, defineRelations, defineSchema, text, timestamp } from '../../../src/index';
import { migrationBackend } from './harness';

// d2e9dba: "-0 is written as 0" for timestamp(), as for integer() (src/schema/codec.ts
// storedColumnValue). A migration's patch goes through effectivePatch (src/migrations/patch.ts),
// which applies integerZeros: integer() only. A 'safe_bypass' patch { at: -0 } is written as -0
// (and isTimestampMs(-0) passes validation), a second zero the ORM's own writes never store.
const events = convexTable('events', { name: text().notNull(), at: timestamp() });
const schema = defineSchema({ events });
const orm = createOrm({ relations: defineRelations({ events }) });

function backendWith(writeMode: WriteMode, patch: Record<string, unknown>) {
  const migration = defineMigration({
    id: '20260101_000000_ts_minus_zero',
    up: { table: 'events', writeMode, migrateOne: async () => patch as never },
  });
  return migrationBackend(defineMigrationSet([migration]), orm as never, undefined, false, schema);
}

describe.each<WriteMode>(['safe_bypass', 'normal'])('a %s migration writing a timestamp -0', (writeMode) => {
  it('stores it as 0; over a stored 0 it changes nothing', async () => {
    const backend = backendWith(writeMode, { at: -0 });
    await backend.t.run(async (ctx) => {
      await ctx.db.insert('events' as never, { name: 'a', at: 5 } as never);
      await ctx.db.insert('events' as never, { name: 'b', at: 0 } as never);
    });
    const run = await backend.run({ direction: 'up' });
    const rows = await backend.t.run(
      async (ctx) => (await ctx.db.query('events' as never).collect()) as unknown as { name: string; at: number }[],
    );
    // Observed: 'safe_bypass' stores -0 in both rows (b's 0 rewritten as -0); 'normal' stores 0 (the
    // update encodes it) but counts b changed and writes it again (changed: 2), as -0 compares apart from 0.
    expect(rows.map((row) => [row.name, Object.is(row.at, -0)])).toEqual([
      ['a', false],
      ['b', false],
    ]);
    expect(run.progress[0]).toMatchObject({ processed: 2, changed: 1 });
  });
});
