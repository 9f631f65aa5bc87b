// `db.$count(table, filter)` given a condition on another table (untyped code, or a helper typed
// as the bare `FilterExpression`) rejects with INVALID_QUERY naming `$count`, the counted table
// and the column, and pointing to a select with a join: nothing joins to a `$count`, so the
// select's "not in the select; join it first" would be advice the caller cannot follow.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  type FilterExpression,
  id,
  index,
  isOrmError,
  text,
} from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { authorId: id('users').notNull(), title: text().notNull() }, (t) => [
  index('by_author').on(t.authorId),
]);
const schema = defineSchema({ users, posts });
const relations = defineRelations({ users, posts });
const orm = createOrm({ relations });

describe('$count with a filter on another table', () => {
  it('rejects with a message about $count, not "join it first"', async () => {
    const t = convexTest(schema, modules);
    const error = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      // A helper's filter typed as the bare FilterExpression names no table, so this type-checks.
      const filter: FilterExpression = eq(posts.title, 'x');
      try {
        await db.$count(users, filter as never);
      } catch (e) {
        return { orm: isOrmError(e), message: (e as Error).message };
      }
      return null;
    });
    expect(error?.orm).toBe(true);
    const message = error!.message;
    expect(message).toContain('$count of "users" filters on posts.title');
    expect(message).toContain('db.select({ n: count() }).from(users).innerJoin(');
    expect(message).not.toMatch(/join it first/);
  });
});
