// A relation's name becomes a field of the validator `resultValidator` makes for a function's
// `returns`; Convex parses a function's validators as it does a schema's, keying an object's fields
// by identifiers (the backend's `ObjectValidator`), so a `returns` holding a relation named
// `co-authors` fails at deploy though convex-test runs it. `resultValidator` refuses such a name
// (`INVALID_QUERY`, naming the relation), in `with` and in `_count` at any depth; relations named
// as identifiers (an `_` first included) stay accepted.
import { describe, expect, it } from 'vitest';
import { convexTable, defineRelations, id, resultValidator, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users').notNull() });
const relations = defineRelations({ users, posts }, (r) => ({
  users: {
    'written-posts': r.many.posts({ from: r.users._id, to: r.posts.authorId }),
    _drafts: r.many.posts({ from: r.users._id, to: r.posts.authorId }),
  },
  posts: {
    'by-author': r.one.users({ from: r.posts.authorId, to: r.users._id }),
    author: r.one.users({ from: r.posts.authorId, to: r.users._id }),
  },
}));

const refusal = (make: () => unknown) => {
  try {
    make();
    return null;
  } catch (error) {
    const { code, message, details } = error as { code: string; message: string; details: unknown };
    return { code, message, details };
  }
};

describe('resultValidator and relation names Convex validators cannot hold', () => {
  it('refuses a with relation named other than an identifier, at the root and nested', () => {
    expect(refusal(() => resultValidator(relations, 'users', { with: { 'written-posts': true } } as never))).toEqual({
      code: 'INVALID_QUERY',
      message: expect.stringMatching(
        /^Relation "written-posts" of "users" cannot be a field of a validator: Convex's validators take identifiers .*Rename the relation in defineRelations\.$/,
      ),
      details: { relation: 'written-posts' },
    });
    expect(
      refusal(() =>
        resultValidator(relations, 'users', { with: { _drafts: { with: { 'by-author': true } } } } as never),
      ),
    ).toMatchObject({ code: 'INVALID_QUERY', message: expect.stringMatching(/^Relation "by-author" of "_drafts"/) });
  });

  it('refuses a _count of such a relation', () => {
    expect(
      refusal(() => resultValidator(relations, 'users', { _count: { 'written-posts': true } } as never)),
    ).toMatchObject({ code: 'INVALID_QUERY', details: { relation: 'written-posts' } });
  });

  it('accepts relations named as identifiers', () => {
    expect(
      refusal(() =>
        resultValidator(relations, 'users', {
          with: { _drafts: { with: { author: true } } },
          _count: { _drafts: true },
        }),
      ),
    ).toBeNull();
  });
});
