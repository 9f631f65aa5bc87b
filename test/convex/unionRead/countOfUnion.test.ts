import { describe, expect, it } from 'vitest';
import { createOrm } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { backend, relations, rules } from './postsFixture';

// count() plans its scan unpinned (aggregateGroups.ts planQuery): an OR across fields is read as a
// union there too, each row once; `_count` with an OR where stays in its key's index. Both agree
// with the rows findMany / a with load gives, under a rule on the counted table.
const orm = createOrm({ relations, rules });

describe('count and _count of an OR across fields', () => {
  it('agree with the rows, the count reading the union', async () => {
    const t = backend();
    await t.run(async (ctx: any) => {
      for (let u = 0; u < 6; u++) {
        const authorId = await ctx.db.insert('users', { name: `u${u}` });
        for (let i = 0; i < 10; i++)
          await ctx.db.insert('posts', { authorId, slug: `s${i}`, flagged: (u + i) % 4 === 0, visible: i % 3 !== 0 });
      }
    });
    const where = { OR: [{ slug: 's1' }, { flagged: true }, { slug: 's4' }] } as const;
    const out = await t.run(async (raw: any) => {
      const db = orm.db(raw);
      const c = countReads(raw);
      const count = await orm.db(c.ctx).query.posts.count({ where });
      const rows = await db.query.posts.findMany({ where });
      const users = await db.query.users.findMany({
        with: { posts: { where } },
        extras: {},
        _count: { posts: { where } },
      } as any);
      const explained = await db.query.posts.count({ where }).explain();
      return {
        count,
        rows: rows.length,
        reads: { ...c.reads },
        perUser: users.map((u: any) => [u.posts.length, u._count?.posts]),
        explained,
      };
    });
    expect(out.count).toBe(out.rows);
    expect(out.perUser.every(([a, b]: number[]) => a === b)).toBe(true);
    expect(out.explained).toMatchObject({ read: 'union' });
    // Three branch ranges, each matching post read once per branch reaching it.
    expect(out.reads.ranges).toBe(3);
  });
});
