import type { GenericId } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers, eq } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { accounts, blobs, files, filler, folders, limitedBackend, notes, orm, relations } from './limitsFixture';
import { rejection } from './mutationHarness';

const KiB = 1024;

type Backend = ReturnType<typeof limitedBackend>;
type Ctx = Parameters<Parameters<Backend['run']>[0]>[0];

/** Raw inserts of `count` authors with one book each, in one transaction. */
async function authorsWithBooks(t: Backend, count: number) {
  await t.run(async (ctx) => {
    for (let i = 0; i < count; i++) {
      const authorId = await ctx.db.insert('authors', { name: `a${i}` });
      await ctx.db.insert('books', { authorId, title: `b${i}` });
    }
  });
}

/**
 * What `query` throws over `parents` authors with one book each, with Convex's limits set to
 * `limits`, after `before` (the caller's own reads in the same transaction).
 */
async function queryError(
  limits: Parameters<typeof limitedBackend>[0],
  parents: number,
  query: (db: ReturnType<typeof orm.db>) => PromiseLike<unknown>,
  before?: (ctx: Ctx) => Promise<void>,
) {
  const t = limitedBackend(limits);
  await authorsWithBooks(t, parents);
  return t.run(async (ctx) => {
    await before?.(ctx);
    return rejection(query(orm.db(ctx)));
  });
}

const countOf = (t: Backend, table: string) =>
  t.run(async (ctx) => (await ctx.db.query(table as 'notes').collect()).length);

describe('reads stay inside the transaction limits (transactionLimits on)', () => {
  // convex-test scans a whole table per index range, so 4,200 parents against the real 4,096 take
  // minutes; the same shapes run against a lowered Convex limit (the ORM reads it from the metrics).
  it('with: { books: true } over more parents than ranges fits: one range over the keys, grouped per parent', async () => {
    const t = limitedBackend({ databaseQueries: 100 });
    await authorsWithBooks(t, 120);
    await t.run(async (ctx) => {
      const first = await ctx.db.query('authors').first();
      await ctx.db.insert('books', { authorId: first!._id, title: 'second' });
    });
    const { result, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.authors.findMany({
        with: { books: { columns: { title: true }, orderBy: { title: 'desc' }, limit: 1 } },
      });
      return { result: rows.map((row) => [row.name, row.books.map((book) => book.title)]), reads: { ...reads } };
    });
    expect(result).toHaveLength(120);
    expect(result[0]).toEqual(['a0', ['second']]);
    expect(result[119]).toEqual(['a119', ['b119']]);
    expect(reads).toEqual({ documents: 120 + 121, ranges: 2 });
  });

  it('where: { books: true } over more parents than ranges fits: the keys with books are read at once', async () => {
    const t = limitedBackend({ databaseQueries: 100 });
    await authorsWithBooks(t, 120);
    await t.run((ctx) => ctx.db.insert('authors', { name: 'no books' }));
    const { names, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.authors.findMany({ where: { NOT: { books: true } } });
      return { names: rows.map((row) => row.name), reads: { ...reads } };
    });
    expect(names).toEqual(['no books']);
    // The root range, one probe per row until they pass half the ranges left (34), one range for the keys.
    expect(reads).toEqual({ documents: 121 + 33 + 120, ranges: 1 + 33 + 1 });
  });

  it('40 documents of 512 KiB: SCAN_BUDGET_EXCEEDED (bytesRead) naming the table', async () => {
    const t = limitedBackend();
    // Two transactions: 20 MiB would pass the 16 MiB write limit in one.
    for (let half = 0; half < 2; half++) {
      await t.run(async (ctx) => {
        for (let i = 0; i < 20; i++) await ctx.db.insert('blobs', { body: filler(512 * KiB) });
      });
    }
    const error = await t.run((ctx) => rejection(orm.db(ctx).query.blobs.findMany()));
    expect(error).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', table: 'blobs' });
    expect(error.details).toMatchObject({ budget: 'bytesRead', limit: 15 * 1024 * KiB });
  });

  it('counts what the caller read before (getTransactionMetrics): the ORM stops within what is left', async () => {
    const ids: GenericId<'authors'>[] = [];
    const error = await queryError(
      { databaseQueries: 50 },
      10,
      (db) => db.query.authors.findMany({ where: { _id: { in: ids } } }),
      async (ctx) => {
        ids.push(...(await ctx.db.query('authors').take(10)).map((author) => author._id));
        for (let i = 0; i < 44; i++) await ctx.db.query('authors').first();
      },
    );
    expect(error.code).toBe('SCAN_BUDGET_EXCEEDED');
    expect(error.details).toMatchObject({ budget: 'indexRanges', limit: 50, used: 50 });
  });

  it('a page is cut where the read budget ends (maximumRowsRead), not read past it; the next page goes on', async () => {
    const t = limitedBackend({ documentsRead: 50 });
    await authorsWithBooks(t, 60);
    const first = await t.run(async (ctx) => {
      await ctx.db.query('books').take(30);
      const { ctx: counted, reads } = countReads(ctx);
      const page = await orm.db(counted).query.authors.paginate({ numItems: 40, cursor: null });
      return { ...page, reads: { ...reads } };
    });
    // Convex allows 50 documents (maximumRowsRead stops a page exactly): 30 read by the caller, so 20 in the page.
    expect(first.page.map((author) => author.name)).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
    expect(first.reads).toEqual({ documents: 20, ranges: 1 });
    expect(first.isDone).toBe(false);
    const second = await t.run((ctx) =>
      orm.db(ctx).query.authors.paginate({ numItems: 40, cursor: first.continueCursor }),
    );
    expect(second.page.map((author) => author.name)).toEqual(Array.from({ length: 40 }, (_, i) => `a${i + 20}`));
  });

  it('a page of large documents is cut before the bytes budget (maximumBytesRead)', async () => {
    const t = limitedBackend({ bytesRead: 4 * 1024 * KiB });
    await t.run(async (ctx) => {
      for (let i = 0; i < 10; i++) await ctx.db.insert('blobs', { body: filler(512 * KiB) });
    });
    const pages = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const first = await db.query.blobs.paginate({ numItems: 10, cursor: null });
      return [first.page.length, first.isDone];
    });
    // Pages stop one largest document (1 MiB) short of the 4 MiB: 3 MiB, reached by the sixth document.
    expect(pages).toEqual([6, false]);
  });

  it('documents read past the transaction budget: SCAN_BUDGET_EXCEEDED (documentsRead) before Convex stops', async () => {
    const error = await queryError({ documentsRead: 300 }, 200, (db) =>
      db.query.authors.findMany({ with: { books: true } }),
    );
    expect(error.code).toBe('SCAN_BUDGET_EXCEEDED');
    expect(error.details).toMatchObject({ budget: 'documentsRead', limit: 300 });
  });

  it('a budget set in createOrm applies; a bad one is rejected', async () => {
    const t = limitedBackend();
    await authorsWithBooks(t, 20);
    const small = createOrm({ relations, transactionBudget: { indexRanges: 5 } });
    const error = await t.run((ctx) => rejection(small.db(ctx).query.books.findMany({ with: { author: true } })));
    expect(error.details).toMatchObject({ budget: 'indexRanges', limit: 5 });
    const prepared = small.query.books.findMany({ with: { author: true } }).prepare('booksWithAuthors');
    const preparedError = await t.run((ctx) => rejection(prepared.execute(ctx)));
    expect(preparedError.details).toMatchObject({ budget: 'indexRanges', limit: 5 });
    expect(() => createOrm({ relations, transactionBudget: { indexRanges: 0 } })).toThrow(/positive integer/);
    expect(() => createOrm({ relations, transactionBudget: { ranges: 5 } as never })).toThrow(
      /Unknown transactionBudget/,
    );
  });
});

describe('writes are checked against the limits before the first write (transactionLimits on)', () => {
  const accountRows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ a: `a${i}`, b: `b${i}`, c: `c${i}`, d: `d${i}`, e: `e${i}` }));

  it('a 1,000-row insert into a table with 5 unique columns fits: span reads once per-row probes would not', async () => {
    const t = limitedBackend();
    const reads = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      await orm.db(ctx).insert(accounts).values(accountRows(1_000));
      return { ...reads };
    });
    // Three constraints probed per row (3,000 ranges), the last two by one span range each.
    expect(reads.ranges).toBe(3_002);
    expect(await countOf(t, 'accounts')).toBe(1_000);
  }, 30_000); // 1,000 rows with 5 unique probes each: seconds under load

  /** `count` folders with one file each, and what deleting every folder reads (or the rejection). */
  async function deleteFolders(limits: Parameters<typeof limitedBackend>[0], count: number) {
    const t = limitedBackend(limits);
    await t.run(async (ctx) => {
      for (let i = 0; i < count; i++) {
        await ctx.db.insert('files', { folderId: await ctx.db.insert('folders', { name: `f${i}` }), name: `x${i}` });
      }
    });
    const outcome = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const error = await rejection(orm.db(ctx).delete(folders).all()).catch(() => null);
      return { error, reads: { ...reads } };
    });
    return { ...outcome, folders: await countOf(t, 'folders'), files: await countOf(t, 'files') };
  }

  // On Convex each delete reads its document's `by_id` range (a range of its own: these rows were
  // found by other ranges), so a cascade of N parents with a child each takes 2N ranges plus its reads.
  // convex-test does not count those ranges: the ORM's reservation is what refuses the statement.
  it('a cascade delete whose deletes take more ranges than are left: SCAN_BUDGET_EXCEEDED before the first write', async () => {
    const outcome = await deleteFolders({ databaseQueries: 100 }, 120);
    // The folders' range and one range over the files of all 120 keys, then 240 deletes of one range each.
    expect(outcome.error).toMatchObject({
      code: 'SCAN_BUDGET_EXCEEDED',
      details: { budget: 'indexRanges', limit: 100, used: 2 },
    });
    expect(outcome.error!.message).toContain('(2 used, 240 more; Convex stops at 100)');
    expect([outcome.folders, outcome.files]).toEqual([120, 120]);
  });

  it('a cascade delete that fits the ranges exactly: the children are read as one span, grouped per parent', async () => {
    // 49 parents: the folders' range, one span over the files (49 ranges would not leave room for
    // the 98 deletes), and 98 deletes: 100 ranges. 50 parents would take 102.
    const fits = await deleteFolders({ databaseQueries: 100 }, 49);
    expect(fits.error).toBeNull();
    expect(fits.reads).toEqual({ documents: 98, ranges: 2 });
    expect([fits.folders, fits.files]).toEqual([0, 0]);
    const fails = await deleteFolders({ databaseQueries: 100 }, 50);
    expect(fails.error).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'indexRanges' } });
    expect([fails.folders, fails.files]).toEqual([50, 50]);
  });

  it('a cascade whose span passes the documents budget: SCAN_BUDGET_EXCEEDED, nothing deleted', async () => {
    const outcome = await deleteFolders({ databaseQueries: 100, documentsRead: 200 }, 120);
    expect(outcome.error).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'documentsRead' } });
    expect([outcome.folders, outcome.files]).toEqual([120, 120]);
  });

  it('a 1,000-row upsert into a table with 5 unique columns fits: its probes are read ahead as spans', async () => {
    const t = limitedBackend();
    await t.run(async (ctx) => {
      // Stored rows that conflict only on e, the last constraint.
      for (const row of accountRows(500))
        await ctx.db.insert('accounts', { ...row, a: `s${row.a}`, b: '-', c: '-', d: '-' });
    });
    const reads = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      await orm.db(ctx).insert(accounts).values(accountRows(1_000)).onConflictDoNothing();
      return { ...reads };
    });
    // Two spans (d, e) read ahead, then every row probed on a, b and c: 3,000 + 2 ranges, not 5,000.
    expect(reads.ranges).toBe(3_002);
    expect(await countOf(t, 'accounts')).toBe(1_000);
  }, 30_000); // 1,000 rows with 5 unique probes each: seconds under load

  it('an upsert over spans keeps row-by-row order: a stored conflict updated, a key an earlier row took refused', async () => {
    const t = limitedBackend();
    await t.run((ctx) => ctx.db.insert('accounts', { a: 'a999', b: 'x', c: 'x', d: 'x', e: 'x' }));
    const upsert = (rows: ReturnType<typeof accountRows>) =>
      t.run((ctx) =>
        orm
          .db(ctx)
          .insert(accounts)
          .values(rows)
          .onConflictDoUpdate({ target: accounts.a, set: { b: 'b0' } }),
      );
    // Row 0 takes b0 first, so patching the stored row to b0 (row 999's conflict) fails, and nothing is written.
    const error = await rejection(upsert(accountRows(1_000)));
    expect(error).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { fields: ['b'] } });
    expect(await countOf(t, 'accounts')).toBe(1);
    await upsert(accountRows(1_000).slice(1));
    const stored = await t.run((ctx) => ctx.db.query('accounts').collect());
    expect(stored).toHaveLength(999);
    expect(stored.find((row) => row.a === 'a999')).toMatchObject({ b: 'b0', e: 'x' });
  });

  it('a span read still finds a stored duplicate: UNIQUE_VIOLATION, nothing written', async () => {
    const t = limitedBackend();
    await t.run((ctx) => ctx.db.insert('accounts', { a: 'x', b: 'x', c: 'x', d: 'x', e: 'e999' }));
    const error = await t.run((ctx) => rejection(orm.db(ctx).insert(accounts).values(accountRows(1_000))));
    expect(error).toMatchObject({ code: 'UNIQUE_VIOLATION', table: 'accounts' });
    expect(error.details.fields).toEqual(['e']);
    expect(await countOf(t, 'accounts')).toBe(1);
  });

  it('an insert whose probes pass the ranges left: SCAN_BUDGET_EXCEEDED (indexRanges), nothing written', async () => {
    const t = limitedBackend({ databaseQueries: 10, documentsRead: 1_000 });
    const error = await t.run(async (ctx) => {
      for (let i = 0; i < 8; i++) await ctx.db.query('accounts').first();
      return rejection(orm.db(ctx).insert(accounts).values(accountRows(1)));
    });
    expect(error.code).toBe('SCAN_BUDGET_EXCEEDED');
    expect(error.details).toMatchObject({ budget: 'indexRanges', limit: 10 });
    expect(await countOf(t, 'accounts')).toBe(0);
  });

  it('a multi-row insert whose second row is over 1 MiB: VALIDATION, the first row is not written', async () => {
    const t = limitedBackend();
    const error = await t.run((ctx) =>
      rejection(
        orm
          .db(ctx)
          .insert(blobs)
          .values([{ body: 'small' }, { body: filler(1024 * KiB) }]),
      ),
    );
    expect(error).toMatchObject({ code: 'VALIDATION', table: 'blobs' });
    expect(error.message).toMatch(/over Convex's 1048576/);
    expect(await countOf(t, 'blobs')).toBe(0);
  });

  it('an update that would grow a document past 1 MiB: VALIDATION, nothing written', async () => {
    const t = limitedBackend();
    const error = await t.run(async (ctx) => {
      await ctx.db.insert('notes', { title: 'a', body: filler(600 * KiB) });
      await ctx.db.insert('notes', { title: 'b', body: null });
      return rejection(
        orm
          .db(ctx)
          .update(notes)
          .set({ title: filler(600 * KiB) })
          .all(),
      );
    });
    expect(error).toMatchObject({ code: 'VALIDATION', table: 'notes' });
    const titles = await t.run(async (ctx) => (await ctx.db.query('notes').collect()).map((n) => n.title.length));
    expect(titles).toEqual([1, 1]);
  });

  const nest = (levels: number): unknown => (levels === 0 ? 1 : { n: nest(levels - 1) });
  const inBody = (body: unknown) => ({ title: 't', body });
  it.each([
    [
      'a top-level "__proto__" key from JSON.parse',
      JSON.parse('{"title":"t","__proto__":{"x":1}}'),
      /no column "__proto__"/,
    ],
    [
      'a nested "__proto__" key from JSON.parse',
      JSON.parse('{"title":"t","body":{"__proto__":{"x":1}}}'),
      /"__proto__"/,
    ],
    ['a "$" field name', inBody({ $x: 1 }), /cannot start with "\$"/],
    ['an array of 8,193 elements', inBody(new Array(8_193).fill(0)), /8193 elements is longer than Convex's 8192/],
    [
      'an object of 1,025 fields',
      inBody(Object.fromEntries(Array.from({ length: 1_025 }, (_, i) => [`f${i}`, i]))),
      /1025 fields/,
    ],
    ['nesting deeper than 16', inBody(nest(16)), /deeper than Convex's 16/],
    ['a lone surrogate', inBody('\ud800'), /unpaired UTF-16 surrogate/],
    ['a class instance', inBody(new Date(0)), /not a Convex value/],
  ])('%s in the second row: VALIDATION, the first row is not written', async (_, row, message) => {
    const t = limitedBackend();
    const error = await t.run((ctx) =>
      rejection(
        orm
          .db(ctx)
          .insert(notes)
          .values([{ title: 'first' }, row]),
      ),
    );
    expect(error).toMatchObject({ code: 'VALIDATION', table: 'notes' });
    expect(error.message).toMatch(message);
    expect(await countOf(t, 'notes')).toBe(0);
  });

  it('the deepest and largest values Convex accepts are written', async () => {
    const t = limitedBackend();
    const body = { deep: nest(14), list: Array.from({ length: 8_192 }, () => 0) };
    await t.run((ctx) => orm.db(ctx).insert(notes).values({ title: 'ok', body }));
    expect(await countOf(t, 'notes')).toBe(1);
  });

  it('documents written past what the transaction has left: WRITE_BUDGET_EXCEEDED, caller writes counted', async () => {
    const t = limitedBackend({ documentsWritten: 50 });
    const error = await t.run(async (ctx) => {
      for (let i = 0; i < 30; i++) await ctx.db.insert('notes', { title: `raw${i}`, body: null });
      const result = await rejection(
        orm
          .db(ctx)
          .insert(notes)
          .values(Array.from({ length: 21 }, (_, i) => ({ title: `orm${i}` }))),
      );
      return { ...result, stored: (await ctx.db.query('notes').collect()).length };
    });
    expect(error).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED', table: 'notes', stored: 30 });
    expect(error.details).toMatchObject({ budget: 'documentsWritten', limit: 50, used: 30 });
  });

  it('a one-row update by id past the budget (checks and write in one step): the check rejects, nothing written', async () => {
    const t = limitedBackend({ documentsWritten: 50 });
    const result = await t.run(async (ctx) => {
      const ids: GenericId<'notes'>[] = [];
      for (let i = 0; i < 50; i++) ids.push(await ctx.db.insert('notes', { title: `raw${i}`, body: null }));
      let statement: PromiseLike<unknown> | undefined;
      // Errors reject: starting it does not throw.
      expect(() => {
        statement = orm.db(ctx).update(notes).set({ title: 'changed' }).where(eq(notes._id, ids[0]!)).execute();
      }).not.toThrow();
      const error = await rejection(statement!);
      return { ...error, title: (await ctx.db.get(ids[0]!))?.title };
    });
    expect(result).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED', table: 'notes', title: 'raw0' });
    expect(result.details).toMatchObject({ budget: 'documentsWritten', limit: 50, used: 50 });
  });

  it('bytes written past the budget: WRITE_BUDGET_EXCEEDED, nothing written', async () => {
    const t = limitedBackend();
    const rows = Array.from({ length: 16 }, () => ({ body: filler(1000 * KiB) }));
    const error = await t.run((ctx) => rejection(orm.db(ctx).insert(blobs).values(rows)));
    expect(error).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED', table: 'blobs' });
    expect(error.details).toMatchObject({ budget: 'bytesWritten' });
    expect(await countOf(t, 'blobs')).toBe(0);
  });
});

describe('statements and queries of after-hooks stay inside the limits (transactionLimits on)', () => {
  // Hook-level operations skip getTransactionMetrics(): what the hooks do is metered already.
  const hooked = (afterInsert: Parameters<typeof defineTriggers<typeof relations>>[1]['folders']) =>
    createOrm({ relations, triggers: defineTriggers(relations, { folders: afterInsert }) });
  /** `ctx` whose getTransactionMetrics() calls are counted. */
  const counted = (ctx: Ctx) => {
    const calls = { count: 0 };
    const meta = {
      getTransactionMetrics: () => {
        calls.count++;
        return (ctx as any).meta.getTransactionMetrics();
      },
    };
    return { ctx: { ...ctx, meta } as Ctx, calls };
  };

  it('raw writes in a hook count: its next statement gets WRITE_BUDGET_EXCEEDED before Convex stops, nothing of it written', async () => {
    const t = limitedBackend({ documentsWritten: 50 });
    const orm = hooked({
      afterInsert: async ({ new: folder }, ctx) => {
        for (let i = 0; i < 40; i++) await ctx.raw.insert('notes', { title: `raw${i}`, body: null });
        await ctx.db
          .insert(files)
          .values(Array.from({ length: 15 }, (_, i) => ({ folderId: folder._id, name: `f${i}` })));
      },
    });
    const error = await t.run(async (ctx) => {
      const result = await rejection(orm.db(ctx).insert(folders).values({ name: 'f' }));
      return { ...result, stored: (await ctx.db.query('files').collect()).length };
    });
    expect(error).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED', table: 'files', stored: 0 });
    expect(error.details).toMatchObject({ budget: 'documentsWritten', limit: 50, used: 41 });
  });

  it('raw reads in a hook count: its next query gets SCAN_BUDGET_EXCEEDED before Convex stops', async () => {
    const t = limitedBackend({ databaseQueries: 50 });
    await authorsWithBooks(t, 10);
    const orm = hooked({
      afterInsert: async (_change, ctx) => {
        const ids = (await ctx.raw.query('authors').take(10)).map((author) => author._id);
        for (let i = 0; i < 44; i++) await ctx.raw.query('authors').first();
        await ctx.db.query.authors.findMany({ where: { _id: { in: ids } } });
      },
    });
    const error = await t.run((ctx) => rejection(orm.db(ctx).insert(folders).values({ name: 'f' })));
    expect(error.code).toBe('SCAN_BUDGET_EXCEEDED');
    expect(error.details).toMatchObject({ budget: 'indexRanges', limit: 50 });
  });

  it("hook statements take the transaction's metrics only once: a small raw write in a hook leaves room on its estimate", async () => {
    const t = limitedBackend();
    const orm = hooked({
      afterInsert: async ({ new: folder }, ctx) => {
        await ctx.db.insert(files).values({ folderId: folder._id, name: 'a' });
        if (folder.name === 'raw') await ctx.raw.insert('notes', { title: 'raw', body: null });
        await ctx.db.query.files.findMany({ where: { folderId: folder._id } });
      },
    });
    const syncs = (name: string) =>
      t.run(async (raw) => {
        const { ctx, calls } = counted(raw);
        await orm.db(ctx).insert(folders).values([{ name }, { name }]);
        return calls.count;
      });
    // The statement itself: a raw insert is reserved at its value's size, an upper bound that leaves
    // the budget room, so the query after it asks nothing (2 more when every raw write synced).
    expect(await syncs('orm')).toBe(1);
    expect(await syncs('raw')).toBe(1);
  });
});

// A nested call's `transactionLimits` (ctx.runQuery / ctx.runMutation) may lower Convex's limits
// below the ORM's defaults, to 0 or below one largest document; convex-test reports such limits
// through getTransactionMetrics as Convex does (`used + remaining`).
describe('lowered Convex limits: 0, and below one largest document (transactionLimits on)', () => {
  it('documentsWritten: 0 refuses a one-row insert typed, naming the limit in force; nothing written', async () => {
    const t = limitedBackend({ documentsWritten: 0 });
    const error = await t.run((ctx) => rejection(orm.db(ctx).insert(notes).values({ title: 'a' })));
    expect(error).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED', table: 'notes' });
    expect(error.details).toMatchObject({ budget: 'documentsWritten', limit: 0, used: 0 });
    expect(error.message).toContain('Convex stops at 0');
    expect(await countOf(t, 'notes')).toBe(0);
  });

  it('bytesRead: 512 KiB reads the documents that fit, and the one Convex refuses fails typed', async () => {
    const t = limitedBackend({ bytesRead: 512 * KiB });
    await t.run(async (ctx) => {
      for (let i = 0; i < 3; i++) await ctx.db.insert('blobs', { body: filler(200 * KiB) });
    });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const two = (await db.query.blobs.findMany({ limit: 2 })).length;
      const error = await rejection(db.query.blobs.findMany());
      return { two, error };
    });
    expect(out.two).toBe(2);
    // Two documents (about 400 KiB) read before: the second query's first one passes 512 KiB, so
    // Convex refuses it; the ORM reports that as its typed error (the metrics show the limit passed).
    expect(out.error).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', table: 'blobs' });
    expect(out.error.details).toMatchObject({ budget: 'bytesRead', limit: 512 * KiB });
    expect(out.error.message).toContain(`Convex stops at ${512 * KiB}`);
  });

  it('bytesRead: 512 KiB: a page reads a document at a time, and one Convex refuses fails typed', async () => {
    const t = limitedBackend({ bytesRead: 512 * KiB });
    await t.run(async (ctx) => {
      for (let i = 0; i < 3; i++) await ctx.db.insert('blobs', { body: filler(200 * KiB) });
    });
    // A page stops one largest document (1 MiB) short of what is left, at least one document in.
    const page = await t.run((ctx) => orm.db(ctx).query.blobs.paginate({ numItems: 10, cursor: null }));
    expect([page.page.length, page.isDone]).toEqual([1, false]);
    const error = await t.run(async (ctx) => {
      await ctx.db.query('blobs').take(2);
      return rejection(orm.db(ctx).query.blobs.paginate({ numItems: 10, cursor: null }));
    });
    expect(error).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'bytesRead', limit: 512 * KiB } });
  });

  it('documentsRead: 1 reads one document by id', async () => {
    const t = limitedBackend({ documentsRead: 1 });
    const id = await t.run((ctx) => ctx.db.insert('notes', { title: 'a', body: null }));
    const row = await t.run((ctx) => orm.db(ctx).query.notes.findFirst({ where: { _id: id } }));
    expect(row?.title).toBe('a');
  });
});
