import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { internalMutation } from '../../../example/convex/_generated/server';
import { backfillNext } from '../../../src/aggregate/backfill';
import { migrationBackend } from '../migrations/harness';
import { authors, backfillAll, orm, posts, schema, tables } from './fixture';

// Whole migration runs (run -> chunks -> batches, not writePatch alone) over a
// table with aggregate indexes keep them equal to a recount, in both write modes: a step moving the
// grouped key (status, authorId) and the summed column (views), its migrateOne inserting rows through
// ctx.orm, with the index's backfill started before the run and finished after it; and a run whose
// patches move 300 rows between keys under Convex's real limits (transactionLimits: true) at the CLI's
// default batch of 256, where each patch reads the states and buckets of 3 indexes.

type Backend = ReturnType<typeof migrationBackend>;

async function servedAgainstRecount(t: Backend['t']) {
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const rows = await ctx.db.query('posts').collect();
    const recount: Record<string, [number, number]> = {};
    for (const row of rows as any[]) {
      const key = `${row.status}|${row.authorId}`;
      const [count, sum] = recount[key] ?? [0, 0];
      recount[key] = [count + 1, sum + (row.views ?? 0)];
    }
    const query = {
      by: ['status', 'authorId'] as ['status', 'authorId'],
      _count: true as const,
      _sum: { views: true as const },
    };
    const plan = String((await db.query.posts.groupBy(query).explain()).aggregate);
    const served: Record<string, [number, number]> = {};
    for (const group of await db.query.posts.groupBy(query))
      served[`${group.status}|${group.authorId}`] = [group._count, group._sum.views ?? 0];
    return {
      served: plan.startsWith('aggregate index'),
      recount,
      groups: served,
      total: await db.query.posts.count(),
      rows: rows.length,
    };
  });
}

describe('migration runs keep aggregate indexes exact', () => {
  for (const writeMode of ['safe_bypass', 'normal'] as WriteMode[]) {
    it(`${writeMode}: key and summed column moved, migrateOne inserting through ctx.orm, backfill around the run`, async () => {
      const migration = defineMigration<any>({
        id: '20260101_000000_move',
        up: {
          table: 'posts',
          writeMode,
          batchSize: 3,
          migrateOne: async (ctx: any, doc: any) => {
            if (doc.views === 3)
              await ctx.orm
                .insert(posts)
                .values({ title: 'new', authorId: doc.authorId, status: 'draft', views: 1000 });
            return { status: doc.status === 'draft' ? 'published' : 'draft', views: (doc.views ?? 0) + 10 };
          },
        },
      });
      const backend = migrationBackend(defineMigrationSet([migration]), orm as never, internalMutation, false, schema);
      const { t } = backend;
      await t.run(async (ctx) => {
        const db = orm.db(ctx as never);
        const [x, y] = await db
          .insert(authors)
          .values([{ name: 'a' }, { name: 'b' }])
          .returning({ _id: authors._id });
        for (let i = 0; i < 10; i++)
          await db
            .insert(posts)
            .values({ title: `p${i}`, authorId: i % 2 ? x!._id : y!._id, status: 'draft', views: i });
      });
      await t.run((ctx) => backfillNext(ctx.db as never, tables, 4));
      expect((await backend.run({ direction: 'up' })).status).toBe('completed');
      await backfillAll(t, 4);
      const out = await servedAgainstRecount(t);
      expect(out.served).toBe(true);
      expect(out.groups).toEqual(out.recount);
      expect(out.total).toBe(out.rows);
    });
  }

  it('safe_bypass: 300 rows moved between keys at batch size 256 under Convex’s limits', async () => {
    const other = new Map<string, string>();
    const migration = defineMigration<any>({
      id: '20260101_000000_move',
      up: {
        table: 'posts',
        migrateOne: async (_ctx: any, doc: any) => ({
          status: doc.status === 'draft' ? 'published' : 'draft',
          authorId: other.get(doc._id),
          views: (doc.views ?? 0) + 1,
        }),
      },
    });
    const backend = migrationBackend(defineMigrationSet([migration]), orm as never, internalMutation, true, schema);
    const { t } = backend;
    const ids = await t.run(async (ctx) =>
      (
        await orm
          .db(ctx as never)
          .insert(authors)
          .values(Array.from({ length: 300 }, (_, i) => ({ name: `a${i}` })))
          .returning({ _id: authors._id })
      ).map((row) => row._id),
    );
    await t.run(async (ctx) => {
      for (let i = 0; i < 300; i++) {
        const id = await orm
          .db(ctx as never)
          .insert(posts)
          .values({ title: `p${i}`, authorId: ids[i]!, status: 'draft', views: i })
          .returning({ _id: posts._id });
        other.set(id[0]!._id, ids[(i + 150) % 300]!);
      }
    });
    await backfillAll(t, 256);
    const run = await backend.run({ direction: 'up', batchSize: 256 });
    expect(run.status).toBe('completed');
    const out = await servedAgainstRecount(t);
    expect(out.served).toBe(true);
    expect(out.groups).toEqual(out.recount);
  }, 120_000);
});
