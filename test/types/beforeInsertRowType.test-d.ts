import { defineTriggers, type InferSelectModel, type RuleInsertRow } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { relations, type users } from '../../example/convex/schema';

// beforeInsert is called with the row to insert, defaults applied (docs/triggers.md): every column is
// there, a defaulted one with its default and a nullable one not given as null. On convex-test, a
// hook on hooksFixture's parents (name notNull unique, n notNull default 0, deletedAt nullable) given
// insert(parents).values({ name: 'a' }) received { name: 'a', n: 0, deletedAt: null }. Its type is
// the table's insert type (InferInsertModel), where defaulted and nullable columns are optional, so
// `row.role.toUpperCase()` or `row.verified ? ... ` on a notNull().default() column is "possibly
// undefined" (TS18048) though it never is. The insert rule function, which tests the same row at the
// same point, is typed RuleInsertRow (the select model without _id and _creationTime).
type User = InferSelectModel<typeof users>;

describe('beforeInsert gets the row with its defaults applied', () => {
  it('its row type has every column, defaulted ones as their type and nullable ones as T | null', () => {
    defineTriggers(relations, {
      users: {
        beforeInsert: (row) => {
          expectTypeOf(row).toEqualTypeOf<RuleInsertRow<typeof users>>();
          expectTypeOf(row.role).toEqualTypeOf<User['role']>();
          expectTypeOf(row.verified).toEqualTypeOf<boolean>();
          expectTypeOf(row.age).toEqualTypeOf<number | null>();
        },
      },
    });
  });

  it('a hook that reads a defaulted column compiles', () => {
    defineTriggers(relations, {
      users: {
        beforeInsert: (row) => ({ ...row, name: row.role.toUpperCase() }),
      },
    });
  });
});
