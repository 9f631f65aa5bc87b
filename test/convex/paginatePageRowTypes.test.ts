// Claim check (review of the public types; no bug found). docs/queries.md: `paginate` returns
// Convex's PaginationResult, and orm.query's prepared paginate has "the same configs and result
// types" as db.query's. No existing test pins a page row's *type* against the row the runtime
// returns for a config mixing `columns: {}`, `_count`, `extras` and a `one` relation given an
// `offset` (typed `| null` even with optional: false, docs/queries.md "Relations"). This file pins
// both: the type (checked by tsc, `expectTypeOf`) and the runtime rows (`toEqual`), unprepared and
// prepared.
import type { GenericId } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { posts, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { placeholder } from '../../src/index';

type PageRow = {
  title: string;
  author: { name: string; _count: { posts: number } } | null;
  initial: string;
};

const prepared = orm.query.posts
  .paginate({
    columns: { title: true },
    where: { authorId: placeholder('author') },
    with: { author: { columns: { name: true }, _count: { posts: true }, offset: placeholder('skip') } },
    extras: { initial: (post) => post.title.slice(0, 1) },
  })
  .prepare('pageRows');

describe('paginate page rows: type and runtime agree', () => {
  it('unprepared and prepared', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const [ada] = await db.insert(users).values({ name: 'Ada', email: 'a@x' }).returning({ id: users._id });
      const author = ada!.id;
      await db.insert(posts).values([
        { title: 'alpha', authorId: author },
        { title: 'beta', authorId: author },
      ]);

      const page = await db.query.posts.paginate(
        { numItems: 5, cursor: null },
        {
          columns: { title: true },
          with: { author: { columns: { name: true }, _count: { posts: true }, offset: 0 } },
          extras: { initial: (post) => post.title.slice(0, 1) },
        },
      );
      expectTypeOf(page.page).toEqualTypeOf<PageRow[]>();
      expectTypeOf(page.isDone).toEqualTypeOf<boolean>();
      expect(page.page).toEqual([
        { title: 'alpha', initial: 'a', author: { name: 'Ada', _count: { posts: 2 } } },
        { title: 'beta', initial: 'b', author: { name: 'Ada', _count: { posts: 2 } } },
      ]);

      // Past the one match the `one` load is null: the type says so.
      expectTypeOf(prepared.execute).parameter(2).toEqualTypeOf<{ author: GenericId<'users'>; skip: number }>();
      const skipped = await prepared.execute(ctx, { numItems: 5, cursor: null }, { author, skip: 1 });
      expectTypeOf(skipped.page).toEqualTypeOf<PageRow[]>();
      expect(skipped.page).toEqual([
        { title: 'alpha', initial: 'a', author: null },
        { title: 'beta', initial: 'b', author: null },
      ]);
    });
  });
});
