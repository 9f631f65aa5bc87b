// An extra that may be `undefined` (`flag ? fn : undefined`, or `x?: fn`) named like a column
// replaces the column only when it is there: the row's key is the extra's value or the column's
// (`[{ name: 3 }]` with flag true, `[{ name: 'Ada' }]` with it false, on convex-test), always
// present, at the root, in findFirst and in a nested `with`.
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
declare const flag: boolean;
const db = orm.db(ctx);
type Row<Q> = Q extends PromiseLike<(infer R)[]> ? R : never;
type One<Q> = Q extends PromiseLike<infer R> ? NonNullable<R> : never;

describe('an extra that may be undefined, named as a column, keeps the column when left out', () => {
  it('findMany: the row of flag false ({ name: "Ada" }) fits the type', () => {
    const q = db.query.users.findMany({
      columns: { name: true },
      extras: { name: flag ? (u) => u.name.length : undefined },
    });
    expectTypeOf<{ name: string }>().toExtend<Row<typeof q>>(); // the run's row when flag is false
    expectTypeOf<{ name: number }>().toExtend<Row<typeof q>>(); // the run's row when flag is true
    expectTypeOf<Row<typeof q>['name']>().toEqualTypeOf<string | number>();
  });

  it('findFirst, every column selected: title stays a string or is the boolean', () => {
    const q = db.query.posts.findFirstOrThrow({ extras: { title: flag ? (p) => p.title.length > 3 : undefined } });
    expectTypeOf<One<typeof q>['title']>().toEqualTypeOf<string | boolean>();
  });

  it('an optional extra (x?: fn) named as a column, in a nested with', () => {
    const extras: { title?: (p: { title: string }) => number } = {};
    const q = db.query.users.findMany({
      columns: { name: true },
      with: { posts: { columns: { title: true }, extras } },
    });
    expectTypeOf<{ title: string }>().toExtend<Row<typeof q>['posts'][number]>();
  });
});
