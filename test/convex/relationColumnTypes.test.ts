import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  bigint,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  integer,
  isOrmError,
  text,
} from '../../src/index';

// A relation pairing columns whose values can never be equal was accepted silently, and every
// load, relation filter and `_count` through it found nothing. Postgres refuses such a join when
// Drizzle's query runs (`operator does not exist: integer = text`). defineRelations refuses it
// (RELATION_CONFIG naming the relation and both columns), as the schema refuses such a foreign key.
const users = convexTable('users', { name: text().notNull(), code: text() });
const groups = convexTable('groups', { name: text().notNull() });
const members = convexTable('members', { userId: id('users').notNull(), groupNo: integer().notNull() });
const posts = convexTable('posts', {
  title: text().notNull(),
  authorNo: integer(),
  authorId: id('users'),
});
const tables = { users, groups, posts, members };

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
    expect(code).toBe('RELATION_CONFIG');
  });

  it("an id('users') column related to groups._id is refused with a typed error", async () => {
    const code = await outcome(
      () =>
        defineRelations(tables, (r) => ({
          posts: { group: r.one.groups({ from: r.posts.authorId, to: r.groups._id }) },
        })),
      (db) => db.query.posts.findMany({ columns: { title: true }, with: { group: true } }),
    );
    expect(code).toBe('RELATION_CONFIG');
  });

  it('a bigint() column related to an integer() one is refused, saying why (a divergence: Postgres joins them)', () => {
    const ledger = convexTable('ledger', { authorBig: bigint() });
    expect(() =>
      defineRelations({ ...tables, ledger }, (r) => ({
        ledger: { author: r.one.posts({ from: r.ledger.authorBig, to: r.posts.authorNo }) },
      })),
    ).toThrow(
      expect.objectContaining({
        code: 'RELATION_CONFIG',
        message: expect.stringContaining(
          'columns "ledger.authorBig" (bigint) and "posts.authorNo" (integer) hold an int64 and a float64',
        ),
      }),
    );
  });

  it('the error names the relation and both columns with their types', () => {
    expect(() =>
      defineRelations(tables, (r) => ({
        posts: { author: r.one.users({ from: r.posts.authorNo, to: r.users.code }) },
      })),
    ).toThrow(
      expect.objectContaining({
        code: 'RELATION_CONFIG',
        table: 'posts',
        details: { relation: 'author' },
        message: expect.stringContaining(
          'relations -> posts: { author: r.one.users(...) }: columns "posts.authorNo" (integer) and "users.code" (text) can never hold equal values',
        ),
      }),
    );
  });

  it('a junction pair is checked pair by pair (groups._id to members.groupNo, an integer)', () => {
    expect(() =>
      defineRelations(tables, (r) => ({
        users: {
          groups: r.many.groups({
            from: r.users._id.through(r.members.userId),
            to: r.groups._id.through(r.members.groupNo),
          }),
        },
      })),
    ).toThrow('columns "members.groupNo" (integer) and "groups._id" (id("groups")) can never hold equal values');
  });

  it("an id('users') column related to users._id is accepted and loads", async () => {
    const code = await outcome(
      () =>
        defineRelations(tables, (r) => ({
          posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
        })),
      (db) => db.query.posts.findMany({ columns: { title: true }, with: { author: { columns: { name: true } } } }),
    );
    expect(code).toBe('no error: [{"title":"p","author":{"name":"A"}}]');
  });
});
