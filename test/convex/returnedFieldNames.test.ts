// A query's `extras` keys and a select's keys are fields of every row it returns. One Convex cannot
// hold as a field name (starting with "$", holding a non-ASCII character, over 1,024 characters)
// runs inside a function, as Convex refuses such a name only where a value crosses the function
// boundary or is stored; rows holding it returned from the function are Convex's own error, as
// docs/queries.md and docs/select.md say (relation names alike:
// test/relations/relationNameConvexCannotReturn.test.ts). The ORM once refused such keys before
// any read, which broke functions that used them inside and returned something else.
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';
import { seeded } from './seed';

const LONG = `k${'x'.repeat(1024)}`;

describe('an extras or select key Convex cannot hold as a field name', () => {
  it('runs inside a function', async () => {
    const { t } = await seeded();
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const [extra] = await db.query.users.findMany({
        extras: { $upper: (u) => u.name.toUpperCase(), größe: (u) => u.name.length },
        orderBy: { name: 'asc' },
        limit: 1,
      });
      const [selected] = await db
        .select({ $name: users.name, [LONG]: users.name })
        .from(users)
        .orderBy(users.name)
        .limit(1);
      return [extra!.$upper, extra!.größe, selected!.$name, (selected as Record<string, unknown>)[LONG]];
    });
    expect(result).toEqual(['ADA', 3, 'Ada', 'Ada']);
  });

  it("rows holding it returned from the function are Convex's own error", async () => {
    const { t } = await seeded();
    await expect(
      t.run(async (ctx) => orm.db(ctx).query.users.findMany({ extras: { größe: (u) => u.name.length }, limit: 1 })),
    ).rejects.toThrow(/Field name größe has invalid character/);
    await expect(t.run(async (ctx) => orm.db(ctx).select({ $name: users.name }).from(users).limit(1))).rejects.toThrow(
      /Field name \$name starts with a '\$'/,
    );
    await expect(
      t.run(async (ctx) =>
        orm
          .db(ctx)
          .select({ [LONG]: users.name })
          .from(users)
          .limit(1),
      ),
    ).rejects.toThrow(/exceeds maximum field name length 1024/);
  });
});
