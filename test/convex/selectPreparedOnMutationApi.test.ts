// A select prepared on a db of createMutationApi (no ORM to prepare it with) rejects its executions
// with INVALID_QUERY naming what it was built on and what to do (docs/select.md), not with a message
// about orm.db(ctx), whose selects do prepare.
import { createMutationApi, eq, sql } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';
import { rejection } from './mutationHarness';
import { seeded } from './seed';

describe('a select prepared on createMutationApi’s db', () => {
  it('rejects with a message that does not say it was built on orm.db(ctx)', async () => {
    const { t } = await seeded();
    const error = await t.run(async (ctx) => {
      // Its db has select() at run time (MutationDb extends the select API); its type does not say so.
      const api = createMutationApi(ctx.db, orm.schema) as unknown as ReturnType<typeof orm.db>;
      const prepared = api
        .select({ name: users.name })
        .from(users)
        .where(eq(users.name, sql.placeholder('name')))
        .prepare('byName');
      return rejection(prepared.execute(ctx, { name: 'Ada' }));
    });
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toContain('"byName"');
    expect(error.message).not.toContain('was built on orm.db(ctx)');
    expect(error.message).toContain('createMutationApi');
  });
});
