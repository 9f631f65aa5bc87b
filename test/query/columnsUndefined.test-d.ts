/**
 * `columns: undefined` selects every column, at every level and in every read (findMany,
 * findFirst, paginate, a nested `with`), as no `columns` does at run time (parseColumns) and in
 * Drizzle v1 (`columns?: ... | undefined`); a `columns` value typed `{ ... } | undefined` (a helper
 * forwarding an optional option) is accepted too.
 */
import type { InferSelectModel } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import type { posts, users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);
type User = InferSelectModel<typeof users>;
type Post = InferSelectModel<typeof posts>;
declare const maybeColumns: { name: true } | undefined;

describe('columns: undefined selects every column, as in Drizzle v1', () => {
  it('findMany', async () => {
    const rows = await db.query.users.findMany({ columns: undefined });
    expectTypeOf(rows).toEqualTypeOf<User[]>();
  });

  it('findFirst', async () => {
    const row = await db.query.users.findFirst({ columns: undefined, where: { name: 'Ada' } });
    expectTypeOf(row).toEqualTypeOf<User | null>();
  });

  it('paginate', async () => {
    const page = await db.query.users.paginate({ numItems: 2, cursor: null }, { columns: undefined });
    expectTypeOf(page.page).toEqualTypeOf<User[]>();
  });

  it('inside with', async () => {
    const rows = await db.query.users.findMany({ columns: { name: true }, with: { posts: { columns: undefined } } });
    expectTypeOf(rows).toEqualTypeOf<{ name: string; posts: Post[] }[]>();
  });

  it('forwarded optional columns', async () => {
    // Either every column or just `name`: accepted, as Drizzle accepts it, and typed as either.
    const rows = await db.query.users.findMany({ columns: maybeColumns });
    expectTypeOf(rows).toEqualTypeOf<(User | { name: string })[]>();
  });
});
