// `import * as schema from './schema'` where schema.ts also exports the users table under a second
// name (`export const people = users`), then relations declared on both keys: the table under two
// keys is reported (INVALID_SCHEMA naming both, test/relations/tableUnderTwoKeys.test.ts) before the
// relations are processed, not as a missing reverse relation that sends the user to their relations.
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

describe('one table under two keys of defineRelations, with relations declared', () => {
  it('is reported as the table under two keys, not as a missing reverse relation', () => {
    const schema = { users, people: users, posts };
    const result = failure(() =>
      defineRelations(schema, (r) => ({
        posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
        people: { posts: r.many.posts() },
      })),
    );
    expect(result).toMatchObject({ code: 'INVALID_SCHEMA' });
    expect((result as { message: string }).message).toMatch(/under two keys, "users" and "people"/);
  });
});
