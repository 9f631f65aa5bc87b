import { count, gt } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// `count(users.agee)` (a misspelled column from JS or `any` data: `undefined`) rejects with
// INVALID_QUERY when the select runs, as sum/avg/min/max/countDistinct of one do, rather than
// silently counting every row: `count()` with no argument (or `null`) is the only `count(*)`.

const anyUsers = users as any;

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const db = orm.db(ctx);
    await db.insert(users).values([
      { name: 'Ada', email: 'ada@x.dev', age: 36 },
      { name: 'Bob', email: 'bob@x.dev' },
    ]);
  });
  return t;
}

const settle = (query: PromiseLike<unknown>) =>
  Promise.resolve(query).then(
    (rows) => ({ resolved: rows }),
    (error) => ({ rejected: (error as { code?: string }).code }),
  );

describe('count() of a misspelled column', () => {
  it('select({ n: count(users.agee) }) rejects with INVALID_QUERY, as sum(users.agee) does, not count(*)', async () => {
    const t = await backend();
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      expect(await settle(db.select({ n: count(users.age) }).from(users))).toEqual({ resolved: [{ n: 1 }] });
      expect(await settle(db.select({ n: count(anyUsers.agee) }).from(users))).toEqual({ rejected: 'INVALID_QUERY' });
    });
  });

  it('having(gt(count(users.agee), 1)) rejects with INVALID_QUERY, not a having over count(*)', async () => {
    const t = await backend();
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const grouped = db
        .select({ role: users.role })
        .from(users)
        .groupBy(users.role)
        .having(gt(count(anyUsers.agee), 1) as never);
      expect(await settle(grouped)).toEqual({ rejected: 'INVALID_QUERY' });
    });
  });
});
