import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { convexTable, createOrm, defineRelations, defineSchema, text, timestamp } from '../../../src/index';
import { migrationBackend } from './harness';

// migrateOne gets stored documents and returns stored values: a string-mode timestamp's patch is
// milliseconds, as its documents hold. In 'normal' mode the patch goes through the ORM's update,
// which takes the column's ISO strings: the runtime converts, so both modes write the same.
const events = convexTable('events', { name: text().notNull(), at: timestamp({ mode: 'string' }) });
const schema = defineSchema({ events });
const orm = createOrm({ relations: defineRelations({ events }) });

describe.each<WriteMode>(['safe_bypass', 'normal'])('a %s migration of a string-mode timestamp', (writeMode) => {
  it('writes the milliseconds migrateOne returns', async () => {
    const migration = defineMigration({
      id: '20260101_000000_shift_events',
      up: {
        table: 'events',
        writeMode,
        migrateOne: async (_ctx, doc) => ({ at: (doc.at as number) + 60_000 }) as never,
      },
    });
    const backend = migrationBackend(defineMigrationSet([migration]), orm as never, undefined, false, schema);
    const start = Date.parse('2026-01-01T00:00:00Z');
    await backend.t.run((ctx) => ctx.db.insert('events' as never, { name: 'e', at: start } as never));
    expect(await backend.run({ direction: 'up' })).toMatchObject({ status: 'completed' });
    const stored = await backend.t.run(
      async (ctx) => (await ctx.db.query('events' as never).collect()) as { at: number }[],
    );
    expect(stored.map((row) => row.at)).toEqual([start + 60_000]);
  });
});
