import { describe, expect, it } from 'vitest';
import { orm, ruled, seeded } from './relationShapesFixture';

// 147f727: a _count beside a with load of the same relation reading every match is the load's row count.
// It must equal what _count alone returns.
const counts = (rows: any[], rel: string) => rows.map((row) => [row.name ?? row.title, row._count[rel]]);

describe('_count taken from a with load = _count alone', () => {
  for (const [label, o] of [
    ['no rules', orm],
    ['rules on posts', ruled],
  ] as const) {
    for (const withDeleted of [false, true]) {
      it(`${label}, withDeleted ${withDeleted}: users.posts with columns/orderBy/nested with/extras; posts.tags (duplicate links)`, async () => {
        const t = await seeded();
        const out = await t.run(async (raw: any) => {
          const db = o.db(raw);
          const alone = await db.query.users.findMany({
            withDeleted,
            orderBy: { name: 'asc' },
            _count: { posts: true },
          } as any);
          const beside = await db.query.users.findMany({
            withDeleted,
            orderBy: { name: 'asc' },
            with: {
              posts: {
                columns: { title: true },
                orderBy: { views: 'desc' },
                extras: { up: (r: any) => r.title.toUpperCase() },
                with: { tags: true, author: true },
              },
            },
            _count: { posts: true },
          } as any);
          const whereAlone = await db.query.users.findMany({
            withDeleted,
            orderBy: { name: 'asc' },
            _count: { posts: { where: { status: 'live', views: { gt: 0 } } } },
          } as any);
          const whereBeside = await db.query.users.findMany({
            withDeleted,
            orderBy: { name: 'asc' },
            with: { posts: { where: { views: { gt: 0 }, status: 'live' } } },
            _count: { posts: { where: { status: 'live', views: { gt: 0 } } } },
          } as any);
          const tagsAlone = await db.query.posts.findMany({
            withDeleted,
            orderBy: { title: 'asc' },
            _count: { tags: true },
          } as any);
          const tagsBeside = await db.query.posts.findMany({
            withDeleted,
            orderBy: { title: 'asc' },
            with: { tags: { columns: { name: true } } },
            _count: { tags: true },
          } as any);
          const nestedAlone = await db.query.users.findMany({
            withDeleted,
            orderBy: { name: 'asc' },
            with: { posts: { orderBy: { title: 'asc' }, _count: { tags: true } } },
          } as any);
          const nestedBeside = await db.query.users.findMany({
            withDeleted,
            orderBy: { name: 'asc' },
            with: { posts: { orderBy: { title: 'asc' }, with: { tags: true }, _count: { tags: true } } },
          } as any);
          const page = await db.query.users.paginate({ numItems: 3, cursor: null }, {
            withDeleted,
            with: { posts: true },
            _count: { posts: true },
          } as any);
          const pageAlone = await db.query.users.paginate({ numItems: 3, cursor: null }, {
            withDeleted,
            _count: { posts: true },
          } as any);
          return {
            alone,
            beside,
            whereAlone,
            whereBeside,
            tagsAlone,
            tagsBeside,
            nestedAlone,
            nestedBeside,
            page,
            pageAlone,
          };
        });
        expect(counts(out.beside, 'posts')).toEqual(counts(out.alone, 'posts'));
        for (const row of out.beside as any[]) expect(row._count.posts).toBe(row.posts.length);
        expect(counts(out.whereBeside, 'posts')).toEqual(counts(out.whereAlone, 'posts'));
        expect(counts(out.tagsBeside, 'tags')).toEqual(counts(out.tagsAlone, 'tags'));
        const nested = (rows: any[]) => rows.map((u) => u.posts.map((p: any) => [p.title, p._count.tags]));
        expect(nested(out.nestedBeside)).toEqual(nested(out.nestedAlone));
        expect(counts(out.page.page, 'posts')).toEqual(counts(out.pageAlone.page, 'posts'));
      });
    }
  }
});
