import { describe, expect, it } from 'vitest';
import { convexTable, defineRelations, defineRelationsPart, EmptyFilter, id, isOrmError, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull(), invitedBy: id('users') });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users').notNull(), editorId: id('users') });
const groups = convexTable('groups', { name: text().notNull() });
const members = convexTable('members', { userId: id('users').notNull(), groupId: id('groups').notNull() });
const links = convexTable('links', { userId: id('users').notNull(), groupId: id('groups').notNull() });
const schema = { users, posts, groups, members, links, notATable: 42 };

function relationError(define: () => unknown): string {
  try {
    define();
  } catch (error) {
    if (isOrmError(error, 'RELATION_CONFIG')) return error.message;
    throw error;
  }
  throw new Error('expected a RELATION_CONFIG error');
}

describe('defineRelations', () => {
  it('gives every table an entry keyed by schema key, ignoring non-table exports', () => {
    const relations = defineRelations(schema);
    expect(Object.keys(relations)).toEqual(['users', 'posts', 'groups', 'members', 'links']);
    expect(relations.users).toMatchObject({ name: 'users', tableName: 'users', relations: {} });
  });

  it('resolves from/to, and completes an inverse relation from its reverse', () => {
    const relations = defineRelations(schema, (r) => ({
      users: { posts: r.many.posts() },
      posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
    }));
    expect(relations.posts.relations.author).toMatchObject({
      kind: 'one',
      sourceTable: 'posts',
      targetTable: 'users',
      sourceColumns: ['authorId'],
      targetColumns: ['_id'],
    });
    expect(relations.users.relations.posts).toMatchObject({
      kind: 'many',
      sourceColumns: ['_id'],
      targetColumns: ['authorId'],
      through: undefined,
    });
  });

  it('swaps the junction columns of an inverse through relation; a self relation finds its reverse', () => {
    const relations = defineRelations(schema, (r) => ({
      users: {
        groups: r.many.groups({
          from: r.users._id.through(r.members.userId),
          to: r.groups._id.through(r.members.groupId),
        }),
        invitee: r.one.users({ from: r.users.invitedBy, to: r.users._id }),
        invited: r.many.users(),
      },
      groups: { members: r.many.users() },
    }));
    expect(relations.groups.relations.members.through).toEqual({
      table: 'members',
      sourceColumns: ['groupId'],
      targetColumns: ['userId'],
    });
    expect(relations.users.relations.invited).toMatchObject({ sourceColumns: ['_id'], targetColumns: ['invitedBy'] });
  });

  it('an inverse relation inherits the reverse filter on its own source; its own filter binds to its target', () => {
    const relations = defineRelations(schema, (r) => ({
      users: { posts: r.many.posts(), titled: r.many.posts({ alias: 'a', where: { title: 'x' } }) },
      posts: {
        author: r.one.users({ from: r.posts.authorId, to: r.users._id, where: { name: 'Ada' } }),
        editor: r.one.users({ from: r.posts.editorId, to: r.users._id, alias: 'a' }),
      },
    }));
    expect(relations.users.relations.posts).toMatchObject({
      whereAppliesTo: 'source',
      where: { kind: 'compare', field: 'name', value: 'Ada' },
    });
    expect(relations.users.relations.titled).toMatchObject({ whereAppliesTo: 'target', where: { field: 'title' } });
    expect(relations.posts.relations.author.whereAppliesTo).toBe('target');
  });

  it('accepts EmptyFilter as a predefined filter', () => {
    const relations = defineRelations(schema, (r) => ({
      posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, where: EmptyFilter }) },
    }));
    expect(relations.posts.relations.author.where).toBeNull();
  });
});

describe('defineRelations validation (Drizzle v1 rc.5 texts, code RELATION_CONFIG)', () => {
  const prefix = (source: string, field: string, call: string) =>
    `relations -> ${source}: { ${field}: ${call}(...) }: `;

  it('rejects a relation named like a column', () => {
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({
          posts: { title: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
        })),
      ),
    ).toBe(`${prefix('posts', 'title', 'r.one.users')}relation name collides with column "title" of table "posts"`);
  });

  it('rejects an empty alias, empty from/to and one-sided from/to', () => {
    expect(relationError(() => defineRelations(schema, (r) => ({ users: { p: r.many.posts({ alias: '' }) } })))).toBe(
      `${prefix('users', 'p', 'r.many.posts')}"alias" cannot be an empty string - omit it if you don't need it`,
    );
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({ users: { p: r.many.posts({ from: [] as never, to: r.posts.authorId }) } })),
      ),
    ).toBe(`${prefix('users', 'p', 'r.many.posts')}"from" cannot be empty`);
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({ users: { p: r.many.posts({ from: r.users._id, to: [] as never }) } })),
      ),
    ).toBe(`${prefix('users', 'p', 'r.many.posts')}"to" cannot be empty`);
    expect(
      relationError(() => defineRelations(schema, (r) => ({ users: { p: r.many.posts({ from: r.users._id }) } }))),
    ).toBe(
      `${prefix('users', 'p', 'r.many.posts')}relation must have either both "from" and "to" defined, or none of them`,
    );
  });

  it('rejects columns of the wrong tables and unequal lengths', () => {
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({ posts: { a: r.one.users({ from: r.users._id, to: r.users._id }) } })),
      ),
    ).toBe(
      `${prefix('posts', 'a', 'r.one.users')}all "from" columns must belong to table "posts", found column of table "users"`,
    );
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({
          posts: { a: r.one.users({ from: r.posts.authorId, to: r.posts._id as never }) },
        })),
      ),
    ).toBe(
      `${prefix('posts', 'a', 'r.one.users')}all "to" columns must belong to table "users", found column of table "posts"`,
    );
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({
          posts: { a: r.one.users({ from: [r.posts.authorId, r.posts.editorId], to: r.users._id }) },
        })),
      ),
    ).toBe(`${prefix('posts', 'a', 'r.one.users')}"from" and "to" fields without "through" must have the same length`);
  });

  it('rejects through on some columns only, or on different junction tables', () => {
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({
          users: { g: r.many.groups({ from: r.users._id.through(r.members.userId), to: r.groups._id }) },
        })),
      ),
    ).toBe(
      `${prefix('users', 'g', 'r.many.groups')}".through(column)" must be used either on all columns in "from" and "to" or not defined on any of them`,
    );
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({
          users: {
            g: r.many.groups({
              from: r.users._id.through(r.members.userId),
              to: r.groups._id.through(r.links.groupId),
            }),
          },
        })),
      ),
    ).toBe(
      `${prefix('users', 'g', 'r.many.groups')}".through(column)" must be used on the same table by all columns of the relation`,
    );
  });

  const notEnough = 'not enough data provided to build the relation - "from"/"to" are not defined';

  it('an inverse relation whose target table is not in the part', () => {
    expect(relationError(() => defineRelationsPart(schema, (r) => ({ users: { posts: r.many.posts() } })))).toBe(
      `${prefix('users', 'posts', 'r.many.posts')}${notEnough}, and no reverse relations of table "posts" were found"`,
    );
  });

  it('an inverse relation with no, several or an incomplete reverse', () => {
    expect(relationError(() => defineRelations(schema, (r) => ({ users: { posts: r.many.posts() } })))).toBe(
      `${prefix('users', 'posts', 'r.many.posts')}${notEnough}, and no reverse relation of table "posts" with target table "users" was found`,
    );
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({
          users: { posts: r.many.posts() },
          posts: {
            author: r.one.users({ from: r.posts.authorId, to: r.users._id }),
            editor: r.one.users({ from: r.posts.editorId, to: r.users._id }),
          },
        })),
      ),
    ).toBe(
      `${prefix('users', 'posts', 'r.many.posts')}${notEnough}, and multiple relations between "posts" and "users" were found.\nHint: you can specify "alias" on both sides of the relation with the same value`,
    );
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({ users: { posts: r.many.posts() }, posts: { author: r.one.users() } })),
      ),
    ).toMatch(/reverse relation "posts.author" does not have "from"\/"to" defined$/);
  });

  it('an aliased inverse relation with no or several matches', () => {
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({
          users: { posts: r.many.posts({ alias: 'x' }) },
          posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
        })),
      ),
    ).toBe(
      `${prefix('users', 'posts', 'r.many.posts')}${notEnough}, and there is no reverse relation of table "posts" with alias "x"`,
    );
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({
          users: { posts: r.many.posts({ alias: 'x' }) },
          posts: {
            author: r.one.users({ from: r.posts.authorId, to: r.users._id, alias: 'x' }),
            editor: r.one.users({ from: r.posts.editorId, to: r.users._id, alias: 'x' }),
          },
        })),
      ),
    ).toBe(
      `${prefix('users', 'posts', 'r.many.posts')}${notEnough}, and multiple relations with alias "x" found in table "posts": "author", "editor"`,
    );
  });

  it('where: undefined throws the undefined-filter text without a prefix', () => {
    expect(
      relationError(() =>
        defineRelations(schema, (r) => ({
          posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, where: undefined }) },
        })),
      ),
    ).toBe("Unexpected 'undefined' in filter value. Use 'EmptyFilter' if you want the filter field to be skipped.");
  });
});

describe('defineRelationsPart', () => {
  it('builds only the tables its config names and merges with a spread', () => {
    const main = defineRelations(schema, (r) => ({
      posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
    }));
    const part = defineRelationsPart(schema, (r) => ({
      groups: {
        members: r.many.users({
          from: r.groups._id.through(r.members.groupId),
          to: r.users._id.through(r.members.userId),
        }),
      },
    }));
    expect(Object.keys(part)).toEqual(['groups']);
    const merged = { ...main, ...part };
    expect(Object.keys(merged.groups.relations)).toEqual(['members']);
    expect(Object.keys(merged.posts.relations)).toEqual(['author']);
    expect(Object.keys(defineRelationsPart(schema))).toEqual(['users', 'posts', 'groups', 'members', 'links']);
  });
});
