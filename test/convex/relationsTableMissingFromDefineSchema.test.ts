import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, isOrmError, text } from '../../src/index';

// A table in defineRelations (and used) but not in the `export default defineSchema(...)` beside
// it: Convex never deployed it or its indexes, so its first read would fail with Convex's own error
// ("Cannot use index ... not declared in the schema" on convex-test; "Index not found" on a
// deployment). The ORM records every defineSchema (as for `assertStatementRuns`): when one holds
// another of the relations' tables, a statement or query of a table in none is INVALID_SCHEMA
// saying to add it to defineSchema. The other tables keep working; with no schema recorded nothing is said.
function backend() {
  const users = convexTable('rv24_users', { name: text().notNull() });
  const comments = convexTable(
    'rv24_comments',
    {
      body: text().notNull().unique(),
      authorId: id('rv24_users')
        .notNull()
        .references(() => users._id),
    },
    (t) => [index('by_author').on(t.authorId)],
  );
  const relations = defineRelations({ users, comments }, (r) => ({
    comments: { author: r.one.users({ from: r.comments.authorId, to: r.users._id }) },
    users: { comments: r.many.comments() },
  }));
  // The app's Convex schema: "rv24_comments" forgotten.
  const t = convexTest(defineSchema({ users }), modules);
  return { t, users, comments, orm: createOrm({ relations }) };
}

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return isOrmError(error) ? `${error.code}: ${error.message}` : `not an OrmError: ${String(error)}`;
  }
}

describe('a table in defineRelations but not in defineSchema', () => {
  it("an insert into it is INVALID_SCHEMA naming the table and defineSchema, not Convex's index error", async () => {
    const { t, users, comments, orm } = backend();
    const result = await outcome(() =>
      t.run(async (ctx) => {
        const db = orm.db(ctx as never);
        const [ada] = await db.insert(users).values({ name: 'Ada' }).returning();
        await db.insert(comments).values({ body: 'hi', authorId: ada!._id });
      }),
    );
    expect(result).toMatch(/^INVALID_SCHEMA: .*rv24_comments.*defineSchema/s);
  });

  it('a query of it is INVALID_SCHEMA naming the table and defineSchema', async () => {
    const { t, orm } = backend();
    const result = await outcome(() =>
      t.run(async (ctx) => orm.db(ctx as never).query.comments.findFirst({ where: { body: 'hi' } })),
    );
    expect(result).toMatch(/^INVALID_SCHEMA: .*rv24_comments.*defineSchema/s);
  });
});

describe('around a table in defineRelations but not in defineSchema', () => {
  it("a select from it, and a query loading it as a relation, are INVALID_SCHEMA; its deployed table's own queries run", async () => {
    const { t, users, comments, orm } = backend();
    const results = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      await db.insert(users).values({ name: 'Ada' });
      return {
        select: await outcome(() => db.select().from(comments)),
        related: await outcome(() => db.query.users.findMany({ with: { comments: true } })),
        own: await outcome(() => db.query.users.findMany()),
      };
    });
    expect(results.select).toMatch(
      /^INVALID_SCHEMA: Table "rv24_comments" is in defineRelations but in no defineSchema/,
    );
    expect(results.related).toMatch(
      /^INVALID_SCHEMA: Table "rv24_comments" is in defineRelations but in no defineSchema/,
    );
    expect(results.own).toBe('no error');
  });
});
