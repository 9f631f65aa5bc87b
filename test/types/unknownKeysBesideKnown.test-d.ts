import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// Each of these is rejected at run time (UNKNOWN_COLUMN / INVALID_FILTER); alone, the unknown key is
// a type error (weak-type check), but beside a known key it passes: the `const TQuery` inference
// skips excess-property checks and KnownKeysOnly only looks at the top of `where` and `columns`.
describe('unknown keys beside known ones are type errors, as alone', () => {
  it('root orderBy: an unknown field beside a column', () => {
    // UNKNOWN_COLUMN: Unknown relational order field: "nope"
    // @ts-expect-error nope is not a column or relation of users
    db.query.users.findMany({ orderBy: { name: 'asc', nope: 'asc' } });
  });

  it('field operators: an unknown operator beside gt', () => {
    // INVALID_FILTER: Unknown filter operator "foo" on column "users.age".
    // @ts-expect-error foo is not an operator
    db.query.users.findMany({ where: { age: { gt: 1, foo: 2 } } });
  });

  it('relation filter: an unknown field beside a column of the target', () => {
    // UNKNOWN_COLUMN: Unknown relational filter field: "nope" (table "users" has no such column or relation).
    // @ts-expect-error nope is not a column of users
    db.query.posts.findMany({ where: { author: { name: 'Ada', nope: 1 } } });
  });

  it('table-level OR item: an unknown field beside a column', () => {
    // @ts-expect-error nope is not a column of posts
    db.query.posts.findMany({ where: { OR: [{ title: 'x', nope: 1 }] } });
  });

  it('table-level NOT: an unknown field beside a column', () => {
    // @ts-expect-error nope is not a column of posts
    db.query.posts.findMany({ where: { NOT: { title: 'x', nope: 1 } } });
  });

  it("_count's where: an unknown field beside a column", () => {
    // @ts-expect-error nope is not a column of posts
    db.query.users.findMany({ _count: { posts: { where: { title: 'x', nope: 1 } } } });
  });

  it('nested with orderBy: an unknown field beside a column', () => {
    // @ts-expect-error nope is not a column of posts
    db.query.users.findMany({ with: { posts: { orderBy: { title: 'asc', nope: 'asc' } } } });
  });

  it('paginate: relation filter with an unknown field beside a column', () => {
    // @ts-expect-error nope is not a column of users
    db.query.posts.paginate({ numItems: 1, cursor: null }, { where: { author: { name: 'Ada', nope: 1 } } });
  });
});
