import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { seeded } from './seed';

// A `with` load through a junction whose window holds no rows (`limit: 0`, say a prepared
// limit of 0) reads nothing, as a direct relation's empty plan does and hand-written code would.
describe('a through relation with limit 0 reads nothing', () => {
  it.each([
    ['without orderBy', { limit: 0 }],
    ['with orderBy', { limit: 0, orderBy: { name: 'asc' } }],
  ] as const)('%s: only the 5 users are read (1 range), as with a direct relation', async (_name, groups) => {
    const { t } = await seeded();
    const out = await t.run(async (raw) => {
      const direct = countReads(raw);
      const directRows = await orm
        .db(direct.ctx)
        .query.users.findMany({ columns: { name: true }, with: { posts: { limit: 0 } } });
      const through = countReads(raw);
      const throughRows = await orm.db(through.ctx).query.users.findMany({ columns: { name: true }, with: { groups } });
      return { directRows, throughRows, directReads: { ...direct.reads }, throughReads: { ...through.reads } };
    });
    expect(out.directRows.map((user) => user.posts)).toEqual([[], [], [], [], []]);
    expect(out.directReads).toEqual({ documents: 5, ranges: 1 });
    expect(out.throughRows.map((user) => user.groups)).toEqual([[], [], [], [], []]);
    expect(out.throughReads).toEqual({ documents: 5, ranges: 1 });
  });
});
