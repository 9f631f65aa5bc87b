import { describe, expect, it } from 'vitest';
import { convexTable, defineRelations, defineRelationsPart, id, isOrmError, text } from '../../src/index';

// Mistakes a JavaScript user (or one casting through `any`) makes in a relations config get errors
// that name neither the table key nor the relation: INVALID_SCHEMA "Expected a table created with
// convexTable()" (from getTableConfig(undefined)), or a raw TypeError. Every other bad config is
// RELATION_CONFIG naming `relations -> <table>: { <relation>: ... }`.
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
  it('a builder not called (posts: r.many.posts) is RELATION_CONFIG naming users.posts (Drizzle skips it)', () => {
    const { code, message } = failure(() => defineRelations(tables, (r: any) => ({ users: { posts: r.many.posts } })));
    if (code !== 'no error') {
      expect(code).toBe('RELATION_CONFIG');
      expect(message).toContain('posts');
    }
  });

  it('a relation left undefined (posts: flag ? r.many.posts(...) : undefined) is skipped (as Drizzle does) or RELATION_CONFIG, not a TypeError', () => {
    const { code } = failure(() => defineRelations(tables, (r: any) => ({ users: { posts: undefined } })));
    expect(['no error', 'RELATION_CONFIG']).toContain(code);
  });

  it('a key that is no table in defineRelationsPart (a typo: user) names the key', () => {
    // Drizzle's buildRelationsParts skips such a key (`if (!relations || !tables[tsName]) continue`).
    const { code, message } = failure(() =>
      defineRelationsPart(tables, (r: any) => ({
        user: { posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
      })),
    );
    if (code !== 'no error') {
      expect(code).toBe('RELATION_CONFIG');
      expect(message).toContain('user');
    }
  });
});
