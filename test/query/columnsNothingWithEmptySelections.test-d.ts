// A `columns` selecting no column beside an empty `with: {}`, `extras: {}` or `_count: {}` selects
// nothing, as `columns: {}` alone does: a type error (`No fields selected for table "users"` at
// run time). Beside a relation it is valid.
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

describe('an empty with / extras beside columns selecting nothing', () => {
  it('is a type error (No fields selected at run time)', () => {
    // @ts-expect-error with: {} loads no relation
    db.query.users.findMany({ columns: {}, with: {} });
    // @ts-expect-error extras: {} computes nothing
    db.query.users.findMany({ columns: {}, extras: {} });
  });
  it('control: a relation beside it is fine', () => {
    db.query.users.findMany({ columns: {}, with: { posts: true } });
  });
});
