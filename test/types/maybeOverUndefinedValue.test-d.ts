// An extra that may be `undefined`, named like a column, whose own function may return `undefined`
// keeps that `undefined` in the row's key: the run returns `{ name: undefined }` when the extra is
// given and returns undefined (test/convex/maybeOverRuntime.test.ts).
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
declare const flag: boolean;
const db = orm.db(ctx);
type Row<Q> = Q extends PromiseLike<(infer R)[]> ? R : never;

describe("a maybe extra named as a column keeps its function's undefined", () => {
  it('control: a sure extra returning number | undefined', () => {
    const q = db.query.users.findMany({ columns: { name: true }, extras: { name: (u) => u.age ?? undefined } });
    expectTypeOf<Row<typeof q>['name']>().toEqualTypeOf<number | undefined>();
  });

  it('the maybe extra: the column, or the number, or undefined', () => {
    const q = db.query.users.findMany({
      columns: { name: true },
      extras: { name: flag ? (u) => u.age ?? undefined : undefined },
    });
    expectTypeOf<Row<typeof q>['name']>().toEqualTypeOf<string | number | undefined>();
  });
});
