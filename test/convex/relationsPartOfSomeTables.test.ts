import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRelationsPart,
  defineSchema,
  id,
  OrmError,
  text,
} from '../../src/index';

// docs/queries.md: "`defineRelationsPart(tables, (r) => ...)` builds only the tables its config
// names; merge parts with a spread: `createOrm({ relations: { ...relations, ...part } })`".
// A part may be built over the tables of its own module (a subset of the schema, as Drizzle allows:
// `schema` is any record). The spread keeps only the part's carried schema (RELATIONS_SCHEMA);
// the ORM must still know every table of the merged entries: their queries, and their foreign
// keys' actions (a cascade to a table only the main relations were given).
const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', {
  title: text().notNull(),
  authorId: id('users')
    .notNull()
    .references(() => users._id, { onDelete: 'cascade' }),
});
const notes = convexTable('notes', {
  body: text().notNull(),
  userId: id('users')
    .notNull()
    .references(() => users._id, { onDelete: 'cascade' }),
});
const tables = { users, posts, notes };
const relations = defineRelations(tables, (r) => ({
  notes: { user: r.one.users({ from: r.notes.userId, to: r.users._id }) },
}));
// The posts module's part, over its own tables.
const postsPart = defineRelationsPart({ users, posts }, (r) => ({
  users: { posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
}));
const orm = createOrm({ relations: { ...relations, ...postsPart } });

async function seed() {
  const t = convexTest(defineSchema(tables), modules);
  const ids = await t.run(async (ctx) => {
    const ada = await ctx.db.insert('users', { name: 'Ada' });
    await ctx.db.insert('posts', { title: 'p', authorId: ada });
    await ctx.db.insert('notes', { body: 'n', userId: ada });
    return { ada };
  });
  return { t, ids };
}

describe('relations merged with a part built over some of the tables', () => {
  it('still queries a table only the main relations name (notes with their user)', async () => {
    const { t } = await seed();
    const rows = await t.run((ctx) =>
      orm.db(ctx).query.notes.findMany({ columns: { body: true }, with: { user: { columns: { name: true } } } }),
    );
    expect(rows).toEqual([{ body: 'n', user: { name: 'Ada' } }]);
  });

  it("still cascades a delete to notes (notes.userId onDelete: 'cascade')", async () => {
    const { t, ids } = await seed();
    const left = await t.run(async (ctx) => {
      await orm.db(ctx).delete(users).where({ _id: ids.ada });
      return {
        notes: (await ctx.db.query('notes').collect()).length,
        posts: (await ctx.db.query('posts').collect()).length,
      };
    });
    expect(left).toEqual({ notes: 0, posts: 0 });
  });
});

describe('a merge whose relations join a table no kept schema or entry covers', () => {
  it('is refused by createOrm with RELATION_CONFIG naming the relation and the table', () => {
    // Main relations over users and posts only; the notes part's schema is replaced by the
    // posts part spread after it, and no entry is the notes table.
    const main = defineRelations({ users, posts });
    const notesPart = defineRelationsPart({ users, notes }, (r) => ({
      users: { notes: r.many.notes({ from: r.users._id, to: r.notes.userId }) },
    }));
    const postsOnly = defineRelationsPart({ users, posts }, (r) => ({
      posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
    }));
    const merged = { ...main, ...notesPart, ...postsOnly };
    expect(() => createOrm({ relations: merged })).toThrow(
      expect.objectContaining({
        constructor: OrmError,
        code: 'RELATION_CONFIG',
        table: 'users',
        details: { relation: 'notes' },
        message: expect.stringContaining('table "notes" is in none of the merged relations\' schemas'),
      }),
    );
  });
});
