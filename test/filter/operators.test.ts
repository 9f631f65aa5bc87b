import { describe, expect, it } from 'vitest';
import { matchesFilter } from '../../src/filter/evaluate';
import {
  and,
  arrayContains,
  arrayOf,
  arrayOverlaps,
  between,
  convexTable,
  endsWith,
  eq,
  gt,
  ilike,
  inArray,
  integer,
  isNotNull,
  isNull,
  isOrmError,
  not,
  notBetween,
  notInArray,
  or,
  startsWith,
  text,
  timestamp,
} from '../../src/index';

const users = convexTable('users', {
  name: text().notNull(),
  age: integer(),
  at: timestamp({ mode: 'string' }),
  tags: arrayOf(text().notNull()),
});
const other = convexTable('other', { x: text() });

describe('operator expressions', () => {
  it('build filter-tree nodes tagged with their table', () => {
    expect(eq(users.name, 'Ada')).toMatchObject({
      tableName: 'users',
      node: { kind: 'compare', field: 'name', op: 'eq', value: 'Ada' },
    });
    expect(inArray(users.age, [1, 2]).node).toEqual({ kind: 'in', field: 'age', values: [1, 2], negated: false });
    // The same trees as the where-object's { in: [] } / { notIn: [] }: constants.
    expect(inArray(users.age, []).node).toEqual({ kind: 'const', value: false });
    expect(notInArray(users.age, []).node).toEqual({ kind: 'const', value: true });
    expect(isNull(users.age).node).toEqual({ kind: 'isNull', field: 'age', negated: false });
    expect(isNotNull(users.age).node).toEqual({ kind: 'isNull', field: 'age', negated: true });
    expect(ilike(users.name, 'a%').node).toMatchObject({ kind: 'like', caseInsensitive: true, negated: false });
    expect(arrayContains(users.tags, ['a']).node).toEqual({
      kind: 'array',
      field: 'tags',
      op: 'contains',
      values: ['a'],
    });
  });

  it("array operators with an empty array throw Drizzle's text", () => {
    expect(() => arrayOverlaps(users.tags, []).node).toThrow('arrayOverlaps requires at least one value');
  });

  it('encode ISO strings of string-mode timestamps to milliseconds', () => {
    expect(gt(users.at, '1970-01-01T00:00:00.005Z').node).toMatchObject({ value: 5 });
    expect(gt(users.at, '1970-01-01T01:00:00+01:00').node).toMatchObject({ value: 0 });
  });

  it('between / notBetween follow SQL null semantics', () => {
    const inside = between(users.age, 10, 20).node;
    const outside = notBetween(users.age, 10, 20).node;
    expect([5, 10, 20, 25].map((age) => matchesFilter(inside, { age }))).toEqual([false, true, true, false]);
    expect([5, 10, 20, 25].map((age) => matchesFilter(outside, { age }))).toEqual([true, false, false, true]);
    expect(matchesFilter(inside, {})).toBe(false);
    expect(matchesFilter(outside, {})).toBe(false);
  });

  it('startsWith / endsWith escape LIKE wildcards in the argument', () => {
    expect(matchesFilter(startsWith(users.name, '50%').node, { name: '50% off' })).toBe(true);
    expect(matchesFilter(startsWith(users.name, '50%').node, { name: '500 off' })).toBe(false);
    expect(matchesFilter(endsWith(users.name, '_x').node, { name: 'a_x' })).toBe(true);
    expect(matchesFilter(endsWith(users.name, '_x').node, { name: 'ax' })).toBe(false);
  });

  it('and / or skip undefined conditions and return undefined when none is left', () => {
    expect(and(undefined, undefined)).toBeUndefined();
    expect(or()).toBeUndefined();
    const combined = and(eq(users.name, 'a'), undefined, gt(users.age, 1));
    expect(combined?.node).toMatchObject({ kind: 'and', children: [{ field: 'name' }, { field: 'age' }] });
    expect(not(eq(users.name, 'a')).node).toMatchObject({ kind: 'compare', field: 'name', op: 'ne' });
  });

  it('not() of no filter says what it takes, without offering undefined as and / or do', () => {
    const notMessage = not(undefined as never).failure?.message;
    expect(notMessage).toBe(
      "not() takes a filter built with the operators (eq(users.name, 'Ada')); got undefined. For an optional condition, write cond ? not(cond) : undefined.",
    );
    expect(and(eq(users.name, 'a'), 'x' as never)?.failure?.message).toMatch(
      /or undefined to leave one out; got string/,
    );
  });

  it('reject undefined values; and/or over several tables qualify their fields', () => {
    const undefinedValue = () => eq(users.name, undefined as never).node;
    expect(undefinedValue).toThrow(
      "Unexpected 'undefined' in filter value. Use 'EmptyFilter' if you want the filter field to be skipped.",
    );
    try {
      undefinedValue();
    } catch (error) {
      expect(isOrmError(error, 'INVALID_FILTER')).toBe(true);
    }
    expect(() => inArray(users.age, [1, undefined as never]).node).toThrow(/Unexpected 'undefined'/);
    const joined = and(eq(users.name, 'a'), not(eq(other.x, 'b')))!;
    expect(joined.tables).toEqual(['users', 'other']);
    expect(joined.qualified()).toEqual({
      kind: 'and',
      children: [
        { kind: 'compare', field: 'users.name', op: 'eq', value: 'a' },
        { kind: 'compare', field: 'other.x', op: 'ne', value: 'b' },
      ],
    });
    expect(eq(users.name, 'a').qualified()).toEqual({ kind: 'compare', field: 'users.name', op: 'eq', value: 'a' });
  });
});
