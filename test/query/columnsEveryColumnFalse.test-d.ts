// A `columns` object setting every column `false` selects no column, as `columns: {}` does: alone
// it is a type error at the root and nested (docs/queries.md; `No fields selected for table
// "users"` at run time), and beside `with` it is valid.
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
const db = orm.db(ctx);
const none = {
  _id: false,
  _creationTime: false,
  name: false,
  email: false,
  role: false,
  age: false,
  verified: false,
  invitedBy: false,
} as const;

describe('columns that omit every field', () => {
  it('is a type error alone, at the root and nested', () => {
    // @ts-expect-error selects no field: "No fields selected for table "users"" at run time
    db.query.users.findMany({ columns: none });
    // @ts-expect-error nested too
    db.query.posts.findMany({ columns: { title: true }, with: { author: { columns: none } } });
  });

  it('is fine beside with', async () => {
    const rows = await db.query.users.findMany({ columns: none, with: { posts: { columns: { title: true } } } });
    expectTypeOf(rows).toEqualTypeOf<{ posts: { title: string }[] }[]>();
  });
});
