// An inverse relation paired by `alias` needs a reverse relating the same two tables: completed
// from a relation of the target to a third table (`users.posts` with alias "x" from `posts.group`,
// to `groups`), it would join `users._id` to an `id('groups')` column and match no row, so
// defineRelations refuses it with RELATION_CONFIG naming the relation and where the alias points
// (docs/queries.md: definition mistakes, columns that can never hold equal values).
import { describe, expect, it } from 'vitest';
import { convexTable, defineRelations, id, index, isOrmError, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const groups = convexTable('groups', { name: text().notNull() });
const posts = convexTable(
  'posts',
  { title: text().notNull(), authorId: id('users').notNull(), groupId: id('groups') },
  (t) => [index('by_author').on(t.authorId), index('by_group').on(t.groupId)],
);
const tables = { users, posts, groups };

const define = () =>
  defineRelations(tables, (r) => ({
    users: { posts: r.many.posts({ alias: 'x' }) },
    posts: { group: r.one.groups({ from: r.posts.groupId, to: r.groups._id, alias: 'x' }) },
  }));

describe('an alias pairing an inverse with a relation to another table', () => {
  it('is RELATION_CONFIG naming the relation', () => {
    let error: unknown;
    try {
      define();
    } catch (e) {
      error = e;
    }
    expect(isOrmError(error) && error.code).toBe('RELATION_CONFIG');
    expect((error as Error).message).toContain('relations -> users: { posts: r.many.posts(...) }');
    expect((error as Error).message).toContain('"x"');
  });
});
