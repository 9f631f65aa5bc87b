// `.references(() => users.id)`, Drizzle's id column where Convex's is `_id` (from plain JavaScript
// or through `any`): the reference is `undefined`, and defineSchema says the referenced column does
// not exist and that the id column is `_id`, not that a table "undefined" is missing.
import { describe, expect, it } from 'vitest';
import { convexTable, defineSchema, id, isOrmError, text } from '../../src/index';

describe('a reference to a column the table does not have', () => {
  it('is INVALID_SCHEMA saying the column does not exist, with the _id hint', () => {
    const users = convexTable('users', { name: text().notNull() });
    const posts = convexTable('posts', {
      authorId: id('users')
        .notNull()
        .references(() => (users as any).id),
    });
    let error: unknown;
    try {
      defineSchema({ users, posts });
    } catch (caught) {
      error = caught;
    }
    expect(isOrmError(error) && error.code).toBe('INVALID_SCHEMA');
    expect((error as Error).message).toBe(
      `Column "posts.authorId" references undefined, not a column: the referenced column does not exist. A table's id column is "_id" (.references(() => users._id)), not "id".`,
    );
  });
});
