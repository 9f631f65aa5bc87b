import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { eq, OrmError } from '../../src/index';
import { orm, posts, schema, seed } from './drizzlePort/app';

// Drizzle v1 documents `$count` inside a relational query's extras:
//   db.query.users.findMany({ extras: { postsCount: (t) => db.$count(posts, eq(posts.authorId, t.id)) } })
// Ported as a row function (convex-orm's extras are functions of the row), it is a type error
// (test/query/extrasReturningPromise.test-d.ts); JavaScript callers, or a cast, reach the run: the
// query rejects with INVALID_QUERY pointing to `_count`, as
// `update().set(fn)` refuses a promise-returning function, instead of leaving a never-run query in
// every row (which Convex then refuses to return with an error of its own).

async function run<T>(fn: (ctx: any) => Promise<T>) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => seed(ctx));
  return t.run(async (ctx) => {
    try {
      const value = await fn(ctx);
      return {
        ok: true as const,
        thenables: JSON.stringify(value, (_k, v) => (v && typeof v.then === 'function' ? '<thenable>' : v)),
      };
    } catch (e) {
      return { ok: false as const, isOrmError: e instanceof OrmError, code: (e as OrmError).code };
    }
  });
}

describe('extras returning a promise (Drizzle $count extra, ported)', () => {
  it('findMany with extras: { postsCount: (u) => db.$count(...) } rejects with INVALID_QUERY', async () => {
    const out = await run((ctx) => {
      const db = orm.db(ctx);
      return db.query.users.findMany({
        columns: { name: true },
        // @ts-expect-error an extra returning a promise (the run refuses it too)
        extras: { postsCount: (u) => db.$count(posts, eq(posts.authorId, u._id)) },
      });
    });
    expect(out).toEqual({ ok: false, isOrmError: true, code: 'INVALID_QUERY' });
  });

  it('an async extra rejects with INVALID_QUERY', async () => {
    const out = await run((ctx) =>
      // @ts-expect-error an extra returning a promise (the run refuses it too)
      orm.db(ctx).query.users.findMany({ columns: { name: true }, extras: { later: async (u) => u.name } }),
    );
    expect(out).toEqual({ ok: false, isOrmError: true, code: 'INVALID_QUERY' });
  });

  it('the result of such a query can be returned from the Convex function (no raw Convex error)', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx) => seed(ctx));
    const outcome = await t
      .run(async (ctx) => {
        const db = orm.db(ctx);
        return db.query.users.findMany({
          columns: { name: true },
          // @ts-expect-error an extra returning a promise (the run refuses it too)
          extras: { postsCount: (u) => db.$count(posts, eq(posts.authorId, u._id)) },
        });
      })
      .then(
        () => 'resolved',
        (e) =>
          e instanceof OrmError || e?.data?.code
            ? `OrmError ${e.code ?? e.data.code}`
            : `raw: ${String(e?.message).slice(0, 60)}`,
      );
    expect(outcome).toBe('OrmError INVALID_QUERY');
  });
});
