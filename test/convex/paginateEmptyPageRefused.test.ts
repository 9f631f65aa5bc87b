import { createOrm } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { relations } from '../../example/convex/schema';
import { seeded } from './seed';

// A page of 0 items reads nothing, but a query that cannot be paged is refused whatever the page
// size: the same INVALID_QUERY for numItems 0 as for numItems 1, so a caller learns it at once.
describe('paginate refuses a read that cannot be paged, even for an empty page', () => {
  it('a get by _id and an order no index gives: INVALID_QUERY for numItems 0 as for 1', async () => {
    const { t, ids } = await seeded();
    const errors = await t.run(async (ctx) => {
      const users = orm.db(ctx).query.users;
      const refusal = (numItems: number, config: Parameters<typeof users.paginate>[1]) =>
        users.paginate({ numItems, cursor: null }, config).then(
          () => null,
          (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
        );
      const byId = { where: { _id: ids.users.ada } } as const;
      const byAge = { orderBy: { age: 'asc' } } as const;
      return {
        byId: [await refusal(0, byId), await refusal(1, byId)],
        byAge: [await refusal(0, byAge), await refusal(1, byAge)],
      };
    });
    expect(errors.byId[0]).toEqual({
      code: 'INVALID_QUERY',
      message: 'paginate on "users" needs an index that gives the order; filter _id with findMany instead.',
    });
    expect(errors.byId[1]).toEqual(errors.byId[0]);
    expect(errors.byAge[0]).toEqual({
      code: 'INVALID_QUERY',
      message: 'paginate on "users" needs an index that gives the order; add index on users(age).',
    });
    expect(errors.byAge[1]).toEqual(errors.byAge[0]);
  });

  it('in strict mode, an empty page of a full table scan is FULL_SCAN_FORBIDDEN as a page of 2 is', async () => {
    const { t } = await seeded();
    const strict = createOrm({ relations, strict: true });
    await expect(
      t.run((ctx) => strict.db(ctx).query.users.paginate({ numItems: 0, cursor: null }, { where: { verified: true } })),
    ).rejects.toMatchObject({ code: 'FULL_SCAN_FORBIDDEN' });
  });

  it('an empty page of a read that can be paged is still answered without reading', async () => {
    const { t } = await seeded();
    const page = await t.run((ctx) => orm.db(ctx).query.users.paginate({ numItems: 0, cursor: null }, {}));
    expect(page).toMatchObject({ page: [], isDone: false });
  });
});
