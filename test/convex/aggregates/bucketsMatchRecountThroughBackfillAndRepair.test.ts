// Seeded (4 seeds): at every step of a backfill and of a repair, with ORM writes of every kind
// (insert, update moving keys and sums, hard delete, soft delete, restore) between batches, under
// transactionLimits: true, each index's buckets equal a recount of the live rows the state says
// are counted (all rows when ready; rows with _creationTime <= cursor while building; none while
// clearing). docs/aggregates.md "Backfill" / "Maintenance".
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import { startRepair } from '../../../src/aggregate/repair';
import { eq } from '../../../src/index';
import { seededRandom } from '../../seededRandom';
import { authors, notes, orm, posts, schema, tables } from './fixture';

async function check(t: any, label: string) {
  await t.run(async (ctx: any) => {
    const states = await ctx.db.query('aggregate_state').collect();
    const buckets = await ctx.db.query('aggregate_bucket').collect();
    for (const table of tables) {
      for (const agg of table.aggregateIndexes) {
        const state = states.find((s: any) => s.table === table.name && s.index === agg.name);
        if (!state || state.status === 'clearing') continue;
        const rows = (await ctx.db.query(table.name).collect()).filter(
          (r: any) =>
            (!table.deletion || r[table.deletion.column] == null) &&
            (state.status === 'ready' || (state.cursor !== null && r._creationTime <= state.cursor)),
        );
        const expected = new Map<string, { count: number }>();
        for (const r of rows) {
          const k = JSON.stringify(agg.key.map((f: string) => r[f] ?? null));
          const e = expected.get(k) ?? { count: 0 };
          e.count++;
          expected.set(k, e);
        }
        const got = new Map<string, { count: number }>();
        for (const b of buckets.filter((b: any) => b.table === table.name && b.index === agg.name)) {
          const k = JSON.stringify(agg.key.map((_: string, i: number) => b[`k${i}`] ?? null));
          const e = got.get(k) ?? { count: 0 };
          e.count += b.count;
          got.set(k, e);
        }
        expect(Object.fromEntries([...got].sort()), `${label} ${agg.name} ${state.status}`).toEqual(
          Object.fromEntries([...expected].sort()),
        );
      }
    }
  });
}

describe('buckets equal a recount at every step of backfill and repair', () => {
  it.each([1, 2, 3, 4])(
    'seed %i',
    async (seed) => {
      const rnd = seededRandom(seed);
      const t = convexTest({ schema, modules, transactionLimits: true } as any);
      const run = (fn: (db: any) => Promise<unknown>) => t.run((ctx) => fn(orm.db(ctx as never)));
      const ids = (await run((db) =>
        db
          .insert(authors)
          .values([{ name: 'a' }, { name: 'b' }])
          .returning({ _id: authors._id }),
      )) as any[];
      const aid = () => ids[Math.floor(rnd() * 2)]._id;
      const op = async () => {
        const r = rnd();
        await run(async (db) => {
          const all = await db.query.posts.findMany({ limit: 200 });
          const ns = await db.query.notes.findMany({ withDeleted: true, limit: 200 });
          if (r < 0.3 || all.length === 0)
            await db.insert(posts).values({
              title: 't',
              authorId: aid(),
              status: rnd() < 0.5 ? 'draft' : 'published',
              views: Math.floor(rnd() * 5),
            });
          else if (r < 0.45)
            await db
              .update(posts)
              .set({ authorId: aid(), status: 'published', views: 3 })
              .where(eq(posts._id, all[Math.floor(rnd() * all.length)]._id));
          else if (r < 0.55) await db.delete(posts).where(eq(posts._id, all[Math.floor(rnd() * all.length)]._id));
          else if (r < 0.75 || ns.length === 0)
            await db.insert(notes).values({ body: 'n', rank: Math.floor(rnd() * 3) });
          else {
            const n = ns[Math.floor(rnd() * ns.length)];
            const x = rnd();
            if (x < 0.35)
              await db
                .update(notes)
                .set({ deletedAt: n.deletedAt == null ? Date.now() : null })
                .where(eq(notes._id, n._id));
            else if (x < 0.7)
              await db
                .update(notes)
                .set({ rank: Math.floor(rnd() * 3) })
                .where(eq(notes._id, n._id));
            else await db.delete(notes).where(eq(notes._id, n._id));
          }
        });
      };
      for (let i = 0; i < 30; i++) await op();
      for (let b = 0; ; b++) {
        const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, 3));
        await check(t, `backfill ${b}`);
        if (step.batch === null) break;
        await op();
        await check(t, `after op ${b}`);
      }
      await t.run((ctx) => startRepair(ctx.db as never, tables, {}));
      for (let b = 0; ; b++) {
        const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, 4));
        await check(t, `repair ${b}`);
        if (step.batch === null) break;
        await op();
        await check(t, `repair op ${b}`);
      }
    },
    60_000,
  );
});
