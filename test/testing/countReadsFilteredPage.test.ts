import type { GenericDatabaseReader } from 'convex/server';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../example/convex/_generated/dataModel';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

describe('countReads does not change what a filtered page holds', () => {
  // Convex applies .filter() inside the query, so .filter(...).paginate({ numItems }) scans until it has
  // numItems matching documents. The wrapper must hand Convex the filter: a page filtered after
  // reading numItems documents held fewer. What the filter passed over is not counted (Convex
  // reports no count of it; docs/queries.md, Testing read costs).
  it('.filter().paginate() gives the same page with and without countReads, counting the page', async () => {
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
    // u1 and u3 in one range; u0 and u2, which the filter passed over, go uncounted.
    expect(counted).toEqual({ page: ['u1', 'u3'], reads: { documents: 2, ranges: 1 } });
  });
});
