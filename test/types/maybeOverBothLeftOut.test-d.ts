// A key two parts of a row may both leave out stays optional: an extra that may be `undefined`
// named like a relation beside `with: { posts: flag }`, or named `_count` beside `_count: { posts:
// flag }`, at the root or nested, is `posts?: number | Post[]` (the run leaves `posts` out when both
// are absent: test/convex/maybeOverRuntime.test.ts).
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
declare const flag: boolean;
const db = orm.db(ctx);
type Row<Q> = Q extends PromiseLike<(infer R)[]> ? R : never;

describe('a key both parts may leave out is optional', () => {
  it('maybe extra + boolean relation flag of the same name: { name } is a row', () => {
    const q = db.query.users.findMany({
      columns: { name: true },
      extras: { posts: flag ? (u) => u.name.length : undefined },
      with: { posts: flag },
    });
    expectTypeOf<{ name: string }>().toExtend<Row<typeof q>>();
  });

  it('maybe extra named _count + counts that may all be false: { name } is a row', () => {
    const q = db.query.users.findMany({
      columns: { name: true },
      extras: { _count: flag ? (u) => u.name.length : undefined },
      _count: { posts: flag },
    });
    expectTypeOf<{ name: string }>().toExtend<Row<typeof q>>();
  });

  it('in a nested with too', () => {
    const q = db.query.posts.findMany({
      columns: { title: true },
      with: {
        author: {
          columns: { name: true },
          extras: { posts: flag ? (u) => u.name.length : undefined },
          with: { posts: flag },
        },
      },
    });
    expectTypeOf<{ name: string }>().toExtend<Row<typeof q>['author']>();
  });
});
