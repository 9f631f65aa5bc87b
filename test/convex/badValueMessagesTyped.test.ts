// An error message built from a bad value never throws itself: a bigint where a select takes a
// column (`db.select({ x: 10n })`, `.orderBy(10n)`, `.groupBy(10n)`) rejects INVALID_QUERY as a
// number does (its message once used JSON.stringify, which throws on a bigint), and a Symbol as
// `orm.vectorSearch`'s table is an OrmError as an unknown string key is.
import { isOrmError } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

async function rejection(build: () => PromiseLike<unknown>): Promise<unknown> {
  try {
    await build();
  } catch (error) {
    return error;
  }
  return 'resolved';
}

describe('a bigint where a select takes a column', () => {
  it.each([
    ['select({ x: 10n })', (db: any) => db.select({ x: 10n }).from(users)],
    ['orderBy(10n)', (db: any) => db.select().from(users).orderBy(10n)],
    ['groupBy(10n)', (db: any) => db.select().from(users).groupBy(10n)],
  ])('%s rejects with INVALID_QUERY, as a number does', async (_name, build) => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const error = await rejection(() => build(db));
      expect(isOrmError(error, 'INVALID_QUERY')).toBe(true);
    });
  });
});

describe('orm.vectorSearch with a Symbol for the table key', () => {
  it('rejects with an OrmError, as an unknown string key does', async () => {
    const actionCtx = { vectorSearch: async () => [] } as any;
    const control = await rejection(() => orm.vectorSearch(actionCtx, 'nope' as any, {} as any));
    expect(isOrmError(control)).toBe(true);
    const error = await rejection(() => orm.vectorSearch(actionCtx, Symbol('posts') as any, {} as any));
    expect(isOrmError(error)).toBe(true);
  });
});
