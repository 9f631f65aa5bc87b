import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { FilterExpression, parseWhere } from '../../src/filter/index';
import {
  arrayContained,
  arrayContains,
  arrayOf,
  arrayOverlaps,
  convexTable,
  custom,
  date,
  endsWith,
  eq,
  getTableConfig,
  id,
  ilike,
  integer,
  isOrmError,
  json,
  like,
  notIlike,
  notLike,
  objectOf,
  startsWith,
  text,
  textEnum,
  timestamp,
} from '../../src/index';

const events = convexTable('events', {
  name: text().notNull(),
  at: timestamp({ mode: 'string' }),
  age: integer(),
  tags: arrayOf(text().notNull()),
  kind: textEnum(['a', 'b']),
  day: date(),
  owner: id('users'),
  data: json(),
  either: custom(v.union(v.number(), v.string())),
  meta: objectOf({ a: text().notNull() }),
});
const parse = (where: unknown) => parseWhere(where, { table: getTableConfig(events) });

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    const built = fn();
    // An operator's expression holds its error until a query reads its tree.
    if (built instanceof FilterExpression) return errorOf(() => built.node);
  } catch (error) {
    if (isOrmError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an OrmError');
}

describe('like patterns: only on columns that store strings (both grammars)', () => {
  it('refuse a column that stores no strings, instead of matching nothing', () => {
    const message =
      '"like" on "events.age": the column is integer and stores no strings, so a pattern never matches it; compare with eq, gt, lt or inArray instead.';
    // @ts-expect-error the types refuse it too
    expect(errorOf(() => like(events.age, '1%'))).toEqual({ code: 'INVALID_FILTER', message });
    expect(errorOf(() => parse({ age: { like: '1%' } }))).toEqual({ code: 'INVALID_FILTER', message });
    for (const refuse of [
      // @ts-expect-error the types refuse it too
      () => notLike(events.tags, 'a%'),
      // @ts-expect-error the types refuse it too
      () => ilike(events.meta, 'a%'),
      // @ts-expect-error the types refuse it too
      () => startsWith(events.age, '1'),
      () => parse({ tags: { notIlike: 'a%' } }),
    ]) {
      expect(errorOf(refuse).code).toBe('INVALID_FILTER');
    }
  });

  it("refuse a timestamp({ mode: 'string' }) (stored as milliseconds), pointing to a range", () => {
    const message = `"like" on "events.at": a timestamp({ mode: 'string' }) is stored as milliseconds, so a pattern never matches it; filter a range of ISO strings instead ({ gte, lt }).`;
    expect(errorOf(() => parse({ at: { like: '2024-05%' } }))).toEqual({ code: 'INVALID_FILTER', message });
    // @ts-expect-error the types refuse it too
    expect(errorOf(() => like(events.at, '2024-05%'))).toEqual({ code: 'INVALID_FILTER', message });
  });

  it('take text, enums, dates, ids, json and custom validators that may hold a string', () => {
    for (const column of [events.name, events.kind, events.day, events.owner, events._id, events.data, events.either]) {
      expect(like(column, 'a%').node).toMatchObject({ kind: 'like', field: column.name, pattern: 'a%' });
    }
    expect(parse({ kind: { notLike: 'a%' }, data: { ilike: 'x' } })).toMatchObject({ kind: 'and' });
  });

  it('a pattern that is not a string is INVALID_FILTER in both grammars', () => {
    expect(errorOf(() => notIlike(events.name, 5 as never))).toEqual({
      code: 'INVALID_FILTER',
      message: '"notIlike" on "events.name" takes a string pattern, got 5.',
    });
    expect(errorOf(() => parse({ name: { like: 5 } })).message).toBe(
      '"like" on "events.name" takes a string pattern, got 5.',
    );
  });

  it('startsWith and endsWith check their affix under their own name, undefined included (no TypeError)', () => {
    expect(errorOf(() => endsWith(events.name, 5 as never))).toEqual({
      code: 'INVALID_FILTER',
      message: '"endsWith" on "events.name" takes a string pattern, got 5.',
    });
    expect(errorOf(() => startsWith(events.name, undefined as never))).toEqual({
      code: 'INVALID_FILTER',
      message: "Unexpected 'undefined' in filter value. Use 'EmptyFilter' if you want the filter field to be skipped.",
    });
    expect(errorOf(() => startsWith(events.age as never, '1')).message).toMatch(/^"startsWith" on "events.age": /);
    expect(startsWith(events.name, '50%_').node).toMatchObject({ kind: 'like', pattern: '50\\%\\_%' });
    expect(endsWith(events.name, 'a\\b').node).toMatchObject({ kind: 'like', pattern: '%a\\\\b' });
  });
});

describe('array operators: the values must fit the column (both grammars)', () => {
  it('an element of the wrong type is INVALID_FILTER in the operator form as in the where-object form', () => {
    expect(errorOf(() => parse({ tags: { arrayContains: [5] } })).code).toBe('INVALID_FILTER');
    expect(errorOf(() => arrayContains(events.tags, [5 as never]))).toMatchObject({
      code: 'INVALID_FILTER',
      message: expect.stringMatching(/^"arrayContains" on "events\.tags" got an array/),
    });
    expect(errorOf(() => arrayContained(events.tags, [null as never])).code).toBe('INVALID_FILTER');
    expect(errorOf(() => arrayOverlaps(events.age as never, [1])).code).toBe('INVALID_FILTER');
    expect(arrayOverlaps(events.tags, ['a', 'b']).node).toEqual({
      kind: 'array',
      field: 'tags',
      op: 'overlaps',
      values: ['a', 'b'],
    });
  });
});

describe('objectOf operands', () => {
  it('a field named like a prototype key is an unknown field (INVALID_FILTER), as on write', () => {
    for (const name of ['constructor', 'toString']) {
      expect(errorOf(() => eq(events.meta, { a: 'x', [name]: 'y' } as never)).code).toBe('INVALID_FILTER');
      expect(errorOf(() => parse({ meta: { a: 'x', [name]: 'y' } })).code).toBe('INVALID_FILTER');
    }
  });
});
