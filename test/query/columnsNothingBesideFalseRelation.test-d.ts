// `columns: {}` beside a `with` or `_count` whose relations are all `false` (or `undefined`)
// selects nothing, as beside an empty `with: {}`: a type error (`No fields selected for table
// "users"` at run time).
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

describe('columns selecting nothing beside relations that are all false', () => {
  it('with: { posts: false } is a type error (No fields selected at run time)', () => {
    // @ts-expect-error selects nothing
    db.query.users.findMany({ columns: {}, with: { posts: false } });
  });
  it('_count: { posts: false } is a type error (No fields selected at run time)', () => {
    // @ts-expect-error selects nothing
    db.query.users.findMany({ columns: {}, _count: { posts: false } });
  });
  it('with: { posts: undefined } is a type error (No fields selected at run time)', () => {
    // @ts-expect-error selects nothing
    db.query.users.findMany({ columns: {}, with: { posts: undefined } });
  });
});
