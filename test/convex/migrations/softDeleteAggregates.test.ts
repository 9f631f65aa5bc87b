// docs/aggregates.md "Maintenance": buckets stay exact under "soft deletes and restores
// ... and migrations in both writeModes (safe_bypass skips triggers, never aggregates)"; "Soft-deleted
// rows are not in the buckets"). A migration that soft-deletes rows (sets the deletion column) and one
// that restores them must leave a served count equal to the recount of live rows, in both write modes.
import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { internalMutation } from '../../../example/convex/_generated/server';
import { backfillAll, orm, schema } from '../aggregates/fixture';
import { migrationBackend } from './harness';

async function served(t: any) {
  return t.run(async (ctx: any) => {
    const db = orm.db(ctx as never) as any;
    const rows = await ctx.db.query('notes').collect();
    const live = rows.filter((r: any) => r.deletedAt == null);
    const plan = String((await db.query.notes.groupBy({ by: ['rank'], _count: true }).explain()).aggregate);
    const groups: Record<string, number> = {};
    for (const g of await db.query.notes.groupBy({ by: ['rank'], _count: true })) groups[String(g.rank)] = g._count;
    const recount: Record<string, number> = {};
    for (const r of live) recount[String(r.rank)] = (recount[String(r.rank)] ?? 0) + 1;
    return { served: plan.startsWith('aggregate index'), groups, recount };
  });
}

describe('migrations that soft-delete and restore keep aggregate buckets exact', () => {
  for (const writeMode of ['safe_bypass', 'normal'] as WriteMode[]) {
    it(writeMode, async () => {
      const del = defineMigration<any>({
        id: '20260101_000000_delete_odd',
        up: {
          table: 'notes',
          writeMode,
          batchSize: 2,
          migrateOne: async (_c: any, d: any) => (d.rank % 2 ? { deletedAt: 5 } : undefined),
        },
        down: {
          table: 'notes',
          writeMode,
          batchSize: 2,
          migrateOne: async (_c: any, d: any) => (d.deletedAt != null ? { deletedAt: undefined } : undefined),
        },
      });
      const backend = migrationBackend(defineMigrationSet([del]), orm as never, internalMutation, true, schema);
      const { t } = backend;
      await t.run(async (ctx: any) => {
        const db = orm.db(ctx as never) as any;
        const { notes } = await import('../aggregates/fixture');
        for (let i = 0; i < 6; i++) await db.insert(notes).values({ body: `n${i}`, rank: i % 3 });
      });
      await backfillAll(t, 10);
      expect((await backend.run({ direction: 'up' })).status).toBe('completed');
      const afterUp = await served(t);
      expect(afterUp.served).toBe(true);
      expect(afterUp.groups).toEqual(afterUp.recount);
      expect((await backend.run({ direction: 'down' })).status).toBe('completed');
      const afterDown = await served(t);
      expect(afterDown.groups).toEqual(afterDown.recount);
    });
  }
});
