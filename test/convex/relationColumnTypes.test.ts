import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, integer, isOrmError, text } from '../../src/index';

// A relation pairing columns whose values can never be equal is accepted silently, and every
// load, relation filter and `_count` through it finds nothing. Postgres refuses such a join when
// Drizzle's query runs (`operator does not exist: integer = text`); here no error comes at all,
// neither from defineRelations nor from the query. Expected: a typed OrmError naming the relation,
// best from defineRelations (RELATION_CONFIG), at the latest when a query uses the relation.
const users = convexTable('users', { name: text().notNull(), code: text() });
const groups = convexTable('groups', { name: text().notNull() });
const posts = convexTable('posts', {
  title: text().notNull(),
  authorNo: integer(),
  authorId: id('users'),
});
const tables = { users, groups, posts };

/** The OrmError code of defining the relations, or of the first query through `field`; 'no error' otherwise. */
async function outcome(define: () => unknown, query: (orm: any) => Promise<unknown>): Promise<string> {
  let relations: any;
  try {
    relations = define();
  } catch (error) {
    return isOrmError(error) ? error.code : `not an OrmError: ${String(error)}`;
  }
  const orm = createOrm({ relations });
  const t = convexTest(defineSchema(tables), modules);
  return t.run(async (ctx) => {
    const u = await ctx.db.insert('users', { name: 'A', code: '7' });
    await ctx.db.insert('groups', { name: 'G' });
    await ctx.db.insert('posts', { title: 'p', authorNo: 7, authorId: u });
    try {
      const rows = await query(orm.db(ctx));
      return `no error: ${JSON.stringify(rows)}`;
    } catch (error) {
      return isOrmError(error) ? error.code : `not an OrmError: ${String(error)}`;
    }
  });
}

describe('relations over columns that can never hold equal values', () => {
  it('an integer() column related to a text() column is refused with a typed error', async () => {
    const code = await outcome(
      () =>
        defineRelations(tables, (r) => ({
          posts: { author: r.one.users({ from: r.posts.authorNo, to: r.users.code }) },
        })),
      (db) => db.query.posts.findMany({ columns: { title: true }, with: { author: true } }),
    );
    expect(code).toMatch(/^(RELATION_CONFIG|INVALID_QUERY)$/);
  });

  it("an id('users') column related to groups._id is refused with a typed error", async () => {
    const code = await outcome(
      () =>
        defineRelations(tables, (r) => ({
          posts: { group: r.one.groups({ from: r.posts.authorId, to: r.groups._id }) },
        })),
      (db) => db.query.posts.findMany({ columns: { title: true }, with: { group: true } }),
    );
    expect(code).toMatch(/^(RELATION_CONFIG|INVALID_QUERY)$/);
  });
});
