import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules } from '../../src/index';
import { relations, schema } from './searchFixture';

async function seeded() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const ada = await ctx.db.insert('users', { name: 'Ada' });
    const bob = await ctx.db.insert('users', { name: 'Bob' });
    const out: string[] = [];
    for (let i = 0; i < 20; i++)
      out.push(
        await ctx.db.insert('posts', {
          title: `intro ${i}`,
          status: i % 2 ? 'draft' : 'published',
          authorId: i % 3 ? ada : bob,
          words: i,
        }),
      );
    return { ada, bob, posts: out };
  });
  return { t, ids };
}

// Search results and an `_id: { in }` load (the vector search row loader) under read rules:
// limit and offset count visible rows, ids keep their given order.
describe('search and id-list loads under read rules', () => {
  it('limit and offset count visible rows', async () => {
    const { t, ids } = await seeded();
    const rulesList: [string, (ids: any) => unknown, (r: any, ids: any) => boolean][] = [
      ['status', () => ({ status: 'published' }), (r) => r.status === 'published'],
      ['author', (i) => ({ authorId: i.ada }), (r, i) => r.authorId === i.ada],
      ['fn', () => (r: any) => r.words % 4 === 0, (r) => r.words % 4 === 0],
      ['rel', () => ({ author: { name: 'Bob' } }), (r, i) => r.authorId === i.bob],
      [
        'authorIn',
        (i) => ({ authorId: { in: [i.ada] }, status: 'draft' }),
        (r, i) => r.authorId === i.ada && r.status === 'draft',
      ],
    ];
    const all = await t.run((ctx) => ctx.db.query('posts').collect());
    const problems: unknown[] = [];
    for (const [name, rule, js] of rulesList) {
      const orm = createOrm({
        relations,
        rules: defineRules(relations, () => ({ posts: { read: rule(ids) as never }, users: { read: {} } })),
      });
      const vis = all.filter((r) => js(r, ids));
      const got = await t.run(async (ctx) => {
        const db = orm.db(ctx);
        const s = { index: 'search_title', query: 'intro' } as const;
        const r: any = {};
        const safe = async (k: string, p: PromiseLike<any>) => {
          try {
            r[k] = await p;
          } catch (e) {
            r[k] = String(e);
          }
        };
        await safe('lim3', db.query.posts.findMany({ search: s, limit: 3 }));
        await safe('lim3off2', db.query.posts.findMany({ search: s, limit: 3, offset: 2 }));
        await safe('whereBob', db.query.posts.findMany({ search: s, where: { authorId: ids.bob as never }, limit: 3 }));
        await safe(
          'whereAda',
          db.query.posts.findMany({ search: s, where: { authorId: { in: [ids.ada, ids.bob] as never } }, limit: 30 }),
        );
        await safe('first', db.query.posts.findFirst({ search: s, where: { status: 'draft' } }));
        await safe('ids', db.query.posts.findMany({ where: { _id: { in: ids.posts as never } }, limit: 4 }));
        await safe(
          'idsOff',
          db.query.posts.findMany({ where: { _id: { in: ids.posts as never } }, limit: 4, offset: 3 }),
        );
        await safe(
          'idsRev',
          db.query.posts.findMany({ where: { _id: { in: [...ids.posts].reverse() as never } }, limit: 4 }),
        );
        await safe('count', db.query.posts.count({ where: { _id: { in: ids.posts as never } } }));
        return r;
      });
      const inOrder = (list: string[]) => list.map((id) => vis.find((v) => v._id === id)).filter(Boolean);
      const exp: any = {
        lim3: Math.min(3, vis.length),
        lim3off2: Math.max(0, Math.min(3, vis.length - 2)),
        whereBob: Math.min(3, vis.filter((v) => v.authorId === ids.bob).length),
        whereAda: vis.length,
        first: vis.some((v) => v.status === 'draft'),
        ids: inOrder(ids.posts)
          .slice(0, 4)
          .map((r: any) => r._id),
        idsOff: inOrder(ids.posts)
          .slice(3, 7)
          .map((r: any) => r._id),
        idsRev: inOrder([...ids.posts].reverse())
          .slice(0, 4)
          .map((r: any) => r._id),
        count: vis.length,
      };
      const p: string[] = [];
      for (const k of ['lim3', 'lim3off2', 'whereBob', 'whereAda']) {
        if (!Array.isArray(got[k]) || got[k].length !== exp[k] || got[k].some((r: any) => !js(r, ids)))
          p.push(`${k}: ${JSON.stringify(got[k]).slice(0, 200)} exp len ${exp[k]}`);
      }
      if (
        (got.first !== undefined && got.first !== null && js(got.first, ids) && got.first.status === 'draft') !==
        exp.first
      )
        p.push(`first ${JSON.stringify(got.first)}`);
      for (const k of ['ids', 'idsOff', 'idsRev'])
        if (!Array.isArray(got[k]) || JSON.stringify(got[k].map((r: any) => r._id)) !== JSON.stringify(exp[k]))
          p.push(`${k}: ${JSON.stringify(got[k]?.map?.((r: any) => r._id) ?? got[k])} exp ${JSON.stringify(exp[k])}`);
      if (got.count !== exp.count) p.push(`count ${got.count} vs ${exp.count}`);
      problems.push([name, p]);
    }
    expect(problems.filter((entry) => (entry as [string, string[]])[1].length > 0)).toEqual([]);
  });
});
