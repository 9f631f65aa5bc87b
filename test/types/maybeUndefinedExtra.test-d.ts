// An extra whose value may be `undefined` (`extras: { x: flag ? () => 1 : undefined }`) is an
// optional key of the row, as the run leaves an undefined extra out (`[{ name: 'Ada' }]` when flag
// is false: test/convex/conditionalExtras.test.ts), at the root and in a nested `with`; and an async
// extra that may be undefined is a type error, as the same one alone is (the run rejects it with
// INVALID_QUERY "returned a promise" when flag is true).
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
declare const flag: boolean;
const db = orm.db(ctx);
type Row<Q> = Q extends PromiseLike<(infer R)[]> ? R : never;

describe('an extra that may be undefined', () => {
  it('extras: { x: flag ? fn : undefined }: the row may lack x (the runtime row when flag is false)', () => {
    const q = db.query.users.findMany({ columns: { name: true }, extras: { x: flag ? () => 1 : undefined } });
    expectTypeOf<{ name: string }>().toExtend<Row<typeof q>>();
    expectTypeOf<{ name: string; x: number }>().toExtend<Row<typeof q>>();
  });

  it('the same in a nested with', () => {
    const q = db.query.users.findMany({
      columns: { name: true },
      with: { posts: { columns: { title: true }, extras: { x: flag ? () => 1 : undefined } } },
    });
    expectTypeOf<{ title: string }>().toExtend<Row<typeof q>['posts'][number]>();
  });

  it('extras: { x: flag ? async fn : undefined }: the async extra is refused', () => {
    // @ts-expect-error an async extra is INVALID_QUERY at run time when flag is true
    db.query.users.findMany({ columns: { name: true }, extras: { x: flag ? async () => 1 : undefined } });
  });
});
