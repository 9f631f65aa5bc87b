import { sql } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// A missing or wrong ctx is a typed error naming the call, not a TypeError from reading `ctx.db`.
const userByEmail = orm.query.users.findFirst({ where: { email: sql.placeholder('email') } }).prepare('userByEmail');
const usersPage = orm.query.users.paginate({ orderBy: { _creationTime: 'asc' } }).prepare('usersPage');
const userCount = orm.query.users.count({ where: { role: sql.placeholder('role') } }).prepare('userCount');

const noDb = (call: string) => ({
  name: 'OrmError',
  code: 'INVALID_QUERY',
  message: expect.stringContaining(`${call} needs a Convex ctx with a db`),
});

describe('a ctx without a db is INVALID_QUERY naming the call', () => {
  it('orm.db(ctx) throws it (it returns the db at once)', () => {
    for (const ctx of [undefined, null, {}, { db: 'db' }]) {
      let error: unknown;
      try {
        orm.db(ctx as never);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toMatchObject(noDb('orm.db(ctx)'));
    }
    expect(() => orm.db(undefined as never)).toThrow(
      'orm.db(ctx) needs a Convex ctx with a db (the ctx of a query or mutation; an action has none: read through ctx.runQuery or ctx.runMutation); got undefined.',
    );
    expect(() => orm.db({ runQuery: () => null } as never)).toThrow('; got an object without db.');
  });

  it('ctx.db given for ctx is named as such', async () => {
    const t = convexTest(schema, modules);
    const message = await t.run(async (ctx) => {
      try {
        orm.db(ctx.db as never);
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(message).toMatch(/; got a database, not a ctx: pass ctx, not ctx\.db\.$/);
  });

  it("a prepared query's execute(ctx) returns a lazy query that rejects with it", async () => {
    const found = userByEmail.execute(null as never, { email: 'ada@x.dev' });
    await expect(found).rejects.toMatchObject(noDb('execute(ctx) of "userByEmail"'));
    const page = usersPage.execute(undefined as never, { numItems: 1, cursor: null });
    await expect(page).rejects.toMatchObject(noDb('execute(ctx) of "usersPage"'));
    const count = userCount.execute({} as never, { role: 'admin' });
    await expect(count).rejects.toMatchObject(noDb('execute(ctx) of "userCount"'));
  });
});
