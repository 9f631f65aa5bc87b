import { describe, expect, it } from 'vitest';
import { backfillNext } from '../../../src/aggregate/backfill';
import { keyId, keyOf, shardOf, totalsOf } from '../../../src/aggregate/buckets';
import { roundSum } from '../../../src/aggregate/exactSum';
import { startRepair } from '../../../src/aggregate/repair';
import { eq } from '../../../src/index';
import { writePatch } from '../../../src/migrations/write';
import { seededRandom } from '../../seededRandom';
import { authors, backend, backfillAll, type Ctx, type Db, notes, orm, posts, tables } from './fixture';

/** Helpers over the shared seeded generator, so a failure replays from its seed. */
function random(seed: number) {
  const next = seededRandom(seed);
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

type Random = ReturnType<typeof random>;

/**
 * Every bucket of every aggregate index, recomputed from the raw tables (live rows only), and as
 * stored: per key and shard, so each row must sit in the shard its `_id` picks.
 */
async function bucketsBothWays(ctx: Ctx) {
  const expected: Record<string, { count: number; sums: Record<string, [number, number]> }> = {};
  for (const table of tables) {
    const rows = await ctx.db.query(table.name).collect();
    for (const aggregate of table.aggregateIndexes) {
      for (const row of rows) {
        if (table.deletion && row[table.deletion.column] != null) continue;
        const id = `${table.name}.${aggregate.name}:${keyId(keyOf(aggregate, row))}#${shardOf(aggregate, String(row._id))}`;
        const bucket = expected[id] ?? { count: 0, sums: {} };
        expected[id] = bucket;
        bucket.count++;
        for (const field of aggregate.summed) {
          if (typeof row[field] !== 'number') continue;
          const [sum, n] = bucket.sums[field] ?? [0, 0];
          bucket.sums[field] = [sum + row[field], n + 1];
        }
      }
    }
  }
  const stored: typeof expected = {};
  for (const bucket of await ctx.db.query('aggregate_bucket').collect()) {
    const table = tables.find((config) => config.name === bucket.table)!;
    const aggregate = table.aggregateIndexes.find((config) => config.name === bucket.index)!;
    const key = aggregate.key.map((_, i) => bucket[`k${i}`] ?? null);
    const id = `${bucket.table}.${bucket.index}:${keyId(key)}#${bucket.shard}`;
    expect(stored[id], `one bucket per key and shard: ${id}`).toBeUndefined();
    // Stored sums are exact (`encodeSum`); the fixture's integers sum exactly as plain numbers too.
    const sums = Object.entries(totalsOf(bucket as never).sums).map(([field, sum]) => [
      field,
      [roundSum(sum), sum.count],
    ]);
    stored[id] = { count: bucket.count, sums: Object.fromEntries(sums) };
  }
  return { expected, stored };
}

const STATUSES = ['draft', 'published'] as const;

async function ids(db: Db) {
  const [authorRows, postRows, noteRows] = await Promise.all([
    db.query.authors.findMany({ columns: { _id: true } }),
    db.query.posts.findMany({ columns: { _id: true, slug: true } }),
    db.query.notes.findMany({ columns: { _id: true }, withDeleted: true }),
  ]);
  return { authors: authorRows.map((r) => r._id), posts: postRows, notes: noteRows.map((r) => r._id) };
}

/** One random ORM write (or a failing one, or a migration patch), in one transaction. */
async function step(rnd: Random, db: Db, ctx: Ctx, n: number): Promise<string> {
  const have = await ids(db);
  const author = rnd.pick(have.authors);
  const post = rnd.pick(have.posts);
  const views = () => (rnd.chance(0.2) ? null : rnd.int(100));
  const newPost = (i: number) => ({
    title: `t${n}-${i}`,
    slug: `s${n}-${i}`,
    authorId: author!,
    status: rnd.pick(STATUSES)!,
    views: views(),
    publishedAt: rnd.chance(0.3) ? null : rnd.int(1000),
  });
  const op = have.authors.length < 3 ? 0 : rnd.int(12);
  switch (op) {
    case 0:
      await db.insert(authors).values({ name: `a${n}` });
      return 'insert author';
    case 1:
      await db.insert(posts).values(Array.from({ length: 1 + rnd.int(4) }, (_, i) => newPost(i)));
      return 'insert posts';
    case 2:
      if (!post) return 'no post';
      await db
        .update(posts)
        .set({ authorId: author!, status: rnd.pick(STATUSES)! })
        .where(eq(posts._id, post._id));
      return 'update moves key';
    case 3:
      if (!author) return 'no author';
      await db.update(posts).set({ views: views() }).where(eq(posts.authorId, author));
      return 'update sums of an author';
    case 4:
      if (!post) return 'no post';
      await db.delete(posts).where(eq(posts._id, post._id));
      return 'delete post';
    case 5:
      await db.delete(authors).where(eq(authors._id, author!));
      return 'delete author (cascade)';
    case 6: {
      const slug = post?.slug && rnd.chance(0.7) ? post.slug : `u${n}`;
      await db
        .insert(posts)
        .values({ ...newPost(0), slug })
        .onConflictDoUpdate({ target: posts.slug, set: { authorId: author!, views: views() } });
      return 'upsert';
    }
    case 7:
      if (!post) return 'no post';
      // Fails on the unique slug after the first row: the statement writes nothing.
      await db
        .insert(posts)
        .values([newPost(0), { ...newPost(1), slug: post.slug! }])
        .catch(() => undefined);
      return 'failed insert';
    case 8:
      if (!post) return 'no post';
      await writePatch(
        ctx,
        { schema: orm.schema, db: db as never },
        {
          table: 'posts',
          id: post._id,
          old: post,
          changes: { views: views(), authorId: author },
          writeMode: rnd.chance(0.5) ? 'safe_bypass' : 'normal',
        },
      );
      return 'migration patch';
    case 9: {
      const note = rnd.pick(have.notes);
      if (!note || rnd.chance(0.4)) {
        await db.insert(notes).values({ body: 'n', rank: rnd.chance(0.2) ? null : rnd.int(3) });
        return 'insert note';
      }
      if (rnd.chance(0.4)) await db.delete(notes).where(eq(notes._id, note));
      else if (rnd.chance(0.5))
        await db
          .update(notes)
          .set({ deletedAt: null, rank: rnd.int(3) })
          .where(eq(notes._id, note));
      else await db.delete(notes).hard().where(eq(notes._id, note));
      return 'note soft delete / restore / hard delete';
    }
    case 10:
      await db.transaction(async (tx) => {
        await tx.insert(posts).values(newPost(0));
        if (post)
          await tx
            .update(posts)
            .set({ status: rnd.pick(STATUSES)! })
            .where(eq(posts._id, post._id));
      });
      return 'transaction';
    default:
      if (!post?.slug) return 'no post';
      await db.update(posts).set({ authorId: author!, views: views() }).where(eq(posts.slug, post.slug));
      return 'update by unique';
  }
}

describe('aggregate maintenance (property)', () => {
  it.each([1, 2, 3])(
    'seed %i: after every random ORM write, every bucket equals a recomputation from the raw rows',
    async (seed) => {
      const rnd = random(seed);
      const { t, run } = backend();
      await backfillAll(t);
      for (let n = 0; n < 100; n++) {
        let what = await run((db, ctx) => step(rnd, db, ctx, n));
        if (n % 25 === 24) {
          // A raw write the maintenance cannot see, then a repair of every index, online: random
          // ORM writes between its batches (small, so the rebuild spans many transactions).
          await t.run(async (ctx) => {
            const post = await ctx.db.query('posts').first();
            if (post) await ctx.db.delete(post._id);
          });
          await t.run((ctx) => startRepair(ctx.db as never, tables, {}));
          for (let batch = 0; ; batch++) {
            const { remaining } = await t.run((ctx) => backfillNext(ctx.db as never, tables, 3));
            if (remaining === 0) break;
            await run((db, ctx) => step(rnd, db, ctx, 1000 * n + batch));
          }
          what += ', then a raw delete and a repair with writes between its batches';
        }
        const { expected, stored } = await t.run((ctx) => bucketsBothWays(ctx as never));
        expect(stored, `seed ${seed}, step ${n}: ${what}`).toEqual(expected);
      }
    },
    60_000,
  );

  it('a failed mutation (rollback) leaves the buckets as they were', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const [a] = await run((db) => db.insert(authors).values({ name: 'a' }).returning({ _id: authors._id }));
    await expect(
      run((db) =>
        db.transaction(async (tx) => {
          await tx.insert(posts).values({ title: 't', slug: 's', authorId: a!._id, status: 'draft' });
          tx.rollback();
        }),
      ),
    ).rejects.toThrow('Rollback');
    const { expected, stored } = await t.run((ctx) => bucketsBothWays(ctx as never));
    expect(stored).toEqual(expected);
    expect(stored).toEqual({});
  });
});
