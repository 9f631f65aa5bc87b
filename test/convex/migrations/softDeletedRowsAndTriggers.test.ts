// docs/migrations.md "Soft-deleted rows are migrated too": migrateOne is called for rows a
// soft delete marked, "and a 'normal' write updates them as well (an ORM update matches soft-deleted
// rows)"; "Patches": 'safe_bypass' fires no hook, 'normal' fires beforeUpdate/afterUpdate/afterChange;
// a dry run rolls back what the hooks wrote). No existing test runs a migration over a soft-deleted row.
import { createOrm, defineTriggers } from 'convex-orm';
import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { groups, relations } from '../../../example/convex/schema';
import { migrationBackend } from './harness';

const fired: string[] = [];
const triggers = defineTriggers(relations, {
  projects: {
    beforeUpdate: ({ old }) => {
      fired.push(`before:${old.name}`);
    },
    afterUpdate: async ({ new: row }, ctx) => {
      fired.push(`after:${row.name}`);
      await ctx.db.insert(groups).values({ name: `hook ${row.name}` });
    },
  },
});
const orm = createOrm({ relations, triggers });

async function migrate(writeMode: WriteMode, dryRun = false) {
  fired.length = 0;
  const rename = defineMigration<any>({
    id: '20260101_000000_rename_projects',
    up: { table: 'projects', writeMode, batchSize: 1, migrateOne: async (_c: any, d: any) => ({ name: `${d.name}!` }) },
  });
  const backend = migrationBackend(defineMigrationSet([rename]), orm as never);
  await backend.t.run(async (ctx) => {
    await ctx.db.insert('projects', { name: 'live', taskCount: 0, deletedAt: null });
    await ctx.db.insert('projects', { name: 'gone', taskCount: 0, deletedAt: 1 });
  });
  const run = await backend.run({ direction: 'up', dryRun });
  const names = await backend.t.run(async (ctx) => (await ctx.db.query('projects').collect()).map((p) => p.name));
  const hookRows = await backend.t.run(async (ctx) => (await ctx.db.query('groups').collect()).length);
  return { status: run.status, progress: run.progress[0], names, hookRows, fired: [...fired] };
}

describe('migrations over a soft-delete table', () => {
  it("'normal' migrates the soft-deleted row too, firing its hooks once per document", async () => {
    const out = await migrate('normal');
    expect(out).toMatchObject({ status: 'completed', progress: { processed: 2, changed: 2 } });
    expect(out.names).toEqual(['live!', 'gone!']);
    expect(out.hookRows).toBe(2);
    expect(out.fired).toEqual(['before:live', 'after:live!', 'before:gone', 'after:gone!']);
  });

  it("'safe_bypass' migrates both rows and fires no hook", async () => {
    const out = await migrate('safe_bypass');
    expect(out).toMatchObject({ status: 'completed', progress: { processed: 2, changed: 2 } });
    expect(out.names).toEqual(['live!', 'gone!']);
    expect(out.hookRows).toBe(0);
    expect(out.fired).toEqual([]);
  });

  it("a 'normal' dry run counts both and rolls back the hooks' writes", async () => {
    const out = await migrate('normal', true);
    expect(out).toMatchObject({ status: 'dry_run', progress: { processed: 2, changed: 2 } });
    expect(out.names).toEqual(['live', 'gone']);
    expect(out.hookRows).toBe(0);
  });
});
