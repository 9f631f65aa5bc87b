import type { PaginationOptions } from 'convex/server';
import type { FindFirstConfig, FindManyConfig, PaginateConfig } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import type { relations } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);
type Schema = typeof relations;

// A helper generic over a query config, the way Drizzle v1 users write it:
//   async function run<C extends DBQueryConfig<'many', Schema, Schema['posts']>>(c: C) {
//     return db.query.posts.findMany(c);
//   }
// compiles in Drizzle v1 rc.5 (findMany(config?: KnownKeysOnly<TConfig, ...>), checked here against
// test/differential/fixture/drizzle.ts). Here the same helper over FindManyConfig fails with TS2345
// "Argument of type 'C' is not assignable to parameter of type 'Exact<C, FindManyConfig<...>>'":
// Exact<T, U> = T & KnownKeysOnly<T, U> maps T through nested conditionals (KnownWith, KnownKeysDeep)
// that stay deferred while T is a type parameter, so no C is assignable to it. The same helper with a
// config annotated FindManyConfig<Schema, Schema['posts'], never> (not generic) compiles.
describe('a helper generic over a query config type-checks', () => {
  it('findMany', async () => {
    async function run<C extends FindManyConfig<Schema, Schema['posts'], never>>(config: C) {
      return db.query.posts.findMany(config);
    }
    const rows = await run({ columns: { title: true }, where: { title: 'Intro' } });
    expectTypeOf(rows).toEqualTypeOf<{ title: string }[]>();
  });

  it('findFirst', async () => {
    async function first<C extends FindFirstConfig<Schema, Schema['users'], never>>(config: C) {
      return db.query.users.findFirst(config);
    }
    const row = await first({ columns: { email: true } });
    expectTypeOf(row).toEqualTypeOf<{ email: string } | null>();
  });

  it('paginate', async () => {
    async function page<C extends PaginateConfig<Schema, Schema['posts'], never>>(opts: PaginationOptions, config: C) {
      return db.query.posts.paginate(opts, config);
    }
    const result = await page({ numItems: 10, cursor: null }, { columns: { title: true } });
    expectTypeOf(result.page).toEqualTypeOf<{ title: string }[]>();
  });
});
