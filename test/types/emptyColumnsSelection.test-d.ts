import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// `columns: {}` selects no column (BuildQueryResult types the row as {}); with nothing else selected
// (no extras, with or _count) parseQuery rejects at run time: on convex-test,
// users.findMany({ columns: {} }) -> INVALID_QUERY 'No fields selected for table "users"', and
// users.findMany({ columns: { name: true }, with: { posts: { columns: {} } } }) -> INVALID_QUERY
// 'No fields selected for table "posts" ("posts")'. Both compile, typed { }[] and { name; posts: {}[] }[].
describe('a query level that selects nothing is a type error', () => {
  it('root columns: {} alone', () => {
    // @ts-expect-error no fields selected
    db.query.users.findMany({ columns: {} });
  });

  it('nested columns: {} alone', () => {
    // @ts-expect-error no fields selected for posts
    db.query.users.findMany({ columns: { name: true }, with: { posts: { columns: {} } } });
  });

  it('columns: {} beside a relation still compiles (it selects the relation)', () => {
    db.query.users.findMany({ columns: {}, with: { posts: true } });
  });
});
