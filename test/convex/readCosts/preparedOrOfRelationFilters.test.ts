import { describe, expect, it } from 'vitest';
import { placeholder } from '../../../src/index';
import { names, orm, ruledUsers, seeded } from './relationShapesFixture';

// The filter tree merges OR branches of relation filters at parse; a prepared query parses its where per
// execution with the values: the merged tree must answer as the unprepared query with the same values,
// values that make a branch FALSE (a null comparison) included; _count beside with with placeholders too.
describe('prepared OR of relation filters and _count beside with', () => {
  for (const [label, o] of [
    ['no rules', orm],
    ['rules', ruledUsers],
  ] as const) {
    it(label, async () => {
      const t = await seeded();
      const config = (s: unknown, v: unknown) => ({
        orderBy: { name: 'asc' },
        where: { OR: [{ posts: { status: { eq: s } } }, { posts: { views: { gt: v } } }] },
        with: { posts: { where: { OR: [{ status: { eq: s } }, { views: { gt: v } }] } } },
        _count: { posts: { where: { OR: [{ status: { eq: s } }, { views: { gt: v } }] } } },
      });
      const prepared = o.query.users.findMany(config(placeholder('s'), placeholder('v')) as any).prepare();
      const out = await t.run(async (raw: any) => {
        const results = [];
        for (const [s, v] of [
          ['draft', 4],
          ['live', 100],
          [null, 2],
          ['nothing', 7],
        ] as const) {
          const p = await prepared.execute(raw, { s, v } as any);
          const plain = await o.db(raw).query.users.findMany(config(s, v) as any);
          results.push({ p, plain });
        }
        return results;
      });
      for (const { p, plain } of out) {
        expect(names(p)).toEqual(names(plain));
        expect((p as any[]).map((u) => [u.name, u._count.posts, u.posts.length])).toEqual(
          (plain as any[]).map((u) => [u.name, u._count.posts, u.posts.length]),
        );
        for (const u of p as any[]) expect(u._count.posts).toBe(u.posts.length);
      }
    });
  }
});
