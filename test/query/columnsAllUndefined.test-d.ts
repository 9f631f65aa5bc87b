// `undefined` entries of `columns` are ignored (docs/queries.md), so `columns: { name: undefined }`
// is `columns: {}`: alone, a type error at the root and nested, as `{}` is; so is `{}` beside an
// empty `_count: {}`.
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

describe('columns selecting nothing through undefined entries', () => {
  it('columns: { name: undefined } is a type error, as columns: {} (No fields selected at run time)', () => {
    // @ts-expect-error selects nothing: undefined is ignored
    db.query.users.findMany({ columns: { name: undefined } });
    // @ts-expect-error nested too
    db.query.posts.findMany({ columns: { title: true }, with: { author: { columns: { name: undefined } } } });
  });
  it('columns: {} beside _count: {} is a type error', () => {
    // @ts-expect-error _count: {} counts nothing
    db.query.users.findMany({ columns: {}, _count: {} });
  });
});
