import { createOrm } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { relations } from '../../example/convex/schema';
import { seeded } from './seed';

// 8 index ranges: the users read takes one, and 5 parent keys are more than half the 7 left,
// so `with: { posts }` reads one range over the authors' span instead of one per author.
const tight = createOrm({ relations, transactionBudget: { indexRanges: 8 } });

/** Nested orders and windows whose ties (equal `publishedAt`, equal `title`) the index order breaks. */
const nested = {
  'publishedAt desc, limit 1': { orderBy: { publishedAt: 'desc' }, limit: 1 },
  'publishedAt asc, limit 2': { orderBy: { publishedAt: 'asc' }, limit: 2 },
  'title asc (sorted in memory), offset 1': { orderBy: { title: 'asc' }, offset: 1 },
  'title desc (sorted in memory)': { orderBy: { title: 'desc' } },
  'no order, limit 2': { limit: 2 },
  '_creationTime desc': { orderBy: { _creationTime: 'desc' } },
} as const;

describe('a with-load over the key span returns what the per-key reads return', () => {
  it.each(Object.entries(nested))('%s: the same rows in the same order, ties included', async (_name, posts) => {
    const { t, ids } = await seeded();
    const out = await t.run(async (raw) => {
      // Bob's third post at 300 and two more at 300 and 150; two of Ada's posts titled alike.
      await raw.db.insert('posts', { title: 'Bob tie A', authorId: ids.users.bob, publishedAt: 300 });
      await raw.db.insert('posts', { title: 'Bob tie B', authorId: ids.users.bob, publishedAt: 150 });
      await raw.db.insert('posts', { title: 'Same', authorId: ids.users.ada, publishedAt: 100 });
      await raw.db.insert('posts', { title: 'Same', authorId: ids.users.ada, publishedAt: 100 });
      const config = {
        columns: { name: true },
        orderBy: { _creationTime: 'asc' },
        with: { posts: { columns: { _id: true, title: true, publishedAt: true }, ...posts } },
      } as const;
      const perKey = countReads(raw);
      const byKey = await orm.db(perKey.ctx).query.users.findMany(config);
      const span = countReads(raw);
      const query = tight.db(span.ctx).query.users.findMany(config);
      const bySpan = await query;
      return {
        byKey,
        bySpan,
        load: query.explain().with?.posts?.load,
        ranges: [perKey.reads.ranges, span.reads.ranges],
      };
    });
    expect(out.bySpan).toEqual(out.byKey);
    // The two paths ran: one range per author (and the users read), then users and one span.
    expect(out.ranges).toEqual([6, 2]);
    expect(out.load).toMatch(/one range over the key span/);
  });
});
