// A search paged under read rules (function, object, relation and OR rules, with and without
// where), in random page sizes, with the client's maximumRowsRead and split halves, returns exactly
// the rows of the same unpaged findMany, in order; the split halves hold the page they split. Seeded.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules } from '../../src/index';
import { seededRandom } from '../seededRandom';
import { CURSOR_SECRET } from './cursorSecret';
import { relations, schema } from './searchFixture';

describe('search pages under rules: random page sizes, maximumRowsRead and split halves hold what findMany returns', () => {
  it('random search pages under rules equal findMany', async () => {
    const t = convexTest(schema, modules);
    const rnd = seededRandom(3);
    const ids = await t.run(async (ctx) => {
      const ada = await ctx.db.insert('users', { name: 'Ada' });
      const bob = await ctx.db.insert('users', { name: 'Bob' });
      for (let i = 0; i < 40; i++) {
        await ctx.db.insert('posts', {
          title: rnd() < 0.8 ? `intro ${i}` : `other ${i}`,
          status: rnd() < 0.5 ? 'draft' : 'published',
          authorId: rnd() < 0.5 ? ada : bob,
          words: Math.floor(rnd() * 10),
        });
      }
      return { ada, bob };
    });
    const rulesList: [string, any][] = [
      ['fn', () => (r: any) => r.words % 3 !== 0],
      ['author', () => ({ authorId: ids.ada })],
      ['rel', () => ({ author: { name: 'Bob' } })],
      ['or', () => ({ OR: [{ authorId: ids.ada }, { status: 'published' }] })],
    ];
    const wheres: any[] = [{}, { status: 'published' }, { words: { gt: 3 } }, { authorId: ids.bob, status: 'draft' }];
    const problems: unknown[] = [];
    for (const [name, rule] of rulesList) {
      const orm = createOrm({
        relations,
        cursorSecret: CURSOR_SECRET,
        rules: defineRules(relations, () => ({ posts: { read: rule() }, users: { read: {} } })),
      });
      for (const [wi, where] of wheres.entries()) {
        const config = { search: { index: 'search_title', query: 'intro' }, where, columns: { _id: true } } as any;
        const full = await t.run((ctx) => orm.db(ctx).query.posts.findMany(config));
        const want = full.map((r: any) => r._id);
        for (let trial = 0; trial < 3; trial++) {
          const got: string[] = [];
          let cursor: string | null = null;
          for (let guard = 0; guard < 200; guard++) {
            const opts: any = { numItems: 1 + Math.floor(rnd() * 6), cursor };
            if (rnd() < 0.5) opts.maximumRowsRead = 40 + Math.floor(rnd() * 5);
            let page: any;
            try {
              page = await t.run(async (ctx) => orm.db(ctx).query.posts.paginate(opts, config));
            } catch (e) {
              problems.push({ name, wi, err: String(e).slice(0, 200) });
              break;
            }
            if (page.splitCursor && rnd() < 0.5) {
              const a: any = await t.run((ctx) =>
                orm
                  .db(ctx)
                  .query.posts.paginate({ numItems: opts.numItems, cursor, endCursor: page.splitCursor }, config),
              );
              const b: any = await t.run((ctx) =>
                orm
                  .db(ctx)
                  .query.posts.paginate(
                    { numItems: opts.numItems, cursor: page.splitCursor, endCursor: page.continueCursor },
                    config,
                  ),
              );
              const halves = [...a.page, ...b.page].map((r: any) => r._id);
              if (JSON.stringify(halves) !== JSON.stringify(page.page.map((r: any) => r._id)))
                problems.push({ name, wi, halves, page: page.page });
            }
            got.push(...page.page.map((r: any) => r._id));
            cursor = page.continueCursor;
            if (page.isDone) break;
          }
          if (JSON.stringify(got) !== JSON.stringify(want))
            problems.push({ name, wi, trial, got: got.length, want: want.length });
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120000);
});
