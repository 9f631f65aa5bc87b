// A query's `extras` keys and a select's keys are fields of every row it returns: one Convex cannot
// return as a field name (starting with "$", holding a non-ASCII character) is INVALID_QUERY naming
// it, before any read, not Convex's own error on the rows after the reads (as relation names are
// RELATION_CONFIG at defineRelations: test/relations/relationNameConvexCannotReturn.test.ts).
// `__proto__`, which the ORM keeps as an own field of its rows (selectProtoKey.test.ts), is not refused.
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';
import { isOrmError } from '../../src/index';
import { seeded } from './seed';

async function outcome(run: (db: ReturnType<typeof orm.db>) => Promise<unknown>): Promise<string> {
  const { t } = await seeded();
  return t.run(async (ctx) => {
    try {
      await run(orm.db(ctx));
      return 'no error';
    } catch (error) {
      return isOrmError(error) ? `${error.code}: ${error.message}` : `not an OrmError: ${String(error)}`;
    }
  });
}

describe('a key Convex cannot return as a field', () => {
  it('an extra named with "$" is INVALID_QUERY naming it', async () => {
    const result = await outcome((db) =>
      db.query.users.findMany({ extras: { $upper: (u) => u.name.toUpperCase() }, limit: 1 }),
    );
    expect(result).toMatch(/^INVALID_QUERY: Extra "\$upper" on "users" .*cannot start with "\$"/);
  });

  it('a non-ASCII extra name is INVALID_QUERY naming it', async () => {
    const result = await outcome((db) =>
      db.query.users.findMany({ extras: { größe: (u) => u.name.length }, limit: 1 }),
    );
    expect(result).toMatch(/^INVALID_QUERY: Extra "größe" on "users" .*ASCII/);
  });

  it('a select key starting with "$" is INVALID_QUERY naming it', async () => {
    const result = await outcome((db) => db.select({ $name: users.name }).from(users));
    expect(result).toMatch(/^INVALID_QUERY: select\(\{ \$name \}\).*cannot start with "\$"/);
  });

  it('ASCII keys still run', async () => {
    const result = await outcome(async (db) => {
      await db.query.users.findMany({ extras: { upper: (u) => u.name.toUpperCase() }, limit: 1 });
      await db.select({ label: users.name }).from(users);
    });
    expect(result).toBe('no error');
  });
});
