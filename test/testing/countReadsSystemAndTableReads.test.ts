import type { GenericDatabaseReader, GenericDatabaseReaderWithTable } from 'convex/server';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../example/convex/_generated/dataModel';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// docs/queries.md#testing-read-costs: countReads "wraps ctx.db" and counts "every document handed over
// or scanned" and "db.get calls plus index ranges opened". Convex counts reads of system tables
// (ctx.db.system) and of the table-scoped API (ctx.db.table(name)) against the same limits, and
// they are part of ctx.db's public API, so a read-cost test of code that uses them must see them.

describe('countReads counts every read through ctx.db', () => {
  it('db.system.get and db.system.query (the _storage and _scheduled_functions tables)', async () => {
    const t = convexTest(schema, modules);
    const reads = await t.run(async (raw) => {
      const storageId = await raw.storage.store(new Blob(['hello']));
      const { ctx, reads } = countReads(raw);
      expect(await ctx.db.system.get(storageId)).not.toBeNull();
      const afterGet = { ...reads };
      expect(await ctx.db.system.query('_storage').collect()).toHaveLength(1);
      return { afterGet, afterQuery: { ...reads } };
    });
    expect(reads).toEqual({ afterGet: { documents: 1, ranges: 1 }, afterQuery: { documents: 2, ranges: 2 } });
  });

  it('db.table(name).get and db.table(name).query()', async () => {
    const t = convexTest(schema, modules);
    const reads = await t.run(async (raw) => {
      const id = await raw.db.insert('users', { name: 'Ada', email: 'ada@x', role: 'member', verified: false });
      await raw.db.insert('users', { name: 'Bo', email: 'bo@x', role: 'member', verified: false });
      const { ctx, reads } = countReads(raw);
      // Convex's table-scoped API (convex-test's ctx.db has it; the generated types name it separately).
      const db = ctx.db as unknown as GenericDatabaseReaderWithTable<DataModel>;
      expect((await db.table('users').get(id))?.name).toBe('Ada');
      const afterGet = { ...reads };
      expect(await db.table('users').query().collect()).toHaveLength(2);
      return { afterGet, afterQuery: { ...reads } };
    });
    expect(reads).toEqual({ afterGet: { documents: 1, ranges: 1 }, afterQuery: { documents: 3, ranges: 2 } });
  });
});

describe('countReads does not change what a filtered page holds', () => {
  // Convex applies .filter() inside the query, so .filter(...).paginate({ numItems }) scans until it has
  // numItems matching documents (every scanned one counted). The wrapper drops the filter from the
  // query it runs, paginates numItems unfiltered documents and filters the page afterwards: the page
  // holds fewer items under countReads than without it, and the scan it reports is shorter.
  it('.filter().paginate() gives the same page with and without countReads, counting every scanned document', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 6; i++) {
        await ctx.db.insert('users', {
          name: `u${i}`,
          email: `u${i}@x`,
          role: i % 2 === 1 ? 'admin' : 'member',
          verified: false,
        });
      }
    });
    const admins = (db: GenericDatabaseReader<DataModel>) =>
      db
        .query('users')
        .filter((q) => q.eq(q.field('role'), 'admin'))
        .paginate({ numItems: 2, cursor: null });
    const plain = await t.run(async (raw) => (await admins(raw.db)).page.map((user) => user.name));
    const counted = await t.run(async (raw) => {
      const { ctx: wrapped, reads } = countReads(raw);
      const page = (await admins(wrapped.db)).page.map((user) => user.name);
      return { page, reads: { ...reads } };
    });
    expect(plain).toEqual(['u1', 'u3']);
    // u0 (rejected), u1, u2 (rejected), u3: four documents scanned in one range.
    expect(counted).toEqual({ page: ['u1', 'u3'], reads: { documents: 4, ranges: 1 } });
  });
});
