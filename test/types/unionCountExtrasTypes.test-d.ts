// `_count` and `extras` picked by a condition type the row of the branch taken, as `columns` and
// `with` do (seen at run time, example schema, user 'Ada' with one post, no comments):
// `_count: flag ? { posts: true } : { comments: true }` returns `_count: { comments: 0 }` when flag is
// false; `_count: flag ? { posts: true } : undefined` returns `_count: { posts: 1 }` when it is true;
// `extras: flag ? { x: () => 1 } : { y: () => 'a' }` returns `{ name, x }` or `{ name, y }`; and an
// async extra in either branch is refused (INVALID_QUERY at run time when that branch is taken).
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
declare const flag: boolean;
const db = orm.db(ctx);
type Row<Q> = Q extends PromiseLike<(infer R)[]> ? R : never;
type AllKeys<T> = T extends unknown ? keyof T : never;
type ValueAt<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

describe('_count and extras picked by a condition type the row of the branch taken', () => {
  it('_count: flag ? { posts } : { comments }: the false branch has no posts count', () => {
    const q = db.query.users.findMany({ columns: { name: true }, _count: flag ? { posts: true } : { comments: true } });
    // the runtime row when flag is false
    expectTypeOf<{ name: string; _count: { comments: number } }>().toExtend<Row<typeof q>>();
    expectTypeOf<{ name: string; _count: { posts: number } }>().toExtend<Row<typeof q>>();
  });

  it('_count: flag ? { posts } : undefined: _count may be present', () => {
    const q = db.query.users.findMany({ columns: { name: true }, _count: flag ? { posts: true } : undefined });
    expectTypeOf<'_count' extends AllKeys<Row<typeof q>> ? true : false>().toEqualTypeOf<true>();
    expectTypeOf<{ posts: number }>().toExtend<NonNullable<ValueAt<Row<typeof q>, '_count'>>>();
  });

  it('extras: flag ? { x } : { y }: the row is the columns and one extra', () => {
    const q = db.query.users.findMany({ columns: { name: true }, extras: flag ? { x: () => 1 } : { y: () => 'a' } });
    // the runtime rows, { name, x } or { name, y }
    expectTypeOf<{ name: string; x: number }>().toExtend<Row<typeof q>>();
    expectTypeOf<{ name: string; y: string }>().toExtend<Row<typeof q>>();
  });

  it('extras: flag ? { x } : { y: async }: the async extra is refused', () => {
    // @ts-expect-error an async extra is INVALID_QUERY at run time when flag is false
    db.query.users.findMany({ columns: { name: true }, extras: flag ? { x: () => 1 } : { y: async () => 'a' } });
  });
});
