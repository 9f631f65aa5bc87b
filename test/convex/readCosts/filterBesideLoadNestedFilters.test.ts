// Only the root's own relation filter beside the load reads every match (src/query/filterBesideLoad.ts
// wholeReadFor, keyed by its node): relation filters of the same relation and where at other levels
// or polarities read up to the first match. With a self relation, a nested `with: { reports: { where:
// { NOT: { posts: live } } } }` or a `_count: { reports: { where: { posts: live } } }` probes the
// reports' posts, which no load takes: a boss (1 post) with 6 reports of 5 posts each reads 15
// documents (boss, its post, 6 reports, the first post of each), not 38. Found by review.
import { describe, expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { backend, orm } from './reportsFixture';

async function counted<T>(raw: any, body: (ctx: any) => Promise<T>) {
  const { ctx, reads } = countReads(raw);
  const result = await body(ctx);
  return { result, reads: { ...reads } };
}

const live = { status: 'live' } as const;
// Equal rows through the same index, not `sameFilter` as `live`: the optimization off.
const liveToo = { status: 'live', title: { ne: '' } } as const;

describe('nested relation filters of the relation a root filter reads whole', () => {
  it('read up to the first match, as before: the reports are not loaded with their posts', async () => {
    const t = backend();
    await t.run(async (raw: any) => {
      const boss = await raw.db.insert('users', {
        name: 'boss',
        managerId: null,
      });
      await raw.db.insert('posts', {
        title: 'b',
        authorId: boss,
        status: 'live',
      });
      for (let i = 0; i < 6; i++) {
        const u = await raw.db.insert('users', {
          name: `r${i}`,
          managerId: boss,
        });
        for (let j = 0; j < 5; j++)
          await raw.db.insert('posts', {
            title: `p${i}${j}`,
            authorId: u,
            status: 'live',
          });
      }
    });
    const out = await t.run(async (raw: any) => {
      const nested = (load: object) =>
        counted(raw, (ctx) =>
          orm.db(ctx).query.users.findMany({
            where: { name: 'boss', posts: live },
            with: {
              posts: { where: load },
              reports: { where: { NOT: { posts: live } } },
            },
          } as any),
        );
      const count = (load: object) =>
        counted(raw, (ctx) =>
          orm.db(ctx).query.users.findMany({
            where: { name: 'boss', posts: live },
            with: { posts: { where: load } },
            _count: { reports: { where: { posts: live } } },
          } as any),
        );
      return {
        nested: await nested(live),
        nestedBefore: await nested(liveToo),
        count: await count(live),
        countBefore: await count(liveToo),
      };
    });
    expect(out.nested.result).toEqual(out.nestedBefore.result);
    expect((out.nested.result as any[])[0].reports).toEqual([]);
    expect((out.count.result as any[])[0]._count).toEqual({ reports: 6 });
    expect(out.nestedBefore.reads.documents).toBe(15);
    // Today 38: each report's 5 posts read whole.
    expect(out.nested.reads.documents).toBeLessThanOrEqual(out.nestedBefore.reads.documents);
    expect(out.count.reads.documents).toBeLessThanOrEqual(out.countBefore.reads.documents);
  });
});
