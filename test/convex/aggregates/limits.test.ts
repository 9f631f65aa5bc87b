import type { TransactionLimits } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import { shardOf } from '../../../src/aggregate/buckets';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  eq,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { authors, type Ctx, type Db, notes, orm, posts, relations, schema, tables, twoAuthors } from './fixture';

const KiB = 1024;
const byAuthor = tables[1]!.aggregateIndexes[0]!;

/** The aggregates fixture on convex-test with Convex's transaction limits enforced (lowered by `limits`). */
function limitedBackend(limits: TransactionLimits) {
  const t = convexTest({ schema, modules, transactionLimits: limits });
  return { t, ...statements(t) };
}

type Backend = ReturnType<typeof convexTest>;

/** Runs every aggregate index's backfill to the end (one small transaction per step). */
async function backfill(t: Backend, tableConfigs = tables) {
  while ((await t.run((ctx) => backfillNext(ctx.db as never, tableConfigs, 100))).batch !== null);
}

/** An error as the tests compare it (`NOT_AN_ORM_ERROR` for Convex's own). */
function described(error: any) {
  const { code = 'NOT_AN_ORM_ERROR', message, table = null, details = null } = error;
  return { code: code as string, message: message as string, table: table as string | null, details };
}

/**
 * `run` hands `orm.db(ctx)` to one transaction; `measured` runs one statement and
 * returns its error (null when it succeeded), the writes it sent to the database (a
 * statement that throws before its first write sent none) and the documents the
 * transaction wrote, as its metrics report them.
 */
function statements(t: Backend, ormOf: (ctx: Ctx) => Db = (ctx) => orm.db(ctx as never)) {
  const run = <R>(fn: (db: Db) => Promise<R>) => t.run((ctx) => fn(ormOf(ctx as never)));
  const measured = (fn: (db: Db) => PromiseLike<unknown>, before?: (ctx: Ctx) => Promise<unknown>) =>
    t.run(async (ctx) => {
      await before?.(ctx as never);
      let writes = 0;
      const db = new Proxy(ctx.db, {
        get(target, key) {
          const value = Reflect.get(target, key);
          if (typeof value !== 'function') return value;
          const counted = key === 'insert' || key === 'patch' || key === 'replace' || key === 'delete';
          return (...args: unknown[]) => {
            if (counted) writes++;
            return value.apply(target, args);
          };
        },
      });
      const error = await Promise.resolve(fn(ormOf({ ...ctx, db } as unknown as Ctx))).then(() => null, described);
      const metrics = await (ctx as any).meta.getTransactionMetrics();
      return { error, writes, documentsWritten: metrics.documentsWritten.used as number };
    });
  return { run, measured };
}

/** `count` buckets of `index`, as stored. */
const bucketsOf = (t: Backend, index: string) =>
  t.run(async (ctx) => (await ctx.db.query('aggregate_bucket').collect()).filter((bucket) => bucket.index === index));

const rowsOf = (t: Backend, table: string) =>
  t.run(async (ctx) => (await ctx.db.query(table as never).collect()).length);

describe('aggregate bucket writes are reserved before the first write (transactionLimits on)', () => {
  it('rows that fit the documents written but not with their buckets: WRITE_BUDGET_EXCEEDED, nothing written', async () => {
    // 10 rows under one author; each of the 3 indexes (4 shards) may change 4 buckets: 10 + 12 > 15.
    const { t, run, measured } = limitedBackend({ documentsWritten: 15 });
    await backfill(t);
    const [a] = await run(twoAuthors);
    const outcome = await measured((db) =>
      db
        .insert(posts)
        .values(Array.from({ length: 10 }, (_, i) => ({ title: `p${i}`, authorId: a!._id, status: 'draft' }))),
    );
    expect(outcome.writes).toBe(0);
    expect(outcome.error).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED', table: 'posts' });
    expect(outcome.error!.message).toMatch(
      /^Writing to "posts" \(10 rows and 12 aggregate index buckets\) would take the transaction past 15 documents written .*split the statement into several mutations/,
    );
    expect(outcome.error!.details).toMatchObject({ budget: 'documentsWritten', limit: 15, used: 0, buckets: 12 });
    expect(await rowsOf(t, 'posts')).toBe(0);
  });

  it('a statement whose rows and buckets fit exactly is written; one document less is refused', async () => {
    // notes_by_rank keeps one bucket per key (.shards(1)): 10 rows over 3 ranks write 13 documents.
    const values = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2].map((rank) => ({ body: 'n', rank }));
    const fits = limitedBackend({ documentsWritten: 13 });
    await backfill(fits.t);
    expect(await fits.measured((db) => db.insert(notes).values(values))).toEqual({
      error: null,
      writes: 13,
      documentsWritten: 13,
    });
    const over = limitedBackend({ documentsWritten: 12 });
    await backfill(over.t);
    const outcome = await over.measured((db) => db.insert(notes).values(values));
    expect(outcome).toMatchObject({ writes: 0, error: { code: 'WRITE_BUDGET_EXCEEDED', table: 'notes' } });
  });

  it('a multi-row insert over many keys reserves one write per distinct bucket, not per row', async () => {
    // 200 rows over 50 ranks: 50 buckets; the reservation is what the transaction then reports.
    const values = Array.from({ length: 200 }, (_, i) => ({ body: 'n', rank: i % 50 }));
    const fits = limitedBackend({ documentsWritten: 250 });
    await backfill(fits.t);
    expect(await fits.measured((db) => db.insert(notes).values(values))).toEqual({
      error: null,
      writes: 250,
      documentsWritten: 250,
    });
    expect(await bucketsOf(fits.t, 'notes_by_rank')).toHaveLength(50);
    const over = limitedBackend({ documentsWritten: 249 });
    await backfill(over.t);
    expect((await over.measured((db) => db.insert(notes).values(values))).error?.code).toBe('WRITE_BUDGET_EXCEEDED');
  });

  it("sharded indexes: an insert reserves at most a key's shards (or its rows) per key, at least what it writes", async () => {
    // 8 authors with 6 posts each: by author and by (status, author), min(4 shards, 6 rows) per key;
    // posts_all has one key: its 4 shards. 48 + 32 + 32 + 4 = 116.
    const setup = async (limit: number) => {
      const backend = limitedBackend({ documentsWritten: limit });
      await backfill(backend.t);
      const ids = await backend.run((db) =>
        db
          .insert(authors)
          .values(Array.from({ length: 8 }, (_, i) => ({ name: `a${i}` })))
          .returning({ _id: authors._id }),
      );
      const values = ids.flatMap(({ _id }) =>
        Array.from({ length: 6 }, (_, i) => ({ title: `p${i}`, authorId: _id, status: 'draft' as const })),
      );
      return { ...backend, values };
    };
    const fits = await setup(116);
    const written = await fits.measured((db) => db.insert(posts).values(fits.values));
    const buckets = (await fits.t.run((ctx) => ctx.db.query('aggregate_bucket').collect())).length;
    expect(written).toEqual({ error: null, writes: 48 + buckets, documentsWritten: 48 + buckets });
    expect(buckets).toBeLessThanOrEqual(68);
    const over = await setup(115);
    const refused = await over.measured((db) => db.insert(posts).values(over.values));
    expect(refused).toMatchObject({ writes: 0, error: { code: 'WRITE_BUDGET_EXCEEDED', table: 'posts' } });
    expect(refused.error!.message).toContain('(48 rows and 68 aggregate index buckets)');
  });

  it('an update that moves a row between keys reserves both buckets; an unchanged bucket is not written', async () => {
    // by_author and by (status, author) each write the old and the new key's bucket; posts_all keeps
    // the row in the same shard with the same count: 1 + 4 documents.
    const setup = async (limit: number) => {
      const backend = limitedBackend({ documentsWritten: limit });
      await backfill(backend.t);
      const [a, b] = await backend.run(twoAuthors);
      const [post] = await backend.run((db) =>
        db.insert(posts).values({ title: 'p', authorId: a!._id, status: 'draft' }).returning({ _id: posts._id }),
      );
      return {
        ...backend,
        move: (db: Db) => db.update(posts).set({ authorId: b!._id }).where(eq(posts._id, post!._id)),
      };
    };
    const fits = await setup(5);
    expect(await fits.measured(fits.move)).toEqual({ error: null, writes: 5, documentsWritten: 5 });
    const over = await setup(4);
    expect(await over.measured(over.move)).toMatchObject({ writes: 0, error: { code: 'WRITE_BUDGET_EXCEEDED' } });
  });

  it('a delete reserves the buckets its rows leave (shards known from their _id); caller writes count', async () => {
    const setup = async () => {
      const backend = limitedBackend({ documentsWritten: 4 });
      await backfill(backend.t);
      const [a] = await backend.run(twoAuthors);
      await backend.run((db) => db.insert(posts).values({ title: 'p', authorId: a!._id, status: 'draft' }));
      return backend;
    };
    // The row and its bucket in each of the 3 indexes.
    const remove = (db: Db) => db.delete(posts).all();
    const fits = await setup();
    expect(await fits.measured(remove)).toEqual({ error: null, writes: 4, documentsWritten: 4 });
    expect(await bucketsOf(fits.t, 'posts_by_author')).toEqual([]);
    const over = await setup();
    const rawNote = (ctx: Ctx) => ctx.db.insert('notes', { body: 'raw' });
    const refused = await over.measured(remove, rawNote);
    expect(refused).toMatchObject({ writes: 0, error: { code: 'WRITE_BUDGET_EXCEEDED', table: 'posts' } });
    expect(refused.error!.details).toMatchObject({ budget: 'documentsWritten', limit: 4, used: 1 });
    expect(await rowsOf(over.t, 'posts')).toBe(1);
  });

  it('a soft delete reserves the bucket its row leaves (a row that stays live and keeps its key reserves none)', async () => {
    const setup = async () => {
      const backend = limitedBackend({ documentsWritten: 2 });
      await backfill(backend.t);
      await backend.run((db) => db.insert(notes).values({ body: 'n', rank: 1 }));
      return backend;
    };
    const fits = await setup();
    expect(await fits.measured((db) => db.update(notes).set({ body: 'edited' }).all())).toEqual({
      error: null,
      writes: 1,
      documentsWritten: 1,
    });
    expect(await fits.measured((db) => db.delete(notes).all())).toEqual({
      error: null,
      writes: 2,
      documentsWritten: 2,
    });
    const over = await setup();
    const rawNote = (ctx: Ctx) => ctx.db.insert('notes', { body: 'raw' });
    expect(await over.measured((db) => db.delete(notes).where(eq(notes.rank, 1)), rawNote)).toMatchObject({
      writes: 0,
      error: { code: 'WRITE_BUDGET_EXCEEDED', table: 'notes', details: { used: 1, limit: 2 } },
    });
  });

  it("a cascade (onDelete: 'cascade') reserves the buckets of the rows it deletes", async () => {
    const setup = async (limit: number) => {
      const backend = limitedBackend({ documentsWritten: limit });
      await backfill(backend.t);
      const [a] = await backend.run(twoAuthors);
      const ids = await backend.run((db) =>
        db
          .insert(posts)
          .values(Array.from({ length: 3 }, (_, i) => ({ title: `p${i}`, authorId: a!._id, status: 'draft' as const })))
          .returning({ _id: posts._id }),
      );
      // Each of the 3 indexes has one key for these posts, and they sit in the shards their ids pick.
      const shards = new Set(ids.map(({ _id }) => shardOf(byAuthor, _id))).size;
      return {
        ...backend,
        documents: 1 + 3 + 3 * shards,
        remove: (db: Db) => db.delete(authors).where(eq(authors._id, a!._id)),
      };
    };
    const probe = await setup(100);
    const fits = await setup(probe.documents);
    expect(await fits.measured(fits.remove)).toEqual({
      error: null,
      writes: fits.documents,
      documentsWritten: fits.documents,
    });
    const over = await setup(probe.documents - 1);
    const refused = await over.measured(over.remove);
    expect(refused).toMatchObject({
      writes: 0,
      error: { code: 'WRITE_BUDGET_EXCEEDED', table: 'authors', details: { buckets: probe.documents - 4 } },
    });
    // The buckets are the posts' (the cascade's), not the authors'.
    expect(refused.error!.message).toMatch(
      /^Writing to "authors" \(4 rows, cascades included, and \d+ aggregate index buckets of "posts"\) would take the transaction past \d+ documents written .*; split the statement into several mutations\.$/,
    );
  });

  it("an after-hook's statement counts the buckets reserved before it (no metrics taken): typed error, not Convex's", async () => {
    // The post and its 3 buckets (one shard each), then the hook's note and its bucket: 6 documents.
    const hooked = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        posts: {
          afterInsert: async (_change, ctx) => void (await ctx.db.insert(notes).values({ body: 'n', rank: 1 })),
        },
      }),
    });
    const setup = async (limit: number) => {
      const t = convexTest({ schema, modules, transactionLimits: { documentsWritten: limit } });
      await backfill(t);
      const { run, measured } = statements(t, (ctx) => hooked.db(ctx as never));
      const [a] = await run(twoAuthors);
      return measured((db) => db.insert(posts).values({ title: 'p', authorId: a!._id, status: 'draft' }));
    };
    expect(await setup(6)).toEqual({ error: null, writes: 6, documentsWritten: 6 });
    expect(await setup(5)).toMatchObject({ writes: 4, error: { code: 'WRITE_BUDGET_EXCEEDED', table: 'notes' } });
  });

  it('an after-hook reads what the transaction has left: the reads reserved for buckets that were not there are given back', async () => {
    // The statement reads 3 states, reserves 2 reads for each of its 3 buckets (room it needs up
    // front: 9 documents), then reads the author (its foreign key). The buckets are new: it read 4
    // documents. The hook then reads 8 notes: 12, which fit only once the 6 unread are given back.
    const hooked = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        posts: { afterInsert: async (_change, ctx) => void (await ctx.db.query.notes.findMany()) },
      }),
    });
    const setup = async (limit: number) => {
      const t = convexTest({ schema, modules, transactionLimits: { documentsRead: limit } });
      await backfill(t);
      const { run, measured } = statements(t, (ctx) => hooked.db(ctx as never));
      const [a] = await run(twoAuthors);
      await run((db) => db.insert(notes).values(Array.from({ length: 8 }, () => ({ body: 'n', rank: 1 }))));
      return measured((db) => db.insert(posts).values({ title: 'p', authorId: a!._id, status: 'draft' }));
    };
    // The hook's range ends with one more read, which finds no document and which Convex does not
    // refuse at its limit: 12 reads fit a limit of 12, and one fewer is refused typed.
    expect(await setup(12)).toEqual({ error: null, writes: 4, documentsWritten: 4 });
    expect(await setup(11)).toMatchObject({
      writes: 4,
      error: { code: 'SCAN_BUDGET_EXCEEDED', table: 'notes', details: { budget: 'documentsRead', limit: 11 } },
    });
  });

  it('buckets reads are checked against the index ranges left before the first write', async () => {
    // One state read, then up to 20 ranges for 10 buckets (10 ranks, one shard each; each read by key,
    // then, if it exists, patched through its by_id range): 21 ranges reserved > 10.
    const { t, measured } = limitedBackend({ databaseQueries: 10 });
    await backfill(t);
    const outcome = await measured((db) =>
      db.insert(notes).values(Array.from({ length: 10 }, (_, rank) => ({ body: 'n', rank }))),
    );
    expect(outcome).toMatchObject({ writes: 0, error: { code: 'SCAN_BUDGET_EXCEEDED', table: 'notes' } });
    expect(outcome.error!.details).toMatchObject({ budget: 'indexRanges', limit: 10, buckets: 10 });
    // A statement's reads are cut by splitting it, not by narrowing a filter; Convex's limit is the
    // one in force, so raising the ORM's budget is not offered.
    expect(outcome.error!.message).toMatch(
      /^Writing to "notes" \(10 rows and 10 aggregate index buckets\) would take the transaction past 10 index ranges read \(1 used, 20 more; Convex stops at 10\); split the statement into several mutations\.$/,
    );
  });
});

describe('bucket bytes are reserved with the rows (transactionLimits on)', () => {
  // A bucket holds its key value: rows keyed by large values write buckets as large.
  const tags = convexTable('tags', { name: text().notNull() }, (t) => [
    aggregateIndex('tags_by_name').on(t.name).count().shards(1),
  ]);
  const tagsOrm = createOrm({ relations: defineRelations({ tags }) });
  const tagTables = [getTableConfig(tags)];

  it('rows that fit the bytes written but not with their buckets: WRITE_BUDGET_EXCEEDED (bytesWritten)', async () => {
    const t = convexTest({ schema: defineSchema({ tags }), modules, transactionLimits: { bytesWritten: 1024 * KiB } });
    await backfill(t, tagTables);
    const { measured } = statements(t, (ctx) => tagsOrm.db(ctx as never) as unknown as Db);
    const values = ['a', 'b'].map((letter) => ({ name: letter.repeat(300 * KiB) }));
    const outcome = await measured((db) => (db as any).insert(tags).values(values));
    expect(outcome).toMatchObject({ writes: 0, error: { code: 'WRITE_BUDGET_EXCEEDED', table: 'tags' } });
    expect(outcome.error!.details).toMatchObject({ budget: 'bytesWritten' });
    // Half of it fits: one row and its bucket.
    expect((await measured((db) => (db as any).insert(tags).values(values[0]))).error).toBeNull();
    expect(await t.run((ctx) => ctx.db.query('tags').collect())).toHaveLength(1);
  });
});
