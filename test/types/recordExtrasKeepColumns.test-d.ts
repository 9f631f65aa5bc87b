// Extras typed as a record (`Record<string, (u) => number>`, built by a helper) name no key the row
// is known to have: the selected columns stay typed (the run returns `[{ name: 'Ada', x: 1 }]`).
// Keys named beside the record's index signature are known, and typed (they were dropped).
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
const db = orm.db(ctx);
type Row<Q> = Q extends PromiseLike<(infer R)[]> ? R : never;
declare const extras: Record<string, (u: { name: string }) => number>;

describe('extras typed as a record keep the selected columns', () => {
  it('the run row { name: "Ada", x: 1 } fits the type', () => {
    const q = db.query.users.findMany({ columns: { name: true }, extras });
    expectTypeOf<{ name: string; x: number }>().toExtend<Row<typeof q>>();
  });
});

declare const named: {
  [key: string]: (u: { name: string }) => number | string;
  initials: (u: { name: string }) => string;
};

describe('a record of extras with keys named beside it', () => {
  it('types the named keys (the run gives { name, initials: "Ad", ... })', () => {
    const q = db.query.users.findMany({ columns: { name: true }, extras: named });
    expectTypeOf<Row<typeof q>['initials']>().toEqualTypeOf<string>();
    expectTypeOf<Row<typeof q>['name']>().toEqualTypeOf<string>();
  });
});
