// The relation helpers given a malformed argument (plain JavaScript, an `as` cast) throw a typed
// RELATION_CONFIG saying what they take, not a TypeError from inside the ORM ("Cannot convert
// undefined or null to object", "config is not a function", "Cannot use 'in' operator to search for
// 'where' in 5", "columns.find is not a function"), and a value of the wrong kind is not built into
// a relation quietly (`alias: 5`, `optional: 'no'`, a misspelt key, `users: null`).
import * as orm from 'convex-orm';
import { describe, expect, it } from 'vitest';

const O = orm as any;
const users = orm.convexTable('users', { name: orm.text() });
const posts = orm.convexTable('posts', { authorId: orm.id('users') });
const tables = { users, posts };

function refusal(run: () => unknown): { code?: string; message: string } | 'accepted' {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  return 'accepted';
}

const author = (input: unknown) => (r: any) => ({ posts: { author: r.one.users(input) } });
const keys = (r: any) => ({ from: r.posts.authorId, to: r.users._id });

describe('relation helpers: malformed input is RELATION_CONFIG saying what they take', () => {
  it.each([
    ['defineRelations(null)', () => O.defineRelations(null), 'defineRelations(tables, config) takes the schema'],
    ['defineRelations([users])', () => O.defineRelations([users]), 'takes the schema'],
    ['defineRelationsPart(null)', () => O.defineRelationsPart(null), 'defineRelationsPart(tables, config) takes'],
    ['defineRelations(tables, 5)', () => O.defineRelations(tables, 5), 'takes a function of r'],
    ['a config returning undefined', () => O.defineRelations(tables, () => undefined), 'must return an object'],
    [
      'a table entry null',
      () => O.defineRelations(tables, () => ({ users: null })),
      'relations -> users: expected an object',
    ],
    [
      'a table entry 5',
      () => O.defineRelations(tables, () => ({ users: 5 })),
      'relations -> users: expected an object',
    ],
    [
      'r.one.users(5)',
      () => O.defineRelations(tables, author(5)),
      '{ author: r.one.users(...) }: expected a config object',
    ],
    ['r.one.users(null)', () => O.defineRelations(tables, author(null)), 'expected a config object'],
    [
      'from: 5',
      () => O.defineRelations(tables, (r: any) => ({ posts: { author: r.one.users({ ...keys(r), from: 5 }) } })),
      '"from" takes r.<table>.<column> or a list of them; got a number',
    ],
    [
      'to: [a column, a string]',
      () =>
        O.defineRelations(tables, (r: any) => ({
          posts: { author: r.one.users({ ...keys(r), to: [r.users._id, 'x'] }) },
        })),
      '"to" takes r.<table>.<column> or a list of them; got an array',
    ],
    [
      'alias: 5',
      () => O.defineRelations(tables, (r: any) => ({ posts: { author: r.one.users({ ...keys(r), alias: 5 }) } })),
      '"alias" takes a string; got a number',
    ],
    [
      "optional: 'no'",
      () => O.defineRelations(tables, (r: any) => ({ posts: { author: r.one.users({ ...keys(r), optional: 'no' }) } })),
      '"optional" takes true or false; got a string',
    ],
    [
      'a misspelt key',
      () => O.defineRelations(tables, (r: any) => ({ posts: { author: r.one.users({ ...keys(r), optinal: true }) } })),
      '"optinal" is not one of its keys (from, to, where, optional, alias)',
    ],
  ])('%s', (_case, run, message) => {
    const error = refusal(run);
    expect(error).not.toBe('accepted');
    expect(orm.isOrmError(error, 'RELATION_CONFIG')).toBe(true);
    expect((error as Error).message).toContain(message);
  });

  it('every key of a valid config, and an undefined entry or key, stay accepted', () => {
    const relations = O.defineRelations(tables, (r: any) => ({
      users: undefined,
      posts: {
        author: r.one.users({ ...keys(r), alias: 'writer', optional: false, where: { name: 'a' }, via: undefined }),
      },
    }));
    expect(relations.posts.relations.author).toMatchObject({ alias: 'writer', targetTable: 'users' });
  });
});
