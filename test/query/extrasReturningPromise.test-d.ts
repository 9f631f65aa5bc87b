/**
 * An extra returning a promise (an `async` function, Drizzle's `$count` extra ported) is a type
 * error at every level: the query rejects it at run time (INVALID_QUERY, src/query/shape.ts), as
 * `update().set(async (row) => ...)` is refused by the types; so is one that returns a promise only
 * sometimes (`string | Promise<string>`, which rejects when it does). A synchronous extra compiles.
 */
import { eq } from 'convex-orm';
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts } from '../../example/convex/schema';

declare const ctx: QueryCtx;
declare const opaque: unknown;
const db = orm.db(ctx);

describe('an extra returning a promise is a type error', () => {
  it('async extra', () => {
    // @ts-expect-error extras are synchronous: the query rejects with INVALID_QUERY
    db.query.users.findMany({ extras: { n: async (u) => u.name } });
  });

  it("Drizzle's $count extra, ported", () => {
    // @ts-expect-error count with _count: { posts: true }; this rejects with INVALID_QUERY
    db.query.users.findMany({ extras: { postsCount: (u) => db.$count(posts, eq(posts.authorId, u._id)) } });
  });

  it('nested, inside with', () => {
    // @ts-expect-error extras are synchronous at every level
    db.query.users.findMany({ with: { posts: { extras: { t: (p) => Promise.resolve(p.title) } } } });
  });

  it('an extra that returns a promise only sometimes (a union with one)', () => {
    const cached = (u: { name: string }): string | Promise<string> => (u.name ? u.name : Promise.resolve('?'));
    // @ts-expect-error the query rejects when it does (INVALID_QUERY)
    db.query.users.findMany({ extras: { n: cached } });
    // @ts-expect-error as a PromiseLike too
    db.query.users.findMany({ extras: { n: (u) => (u.name ? 1 : (null as unknown as PromiseLike<number>)) } });
  });

  it('still compiles: a synchronous extra, and one typed any or unknown', () => {
    db.query.users.findMany({ extras: { initials: (u) => u.name.slice(0, 2) } });
    db.query.users.findMany({ extras: { parsed: (u) => JSON.parse(u.name), opaque: () => opaque } });
  });
});
