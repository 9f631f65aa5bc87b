// The rows behind the types of maybeOverBothLeftOut / maybeOverUndefinedValue (test/types/): an
// extra that may be `undefined` named like a column, a relation or `_count`, beside a relation or
// count given a flag, as the run returns them.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

async function world() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await ctx.db.insert('users', { name: 'Ada', email: 'ada@x', role: 'member', verified: false });
  });
  return t;
}

describe('the rows the type tests describe', () => {
  it('a maybe extra named as a column whose function returns undefined: the key holds undefined', async () => {
    const t = await world();
    const flag = true as boolean;
    const rows = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const found = await db.query.users.findMany({
        columns: { name: true },
        extras: { name: flag ? (u) => u.age ?? undefined : undefined },
      });
      return found.map((row) => ({ has: 'name' in row, value: row.name === undefined ? 'undefined' : row.name }));
    });
    expect(rows).toEqual([{ has: true, value: 'undefined' }]);
  });

  /** The keys of Ada's row from `config` with `flag` false. */
  const keysWithFlagOff = async (config: (flag: boolean) => object) => {
    const t = await world();
    return t.run(async (ctx) =>
      (await orm.db(ctx).query.users.findMany(config(false as boolean) as never)).map((row) => Object.keys(row)),
    );
  };

  it('a maybe extra named as a relation given a false flag: neither is there, the key is absent', async () => {
    const rows = await keysWithFlagOff((flag) => ({
      columns: { name: true },
      extras: { posts: flag ? (u: { name: string }) => u.name.length : undefined },
      with: { posts: flag },
    }));
    expect(rows).toEqual([['name']]);
  });

  it('a maybe extra named _count beside counts all false: _count is absent', async () => {
    const rows = await keysWithFlagOff((flag) => ({
      columns: { name: true },
      extras: { _count: flag ? (u: { name: string }) => u.name.length : undefined },
      _count: { posts: flag },
    }));
    expect(rows).toEqual([['name']]);
  });
});
