import { sql } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';
import { rejection } from './mutationHarness';
import { seeded } from './seed';

// A statement's values take no placeholders (prepared queries are reads): `sql.placeholder` given as
// an insert or update value is the INVALID_QUERY a placeholder outside prepare() is, naming it and
// the table, not a VALIDATION error about a "Placeholder" value; nothing is written.
describe('a placeholder as a statement value', () => {
  it('is INVALID_QUERY naming the placeholder and the table', async () => {
    const { t } = await seeded();
    const out = await t.run(async (ctx) => {
      const name = sql.placeholder('name') as never;
      const db = orm.db(ctx);
      const before = (await ctx.db.query('users').collect()).length;
      const insert = await rejection(db.insert(users).values({ name, email: 'new@x.dev' }));
      const update = await rejection(db.update(users).set({ name }).where({ name: 'Ada' }));
      const after = await ctx.db.query('users').collect();
      return { insert, update, count: after.length - before, names: after.map((u) => u.name) };
    });
    for (const rejected of [out.insert, out.update]) {
      expect(rejected).toMatchObject({ code: 'INVALID_QUERY', table: 'users' });
      expect(rejected.message).toMatch(/^sql\.placeholder\('name'\) is only allowed in a prepared query/);
    }
    expect(out.count).toBe(0);
    expect(out.names).toContain('Ada');
  });
});
