import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, isOrmError, text } from '../../src/index';

// An app's schema module that calls defineSchema twice: the real schema (default export) and a
// test schema = the real tables + a test-only `fixtures` table referencing users. The relations
// hold users and posts; `logs` is in the Convex schema but left out of the relations (it references
// nothing). Which schema a deployment runs is not known to the ORM, and a referrer left out of the
// relations would be left dangling by a delete of users: the ORM refuses its statements
// (src/schema/deployedSchemas.ts, as tableLeftOutOfRelations.test.ts and
// referrerCheckCachedBeforeSchema.test.ts pin), naming the
// test schema's table and what to do; docs/schema.md says to keep such a schema out of the module
// graph of the functions (another file, imported by tests only). Reads run.
const users = convexTable('rv24d_users', { name: text().notNull() });
const posts = convexTable(
  'rv24d_posts',
  {
    title: text().notNull(),
    authorId: id('rv24d_users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
  },
  (t) => [index('by_author').on(t.authorId)],
);
const logs = convexTable('rv24d_logs', { line: text().notNull() });
const fixtures = convexTable('rv24d_fixtures', {
  label: text().notNull(),
  userId: id('rv24d_users').references(() => users._id),
});

// convex/schema.ts
const schema = defineSchema({ users, posts, logs });
const testSchema = defineSchema({ users, posts, logs, fixtures });
const relations = defineRelations({ users, posts }, (r) => ({
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
  users: { posts: r.many.posts() },
}));
const orm = createOrm({ relations });
void testSchema;

describe('a test schema beside the real one in the schema module', () => {
  it('makes the ORM refuse its statements, naming the test-only referrer (documented)', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      try {
        const db = orm.db(ctx as never);
        const [user] = await db.insert(users).values({ name: 'Ada' }).returning();
        await db.insert(posts).values({ title: 'p', authorId: user!._id });
        const rows = await db.query.users.findMany({ with: { posts: true } });
        return rows.map((row) => `${row.name}:${row.posts.length}`);
      } catch (error) {
        return isOrmError(error) ? `${error.code}: ${error.message}` : `not an OrmError: ${String(error)}`;
      }
    });
    expect(out).toMatch(/^INVALID_SCHEMA: Table "rv24d_fixtures" references "rv24d_users"/);
    // Reads run: the ORM has nothing to enforce on a read.
    const rows = await t.run(async (ctx) => orm.db(ctx as never).query.users.findMany());
    expect(rows).toEqual([]);
  });
});
