// A `with` value `flag && { ... }` or `flag ? { ... } : undefined` is checked as the object alone
// is: an `async` extra (INVALID_QUERY at run time) and a nested level selecting nothing ("No fields
// selected") are type errors inside it too.
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
declare const flag: boolean;
const db = orm.db(ctx);

describe('a with value `flag && { ... }` is checked as the object alone is', () => {
  it('baseline: the object alone is refused', () => {
    // @ts-expect-error an async extra is refused (INVALID_QUERY at run time)
    db.query.users.findMany({ with: { posts: { extras: { n: async () => 1 } } } });
    // @ts-expect-error a nested level that selects nothing (No fields selected for table "posts")
    db.query.users.findMany({ with: { posts: { columns: {} } } });
  });

  it('flag && { extras: async }: still refused', () => {
    // @ts-expect-error an async extra is refused (INVALID_QUERY at run time when flag is true)
    db.query.users.findMany({ with: { posts: flag && { extras: { n: async () => 1 } } } });
  });

  it('flag ? { columns: {} } : undefined: still refused', () => {
    // @ts-expect-error a nested level that selects nothing (No fields selected when flag is true)
    db.query.users.findMany({ with: { posts: flag ? { columns: {} } : undefined } });
  });
});
