import { describe, expect, it } from 'vitest';
import { convexTable, defineRelations, id, OrmError, text } from '../../src/index';

// A relation's predefined `where` is parsed by defineRelations. When it was wrong, the error named
// the target table only ("Unknown relational filter field: "nope" (table "users" has no such
// column or relation)"), not the relation being defined: with many relations to users, which one
// is broken is left to guess. Its `where: undefined` sibling names it (details.relation), and every
// other RELATION_CONFIG error says `relations -> posts: { author: r.one.users(...) }`. A relation
// key in a predefined where (Drizzle's predefined where takes columns only) is worse: the message
// says users has no such relation, though `users.posts` is one.
const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users').notNull() });
const tables = { users, posts };

function thrown(define: () => unknown): OrmError {
  try {
    define();
  } catch (error) {
    return error as OrmError;
  }
  throw new Error('defineRelations did not throw');
}

describe("a relation's predefined where that cannot parse", () => {
  it('an unknown column: the error names the relation (posts.author)', () => {
    const error = thrown(() =>
      defineRelations(tables, (r) => ({
        posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, where: { nope: 1 } as never }) },
      })),
    );
    expect(error).toBeInstanceOf(OrmError);
    expect({ table: error.table, relation: (error.details as any)?.relation }).toEqual({
      table: 'posts',
      relation: 'author',
    });
    expect(error.code).toBe('RELATION_CONFIG');
    expect(error.message).toBe(
      'relations -> posts: { author: r.one.users(...) }: predefined where: Unknown relational filter field: "nope" (table "users" has no such column or relation).',
    );
  });

  it('a relation key: the message does not claim users has no such relation', () => {
    const error = thrown(() =>
      defineRelations(tables, (r) => ({
        users: { posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
        posts: {
          author: r.one.users({ from: r.posts.authorId, to: r.users._id, where: { posts: true } as never }),
        },
      })),
    );
    expect(error).toBeInstanceOf(OrmError);
    expect(error.message).not.toMatch(/has no such column or relation/);
    expect(error.message).toContain(
      'relations -> posts: { author: r.one.users(...) }: predefined where: "posts" is a relation of table "users", and a predefined where takes columns only',
    );
    expect({ code: error.code, relation: (error.details as any)?.relation }).toEqual({
      code: 'RELATION_CONFIG',
      relation: 'author',
    });
  });
});
