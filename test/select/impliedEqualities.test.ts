import { describe, expect, it } from 'vitest';
import type { FilterNode } from '../../src/filter/tree';
import { bigint, convexTable, id, integer, text } from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import { impliedEqualities, MAX_CARRIED_VALUES } from '../../src/select/impliedEqualities';

const users = convexTable('users', { name: text(), rank: bigint(), score: integer() });
const posts = convexTable('posts', { authorId: id('users'), rank: bigint(), score: integer(), editorId: id('users') });
const scope = new Map([
  ['users', getTableConfig(users)],
  ['posts', getTableConfig(posts)],
]);
const same = (field: string, other: string): FilterNode => ({ kind: 'columns', field, op: 'eq', other });
const eqTo = (field: string, value: string | number | bigint): FilterNode => ({
  kind: 'compare',
  field,
  op: 'eq',
  value,
});

describe('impliedEqualities', () => {
  it('carries eq and in across a key equality, either way round', () => {
    const on = [same('posts.authorId', 'users._id')];
    expect(impliedEqualities(scope, on, [eqTo('users._id', 'u1')])).toEqual([eqTo('posts.authorId', 'u1')]);
    const list: FilterNode = { kind: 'in', field: 'posts.authorId', values: ['u1', 'u2'], negated: false };
    expect(impliedEqualities(scope, on, [list])).toEqual([{ ...list, field: 'users._id' }]);
  });

  it('carries an inArray of at most MAX_CARRIED_VALUES values: a longer one would be a range per value where none was written', () => {
    const on = [same('posts.authorId', 'users._id')];
    const list = (length: number): FilterNode => ({
      kind: 'in',
      field: 'users._id',
      values: Array.from({ length }, (_, i) => `u${i}`),
      negated: false,
    });
    expect(impliedEqualities(scope, on, [list(MAX_CARRIED_VALUES)])).toHaveLength(1);
    expect(impliedEqualities(scope, on, [list(MAX_CARRIED_VALUES + 1)])).toEqual([]);
  });

  it('follows equalities transitively', () => {
    const on = [same('posts.authorId', 'users._id'), same('posts.editorId', 'posts.authorId')];
    const implied = impliedEqualities(scope, on, [eqTo('users._id', 'u1')]);
    expect(implied).toHaveLength(2);
    expect(implied).toEqual(expect.arrayContaining([eqTo('posts.authorId', 'u1'), eqTo('posts.editorId', 'u1')]));
  });

  it('carries nothing that is not an equality to values, nor what is there already', () => {
    const on = [same('posts.authorId', 'users._id')];
    const notIn: FilterNode = { kind: 'in', field: 'users._id', values: ['u1'], negated: true };
    const range: FilterNode = { kind: 'compare', field: 'users._id', op: 'gt', value: 'u1' };
    expect(impliedEqualities(scope, on, [notIn, range])).toEqual([]);
    expect(impliedEqualities(scope, on, [eqTo('users._id', 'u1'), eqTo('posts.authorId', 'u1')])).toEqual([]);
    // Only `eq` of two columns makes them equal.
    const less: FilterNode = { kind: 'columns', field: 'posts.authorId', op: 'lt', other: 'users._id' };
    expect(impliedEqualities(scope, [less], [eqTo('users._id', 'u1')])).toEqual([]);
  });

  it('never carries a value across Convex’s two number types (5n never equals 5 in an index range)', () => {
    const on = [same('posts.rank', 'users.score'), same('posts.score', 'users.score')];
    expect(impliedEqualities(scope, on, [eqTo('users.score', 5)])).toEqual([eqTo('posts.score', 5)]);
  });

  it('implies nothing on a table the select does not have (its own checks refuse it)', () => {
    const on = [same('posts.authorId', 'ghosts._id')];
    expect(impliedEqualities(scope, on, [eqTo('ghosts._id', 'g1')])).toEqual([]);
  });
});
