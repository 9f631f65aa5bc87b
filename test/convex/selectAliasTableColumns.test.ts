import { alias, asc, eq, getTableColumns } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';
import { seeded } from './seed';

// Drizzle: getTableColumns(alias(users, 'inviter')) gives the alias's columns (its alias proxy
// answers Table.Symbol.Columns with aliased columns), so a self-join can select the joined side
// whole: db.select(getTableColumns(inviter)).from(users).innerJoin(inviter, ...). Since b767d1b
// getTableColumns returns getTableConfig(table).systemColumns/columns, which for an alias is the
// aliased table's own config: every column is the base table's (tableName 'users'), so the
// select returns the invited users, not their inviters.
describe('db.select(getTableColumns(alias)) in a self-join', () => {
  it("selects the alias's columns (the inviter), as db.select({ ... inviter.x }) does", async () => {
    const { t } = await seeded();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const inviter = alias(users, 'inviter');
      const join = eq(inviter._id, users.invitedBy);
      const whole = await db
        .select(getTableColumns(inviter))
        .from(users)
        .innerJoin(inviter, join)
        .orderBy(asc(users._creationTime));
      const named = await db
        .select({ _id: inviter._id, name: inviter.name })
        .from(users)
        .innerJoin(inviter, join)
        .orderBy(asc(users._creationTime));
      return { whole: whole.map((row) => ({ _id: row._id, name: row.name })), named };
    });
    expect(out.named.length).toBeGreaterThan(0);
    expect(out.whole).toEqual(out.named);
  });
});
