import type { InferSelectModel } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import type { posts, users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
declare const flag: boolean;
const db = orm.db(ctx);
type Post = InferSelectModel<typeof posts>;
type User = InferSelectModel<typeof users>;

// Run time (parseWith): `false` is skipped, so with flag === false the row has no `posts` key at all
// (seeded example: [{ name: 'Ada' }]). `columns` drops non-literal booleans and `_count` makes them
// optional; `with` types the relation as always present, so `row.posts.length` compiles and throws.
describe('with: a relation given a boolean flag may be absent', () => {
  it('many relation: optional', async () => {
    const rows = await db.query.users.findMany({ columns: { name: true }, with: { posts: flag } });
    expectTypeOf(rows).toEqualTypeOf<{ name: string; posts?: Post[] }[]>();
  });

  it('one relation: optional', async () => {
    const row = await db.query.posts.findFirstOrThrow({ columns: { title: true }, with: { author: flag } });
    expectTypeOf(row).toEqualTypeOf<{ title: string; author?: User }>();
  });
});
