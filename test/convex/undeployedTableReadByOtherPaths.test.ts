import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  eq,
  id,
  index,
  isOrmError,
  text,
} from '../../src/index';

// A table in defineRelations but in no defineSchema (when one holds another of its tables) is
// INVALID_SCHEMA, before any read, for every query and statement that reads it, not only those
// naming it in `with` / `_count` or writing it: a relation filter in `where` at any level, in a
// rule or a select's where-object (queryTables, src/query/deployedTables.ts), and a delete or
// update whose foreign-key actions read it (assertStatementRuns, src/schema/deployedSchemas.ts).
// Queries and inserts of the deployed tables that do not reach it still run.
function backend() {
  const users = convexTable('rv24c_users', { name: text().notNull() });
  const comments = convexTable(
    'rv24c_comments',
    {
      body: text().notNull(),
      authorId: id('rv24c_users')
        .notNull()
        .references(() => users._id, { onDelete: 'cascade' }),
    },
    (t) => [index('by_author').on(t.authorId)],
  );
  const relations = defineRelations({ users, comments }, (r) => ({
    comments: { author: r.one.users({ from: r.comments.authorId, to: r.users._id }) },
    users: { comments: r.many.comments() },
  }));
  // The app's Convex schema: "rv24c_comments" forgotten.
  const t = convexTest(defineSchema({ users }), modules);
  return { t, users, comments, relations, orm: createOrm({ relations }) };
}

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return isOrmError(error) ? `${error.code}: ${error.message}` : `not an OrmError: ${String(error)}`;
  }
}

const UNDEPLOYED = /^INVALID_SCHEMA: Table "rv24c_comments" is in defineRelations but in no defineSchema/;

describe('paths that read an undeployed relations table without naming it', () => {
  it('a relation filter on it in where is INVALID_SCHEMA', async () => {
    const { t, users, orm } = backend();
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      await db.insert(users).values({ name: 'Ada' });
      return outcome(() => db.query.users.findMany({ where: { comments: { body: 'hi' } } }));
    });
    expect(result).toMatch(UNDEPLOYED);
  });

  it("a delete of a deployed table whose rows it references (onDelete: 'cascade') is INVALID_SCHEMA", async () => {
    const { t, users, orm } = backend();
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const [ada] = await db.insert(users).values({ name: 'Ada' }).returning();
      return outcome(() => db.delete(users).where(eq(users._id, ada!._id)));
    });
    expect(result).toMatch(UNDEPLOYED);
  });
});

describe('more paths that read an undeployed relations table, and ones that do not', () => {
  it("a relation filter in a with query's where, in a select's where-object and in a rule is INVALID_SCHEMA", async () => {
    const { t, users, relations, orm } = backend();
    const rules = defineRules(relations, () => ({ users: { read: { comments: { body: 'hi' } } } }));
    const ruled = createOrm({ relations, rules });
    const results = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      await db.insert(users).values({ name: 'Ada' });
      return {
        nested: await outcome(() =>
          db.query.comments.findMany({ with: { author: { where: { comments: { body: 'hi' } } } } } as never),
        ),
        select: await outcome(() =>
          db
            .select()
            .from(users)
            .where({ comments: { body: 'hi' } } as never),
        ),
        rule: await outcome(() => ruled.db(ctx as never).query.users.findMany()),
      };
    });
    expect(results.nested).toMatch(UNDEPLOYED);
    expect(results.select).toMatch(UNDEPLOYED);
    expect(results.rule).toMatch(UNDEPLOYED);
  });

  it('an insert into the referenced table and a query of it without relation filters run', async () => {
    const { t, users, orm } = backend();
    const results = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      return {
        insert: await outcome(() => db.insert(users).values({ name: 'Ada' })),
        query: await outcome(() => db.query.users.findMany({ where: { name: 'Ada' } })),
      };
    });
    expect(results).toEqual({ insert: 'no error', query: 'no error' });
  });
});
