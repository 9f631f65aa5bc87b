import type { GenericDatabaseReaderWithTable } from 'convex/server';
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
