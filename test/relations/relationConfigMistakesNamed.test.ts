import { describe, expect, it } from 'vitest';
import { convexTable, defineRelations, defineRelationsPart, id, isOrmError, text } from '../../src/index';

// Mistakes a JavaScript user (or one casting through `any`) makes in a relations config got errors
// that named neither the table key nor the relation: INVALID_SCHEMA "Expected a table created with
// convexTable()" (from getTableConfig(undefined)), or a raw TypeError. Drizzle skips such values
// (the relation is then missing, or fails in a query); here they are RELATION_CONFIG naming them,
// as every other bad config is.
const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users').notNull() });
const tables = { users, posts };

function failure(define: () => unknown): { code: string; message: string } {
  try {
    define();
  } catch (error) {
    return isOrmError(error)
      ? { code: error.code, message: error.message }
      : { code: 'not an OrmError', message: String(error) };
  }
  return { code: 'no error', message: '' };
}

describe('relation config mistakes name what is wrong', () => {
  it('a builder not called (posts: r.many.posts) is RELATION_CONFIG naming users.posts', () => {
    expect(failure(() => defineRelations(tables, (r: any) => ({ users: { posts: r.many.posts } })))).toEqual({
      code: 'RELATION_CONFIG',
      message:
        'relations -> users: { posts }: expected r.one.<table>(...) or r.many.<table>(...), got a function: call it (r.one.<table>() or r.many.<table>(), with a config or none).',
    });
  });

  it('a relation left undefined (posts: flag ? r.many.posts(...) : undefined) is RELATION_CONFIG, not a TypeError', () => {
    const { code, message } = failure(() => defineRelations(tables, () => ({ users: { posts: undefined } }) as never));
    expect(code).toBe('RELATION_CONFIG');
    expect(message).toContain(
      'relations -> users: { posts }: expected r.one.<table>(...) or r.many.<table>(...), got undefined',
    );
  });

  it('a key that is no table in defineRelationsPart (a typo: user) names the key', () => {
    const { code, message } = failure(() =>
      defineRelationsPart(
        tables,
        (r) =>
          ({
            user: { posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
          }) as never,
      ),
    );
    expect(code).toBe('RELATION_CONFIG');
    expect(message).toBe(
      'relations -> user: "user" is not a key of the tables given (users, posts); key each table\'s relations by its schema key.',
    );
  });

  it('so is such a key in defineRelations, which would drop its relations silently', () => {
    expect(failure(() => defineRelations(tables, () => ({ user: {} }) as never)).code).toBe('RELATION_CONFIG');
  });
});
