import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { groups, projects, tasks, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// A read-only transaction refuses the write paths test/convex/transactionConfig.test.ts
// does not list (soft delete, .hard(), a scheduled-delete table, returning(), onConflictDoNothing
// with nothing to insert, an update or delete matching no row, as Postgres refuses them), a
// statement built in fn and awaited after it returned, and lets the outer db's statements write
// (they are not statements of tx: in Drizzle they run on another connection).

const refused = (table: string) =>
  `INVALID_QUERY: Cannot write to "${table}" in a read-only transaction (transaction(fn, { accessMode: 'read only' })), as Postgres refuses; write outside it, or leave accessMode out.`;

async function world() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const db = orm.db(ctx);
    const [project] = await db.insert(projects).values({ name: 'P' }).returning();
    await db.insert(tasks).values({ projectId: project!._id, title: 'T' });
    await db.insert(users).values({ name: 'Ada', email: 'ada@x' });
  });
  return t;
}

const state = (t: Awaited<ReturnType<typeof world>>) =>
  t.run(async (ctx) => ({
    projects: (await ctx.db.query('projects').collect()).map((p) => [p.name, p.deletedAt ?? null]),
    tasks: (await ctx.db.query('tasks').collect()).map((p) => [p.title, p.deletedAt ?? null]),
    users: (await ctx.db.query('users').collect()).map((u) => u.name),
    groups: (await ctx.db.query('groups').collect()).map((g) => g.name),
    scheduled: (await ctx.db.system.query('_scheduled_functions').collect()).length,
  }));

describe('a read-only transaction, every write path', () => {
  it('refuses soft, hard and scheduled deletes, returning(), no-op upserts and no-row statements; nothing written', async () => {
    const t = await world();
    const before = await state(t);
    const outcomes = await t.run((ctx) =>
      orm.db(ctx).transaction(
        async (tx) => {
          const runs = [
            () => tx.delete(projects).all(),
            () => tx.delete(projects).hard().all(),
            () => tx.delete(tasks).all().returning(),
            () => tx.update(projects).set({ name: 'Q' }).all().returning({ name: projects.name }),
            () => tx.insert(users).values({ name: 'Ada', email: 'ada@x' }).onConflictDoNothing(),
            () => tx.update(users).set({ name: 'Z' }).where({ email: 'nobody@x' }),
            () => tx.delete(users).where({ email: 'nobody@x' }),
          ];
          const out: unknown[] = [];
          for (const run of runs) {
            out.push(
              await run().then(
                () => 'resolved',
                (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
              ),
            );
          }
          return out;
        },
        { accessMode: 'read only' },
      ),
    );
    expect(outcomes).toEqual([
      refused('projects'),
      refused('projects'),
      refused('tasks'),
      refused('projects'),
      refused('users'),
      refused('users'),
      refused('users'),
    ]);
    expect(await state(t)).toEqual(before);
  });

  it("a statement of tx built in fn and awaited after fn returned is still refused; the outer db's statements write", async () => {
    const t = await world();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const outerBuilt = db.insert(groups).values({ name: 'outer, built before' });
      const { later } = await db.transaction(
        async (tx) => {
          await outerBuilt;
          await db.insert(groups).values({ name: 'outer, inside' });
          return { later: tx.insert(groups).values({ name: 'tx, awaited later' }) };
        },
        { accessMode: 'read only' },
      );
      return later.then(
        () => 'written',
        (error: { code?: string }) => error.code,
      );
    });
    expect(out).toBe('INVALID_QUERY');
    expect((await state(t)).groups).toEqual(['outer, built before', 'outer, inside']);
  });
});
