// A relation's name is a field of every row that loads it: one Convex cannot return (a non-ASCII
// letter, `beiträge`, a valid TypeScript key; a leading "$") is RELATION_CONFIG at defineRelations
// naming the relation and the rule, not Convex's own error on every query loading it. The same rule
// for query `extras` keys and select keys: test/convex/returnedFieldNames.test.ts.
import { describe, expect, it } from 'vitest';
import { convexTable, defineRelations, id, isOrmError, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users').notNull() });

function failure(define: () => unknown): { code: string; message: string } | 'no error' {
  try {
    define();
  } catch (error) {
    return isOrmError(error) ? { code: error.code, message: error.message } : { code: 'not an OrmError', message: '' };
  }
  return 'no error';
}

describe('a relation name Convex cannot return as a field', () => {
  it('a non-ASCII relation name is RELATION_CONFIG at defineRelations', () => {
    const result = failure(() =>
      defineRelations({ users, posts }, (r) => ({
        users: { beiträge: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
      })),
    );
    expect(result).toMatchObject({ code: 'RELATION_CONFIG' });
    expect((result as { message: string }).message).toMatch(/beiträge/);
  });

  it('a relation name starting with "$" is RELATION_CONFIG at defineRelations', () => {
    const result = failure(() =>
      defineRelations({ users, posts }, (r) => ({
        posts: { $author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
      })),
    );
    expect(result).toMatchObject({ code: 'RELATION_CONFIG' });
    expect((result as { message: string }).message).toMatch(/\$author/);
  });
});
