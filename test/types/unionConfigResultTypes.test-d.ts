// A config value that is a union types the row of the branch taken, as the runtime returns it: a
// relation or count given `flag && { ... }` or `flag ? { ... } : undefined` is an optional key (as a
// `boolean` flag is), and a `columns` or `with` object picked by a condition gives either row (as a
// `columns` that may be `undefined` does). Seen at run time (one user 'Ada' <a@x> with one post,
// flag false): `with: { posts: flag && { limit: 5 } }` returns `{ name: 'Ada' }`; `columns: flag ?
// { name: true } : { email: true }` returns `{ email: 'a@x' }`; `with: flag ? { posts: true } :
// { invited: true }` returns `{ name: 'Ada', invited: [] }`. Each row the runtime returns fits the type.
import type { InferSelectModel } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import type { users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
declare const flag: boolean;
const db = orm.db(ctx);
type User = InferSelectModel<typeof users>;

describe('a union config value types the row of the branch taken', () => {
  it('with: { posts: flag && { limit } }: posts may be absent', async () => {
    const rows = await db.query.users.findMany({ columns: { name: true }, with: { posts: flag && { limit: 5 } } });
    // the runtime row when flag is false
    expectTypeOf<{ name: string }>().toExtend<(typeof rows)[number]>();
  });

  it('with: { posts: flag ? { limit } : undefined }: posts may be absent', async () => {
    const rows = await db.query.users.findMany({
      columns: { name: true },
      with: { posts: flag ? { limit: 5 } : undefined },
    });
    expectTypeOf<{ name: string }>().toExtend<(typeof rows)[number]>();
  });

  it('_count: { posts: flag && { where } }: _count may be absent', async () => {
    const rows = await db.query.users.findMany({
      columns: { name: true },
      _count: { posts: flag && { where: { title: 'p' } } },
    });
    expectTypeOf<{ name: string }>().toExtend<(typeof rows)[number]>();
  });

  it('columns: flag ? { name } : { email }: the row holds one of them', async () => {
    const rows = await db.query.users.findMany({ columns: flag ? { name: true } : { email: true } });
    expectTypeOf<{ email: string }>().toExtend<(typeof rows)[number]>();
    expectTypeOf<{ name: string }>().toExtend<(typeof rows)[number]>();
  });

  it('columns: flag ? { name, age } : { name }: age may be absent', async () => {
    const rows = await db.query.users.findMany({ columns: flag ? { name: true, age: true } : { name: true } });
    expectTypeOf<{ name: string }>().toExtend<(typeof rows)[number]>();
  });

  it('with: flag ? { posts } : { invited }: one relation of the two', async () => {
    const rows = await db.query.users.findMany({
      columns: { name: true },
      with: flag ? { posts: true } : { invited: true },
    });
    expectTypeOf<{ name: string; invited: User[] }>().toExtend<(typeof rows)[number]>();
  });
});
