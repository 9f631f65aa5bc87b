import { eq, isOrmError, type SelectFields } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';
import { seeded } from './seed';

type Db = ReturnType<typeof orm.db>;

/** How the query settles: 'ORM <code>' for an OrmError, else the error's class name. */
async function settle(body: (db: Db) => PromiseLike<unknown>): Promise<string> {
  const { t } = await seeded();
  return t.run(async (ctx) => {
    try {
      await body(orm.db(ctx));
      return 'resolved';
    } catch (error) {
      return isOrmError(error) ? `ORM ${error.code}` : (error as Error).constructor.name;
    }
  });
}

// Bad input from untyped callers (plain JS, `any` data) rejects with a typed OrmError (DESIGN.md 2.7),
// not a TypeError from deep inside.
describe('bad input to a select rejects with a typed OrmError', () => {
  it('from(undefined) is typed (the control)', async () => {
    expect(await settle((db) => db.select().from(undefined as never))).toBe('ORM INVALID_SCHEMA');
  });

  it('innerJoin(undefined, on) rejects with an OrmError, not a TypeError', async () => {
    expect(
      await settle((db) =>
        db
          .select()
          .from(users)
          .innerJoin(undefined as never, eq(posts.authorId, users._id) as never),
      ),
    ).toMatch(/^ORM /);
  });

  it('select(null) rejects with an OrmError, not a TypeError', async () => {
    expect(await settle((db) => db.select(null as unknown as SelectFields).from(users))).toMatch(/^ORM /);
  });
});
