// A relation named `_count` is refused by defineRelations (RELATION_CONFIG naming table and
// relation), as one named like a column is: `_count` is where a row holds its relation counts, and
// counts asked beside such a relation replaced its loaded rows without an error.
import { describe, expect, it } from 'vitest';
import { convexTable, defineRelations, id, isOrmError, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users').notNull() });
const tables = { users, posts };

describe('a relation named _count', () => {
  it('is refused by defineRelations with RELATION_CONFIG naming it', () => {
    let error: unknown;
    try {
      defineRelations(tables, (r) => ({
        users: { _count: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
      }));
    } catch (e) {
      error = e;
    }
    expect(isOrmError(error) && error.code).toBe('RELATION_CONFIG');
    expect((error as Error).message).toContain('relations -> users: { _count: r.many.posts(...) }');
  });
});
