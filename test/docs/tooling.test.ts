import type { ApiFromModules, FunctionArgs, FunctionReturnType } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { examplePaths, guide, missingBlocks, tsBlocks } from './guideBlocks';
import type * as tooling from './tooling';

type Api = ApiFromModules<{ tooling: typeof tooling }>['tooling'];

describe('docs/tooling.md', () => {
  it('shows the type-checked tooling.ts', () => {
    expect(tsBlocks(guide('tooling'))).toHaveLength(1);
    expect(missingBlocks('tooling', ['tooling.ts'], examplePaths)).toEqual([]);
  });

  it('types the functions as the comments say', () => {
    expectTypeOf<FunctionArgs<Api['createUser']>>().toEqualTypeOf<Omit<typeof users.$inferInsert, 'invitedBy'>>();
    expectTypeOf<FunctionReturnType<Api['createUser']>>().toEqualTypeOf<typeof users.$inferSelect>();
    expectTypeOf<FunctionArgs<Api['updateUser']>['set']>().toEqualTypeOf<Partial<typeof users.$inferInsert>>();
    type Row = { name: string; posts: { title: string }[] };
    expectTypeOf<FunctionReturnType<Api['userWithPosts']>>().toEqualTypeOf<Row | null>();
  });

  it('returns what the validators take', async () => {
    const t = convexTest(schema, modules);
    const found = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const [ada] = await db.insert(users).values({ name: 'Ada', email: 'ada@x' }).returning();
      return db.query.users.findFirst({
        where: { _id: ada!._id },
        columns: { name: true },
        with: { posts: { columns: { title: true } } },
      });
    });
    expect(found).toEqual({ name: 'Ada', posts: [] });
  });
});
