// Claim check (from a review that found no bug): docs/migrations.md "Patches": 'safe_bypass' "enforces no constraint of the
// schema beyond the columns' types: ... not foreign keys (an id column's value must be an id of the
// referenced table, but the row it names need not exist) ... and it runs no $onUpdateFn"; "Only 'normal'
// enforces them: it runs the ORM's update statement (on-update defaults, checks, foreign keys, unique
// constraints)". No existing migration test covers $onUpdateFn or a foreign key in either mode.
import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { internalMutation } from '../../../example/convex/_generated/server';
import { convexTable, createOrm, defineRelations, defineSchema, id, integer, text } from '../../../src/index';
import { migrationBackend } from './harness';

const owners = convexTable('owners', { name: text().notNull() });
const things = convexTable('things', {
  name: text().notNull(),
  ownerId: id('owners').references(() => owners._id),
  touched: integer().$onUpdateFn(() => 42),
});
const schema = defineSchema({ owners, things });
const orm = createOrm({ relations: defineRelations({ owners, things }) });

async function migrate(writeMode: WriteMode, toGoneOwner: boolean) {
  let target: string;
  const step = defineMigration<any>({
    id: '20260101_000000_reassign',
    up: { table: 'things', writeMode, migrateOne: async () => ({ ownerId: target, name: 'moved' }) },
  });
  const backend = migrationBackend(defineMigrationSet([step]), orm as never, internalMutation, true, schema);
  await backend.t.run(async (ctx: any) => {
    const a = await ctx.db.insert('owners', { name: 'a' });
    const b = await ctx.db.insert('owners', { name: 'b' });
    await ctx.db.insert('things', { name: 'x', ownerId: a });
    if (toGoneOwner) await ctx.db.delete(b);
    target = b;
  });
  const run = await backend.run({ direction: 'up' });
  const rows = await backend.t.run(async (ctx: any) =>
    (await ctx.db.query('things').collect()).map((r: any) => ({
      name: r.name,
      touched: r.touched ?? null,
      moved: r.ownerId === target,
    })),
  );
  return { status: run.status, error: run.lastError ?? null, rows };
}

describe('writeMode and what only the ORM update runs', () => {
  it("'safe_bypass': no $onUpdateFn, a reference to a missing row is written", async () => {
    expect(await migrate('safe_bypass', true)).toEqual({
      status: 'completed',
      error: null,
      rows: [{ name: 'moved', touched: null, moved: true }],
    });
  });
  it("'normal': $onUpdateFn runs on the update", async () => {
    expect(await migrate('normal', false)).toEqual({
      status: 'completed',
      error: null,
      rows: [{ name: 'moved', touched: 42, moved: true }],
    });
  });
  it("'normal': a reference to a missing row fails the batch, nothing written", async () => {
    const out = await migrate('normal', true);
    expect(out).toMatchObject({ status: 'failed', rows: [{ name: 'x', touched: null, moved: false }] });
    expect(out.error).toMatch(/foreign key/i);
  });
});
