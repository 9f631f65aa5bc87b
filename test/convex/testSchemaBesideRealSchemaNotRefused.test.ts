import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, isOrmError, text } from '../../src/index';

// An app's schema module that calls defineSchema twice: the real schema (default export) and a
// test schema = the real tables + a test-only `fixtures` table referencing users. The relations
// hold users and posts; `logs` is in the Convex schema but on purpose left out of the relations
// (it references nothing). Which schema a deployment runs is not known to the ORM: it reports a
// referrer left out of the relations only when every schema holding all the relations' tables has
// one (src/schema/deployedSchemas.ts referrerLeftOut), so the ORM's statements run.
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
export const testSchema = defineSchema({ users, posts, logs, fixtures });
const relations = defineRelations({ users, posts }, (r) => ({
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
  users: { posts: r.many.posts() },
}));
const orm = createOrm({ relations });
void testSchema;

describe('a test schema beside the real one in the schema module', () => {
  it('does not refuse the statements of an ORM deployed with the real schema', async () => {
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
    expect(out).toEqual(['Ada:1']);
  });
});
