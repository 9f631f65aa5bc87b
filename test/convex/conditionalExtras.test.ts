// An extra given `undefined` is no extra (as a relation given `undefined` in `with`), so extras
// picked by a condition (`flag ? { x } : { y }`, which TypeScript types with each other's keys as
// `?: undefined`, or `flag ? { x } : undefined`) return the branch taken; an extra that is neither
// a function nor `undefined` stays INVALID_QUERY.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

describe('extras picked by a condition', () => {
  it('returns the branch taken; an undefined extra adds no key; another value is refused', async () => {
    const t = convexTest(schema, modules);
    await t.run((ctx) => ctx.db.insert('users', { name: 'Ada', email: 'a@x', role: 'member', verified: true }));
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const rows = (flag: boolean) =>
        db.query.users.findMany({ columns: { name: true }, extras: flag ? { x: () => 1 } : { y: () => 'a' } });
      return {
        on: await rows(true),
        off: await rows(false),
        undefinedExtra: await db.query.users.findMany({ columns: { name: true }, extras: { x: undefined } }),
        bad: await db.query.users.findMany({ columns: { name: true }, extras: { x: 5 as never } }).then(
          () => null,
          (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
        ),
      };
    });
    expect(out).toEqual({
      on: [{ name: 'Ada', x: 1 }],
      off: [{ name: 'Ada', y: 'a' }],
      undefinedExtra: [{ name: 'Ada' }],
      bad: 'INVALID_QUERY: Extra "x" on "users" must be a function of the row; SQL extras are not supported.',
    });
  });
});
