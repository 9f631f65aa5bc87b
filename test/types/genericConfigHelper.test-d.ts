import type { PaginationOptions } from 'convex/server';
import type { FindFirstConfig, FindManyConfig, PaginateConfig } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import type { relations } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);
type Schema = typeof relations;

// A documented limitation (docs/queries.md, "Configs in helpers"; docs/divergences.md). A helper
// generic over a query config, the way Drizzle v1 users may write it:
//   async function run<C extends DBQueryConfig<'many', Schema, Schema['posts']>>(c: C) {
//     return db.query.posts.findMany(c);
//   }
// compiles in Drizzle v1 rc.5. Here the same helper over FindManyConfig fails with TS2345: the
// exact-keys check (Exact<T, U> = T & KnownKeysOnly<T, U>, which makes unknown keys anywhere in a
// config an error on TypeScript 7 and 5.x) stays deferred while T is a type parameter. Accepting the
// generic helper was tried three ways and each lost negative checks on unknown keys, or on 5.x. These
// tests pin the limitation and the way around it: a config typed by its constraint, not generic.
describe('a helper generic over a query config', () => {
  it('does not type-check (findMany, findFirst, paginate)', () => {
    async function run<C extends FindManyConfig<Schema, Schema['posts'], never>>(config: C) {
      // @ts-expect-error a type parameter cannot pass the exact-keys check
      return db.query.posts.findMany(config);
    }
    async function first<C extends FindFirstConfig<Schema, Schema['users'], never>>(config: C) {
      // @ts-expect-error a type parameter cannot pass the exact-keys check
      return db.query.users.findFirst(config);
    }
    async function page<C extends PaginateConfig<Schema, Schema['posts'], never>>(opts: PaginationOptions, config: C) {
      // @ts-expect-error a type parameter cannot pass the exact-keys check
      return db.query.posts.paginate(opts, config);
    }
    expectTypeOf(run).toBeFunction();
    expectTypeOf(first).toBeFunction();
    expectTypeOf(page).toBeFunction();
  });

  it('type-checks with the config typed by its constraint (the result is the wide row)', async () => {
    async function run(config: FindManyConfig<Schema, Schema['posts'], never>) {
      return db.query.posts.findMany(config);
    }
    const rows = await run({ columns: { title: true }, where: { title: 'Intro' } });
    expectTypeOf(rows).toBeArray();
  });
});
