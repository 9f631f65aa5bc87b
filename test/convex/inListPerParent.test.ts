import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { seeded } from './seed';

// An `in` list in a nested where or a relation filter plans one range per value for every parent:
// the loads weigh that when they choose between per-key reads and one read over the keys' span,
// so 200 values under 45 parents stay far below the 4,000 index ranges of the default budget.
async function withManyUsers() {
  const { t, ids } = await seeded();
  await t.run(async (ctx) => {
    for (let i = 0; i < 40; i++) {
      await ctx.db.insert('users', { name: `U${i}`, email: `u${i}@x.dev`, role: 'member', verified: false });
    }
  });
  return { t, ids };
}
// Two of the seeded posts' publishedAt (100: "Intro to Convex" by Ada, 300: "Bob 2"), and 198 others.
const times = [100, 300, ...Array.from({ length: 198 }, (_, i) => 1_700_000_000_000 + i)];

describe('in lists under many parents', () => {
  it('a nested with: the posts of every user, read over the span', async () => {
    const { t } = await withManyUsers();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.users.findMany({
        columns: { name: true },
        with: { posts: { columns: { title: true }, where: { publishedAt: { in: times } } } },
      });
      return { rows, reads: { ...reads } };
    });
    const withPosts = out.rows.filter((row) => row.posts.length > 0);
    expect(withPosts).toEqual([
      { name: 'Ada', posts: [{ title: 'Intro to Convex' }] },
      { name: 'Bob', posts: [{ title: 'Bob 2' }] },
    ]);
    expect(out.rows).toHaveLength(45);
    expect(out.reads.ranges).toBeLessThan(100);
  });

  it('a relation filter: the users with such a post', async () => {
    const { t } = await withManyUsers();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.users.findMany({
        columns: { name: true },
        where: { posts: { publishedAt: { in: times } } },
      });
      return { names: rows.map((row) => row.name), reads: { ...reads } };
    });
    expect(out.names).toEqual(['Ada', 'Bob']);
    expect(out.reads.ranges).toBeLessThan(2_000);
  });

  it('a list past the 4,000 ranges of the default budget stays residual instead of failing', async () => {
    const { t, ids } = await seeded();
    const values = [ids.users.ada, ...Array.from({ length: 4_049 }, (_, i) => `missing-${i}`)];
    const out = await t.run(async (ctx) => {
      const query = orm
        .db(ctx)
        .query.posts.findMany({ where: { authorId: { in: values as never } }, columns: { title: true } });
      return { unusedIndex: query.explain().unusedIndex, titles: (await query).map((row) => row.title).sort() };
    });
    expect(out.titles).toEqual(['Draft', 'Indexes', 'Intro to Convex']);
    expect(out.unusedIndex).toMatch(/4050 ranges/);
  });
});
