// Schema-definition functions (run at module load) given a malformed argument throw a typed
// INVALID_SCHEMA naming what is wrong, not a TypeError from inside the ORM ("values.map is not a
// function", "v.id(tableName) requires a string", "Cannot convert a Symbol value to a string"):
// columns given undefined / null / another kind of value, names that are no strings, a check
// without a condition, a foreign key or `.references()` without their config. (Type errors too;
// JS callers and `as any` reach them.)
import * as orm from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../example/convex/schema';

const O = orm as any;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return 'accepted';
}

const table = (columns: unknown, extras?: unknown) => O.defineSchema({ t: O.convexTable('t', columns, extras) });

describe('schema definition: malformed input throws a typed OrmError', () => {
  it.each([
    // Columns
    ['a column that is undefined (circular import)', () => table({ name: O.text(), x: undefined })],
    ['a column that is null', () => table({ x: null })],
    ['a column that is not a builder', () => table({ x: 'text' })],
    ['columns null', () => table(null)],
    ['textEnum(undefined)', () => table({ x: O.textEnum(undefined) })],
    ['textEnum([null])', () => table({ x: O.textEnum([null]) })],
    ['id(undefined)', () => table({ x: O.id(undefined) })],
    ['arrayOf(undefined)', () => table({ x: O.arrayOf(undefined) })],
    ['objectOf(null)', () => table({ x: O.objectOf(null) })],
    ['objectOf({ a: undefined })', () => table({ x: O.objectOf({ a: undefined }) })],
    ['custom(undefined)', () => table({ x: O.custom(undefined) })],
    ['timestamp(null)', () => table({ x: O.timestamp(null) })],
    ['vector(Symbol())', () => table({ x: O.vector(Symbol('d')) })],
    ['references(fn, null)', () => table({ x: O.id('users').references(() => users._id, null) })],
    ['text().unique(Symbol())', () => table({ x: O.text().unique(Symbol('u')) })],
    // Extras
    [
      'extras holding undefined (cond && index())',
      () => table({ x: O.text() }, (t: any) => [undefined, O.index('i').on(t.x)]),
    ],
    [
      'extras returning an object instead of a list',
      () => table({ x: O.text() }, (t: any) => ({ i: O.index('i').on(t.x) })),
    ],
    ['extras that is not a function', () => table({ x: O.text() }, 5)],
    ['index(Symbol())', () => table({ x: O.text() }, (t: any) => [O.index(Symbol('i')).on(t.x)])],
    ['unique(Symbol())', () => table({ x: O.text() }, (t: any) => [O.unique(Symbol('u')).on(t.x)])],
    ['searchIndex(Symbol())', () => table({ x: O.text() }, (t: any) => [O.searchIndex(Symbol('s')).on(t.x)])],
    ['aggregateIndex(Symbol())', () => table({ x: O.integer() }, (t: any) => [O.aggregateIndex(Symbol('a')).on(t.x)])],
    ['check(name, 5)', () => table({ x: O.integer() }, () => [O.check('c', 5)])],
    ['foreignKey(undefined)', () => table({ x: O.id('users') }, () => [O.foreignKey(undefined)])],
  ])('%s', (_name, run) => {
    const error = thrown(run);
    expect(orm.isOrmError(error, 'INVALID_SCHEMA')).toBe(true);
  });
});

describe('defineSchema: malformed input throws a typed INVALID_SCHEMA naming what it takes', () => {
  it.each([
    ['defineSchema(null)', () => O.defineSchema(null), 'takes the tables as an object'],
    ['defineSchema([users])', () => O.defineSchema([users]), 'takes the tables as an object'],
    [
      'an entry that is no table',
      () => O.defineSchema({ users, helper: 5 }),
      '"helper" is not a table made by convexTable()',
    ],
    ['options of 5', () => O.defineSchema({ users }, 5), 'takes an options object or none'],
  ])('%s', (_name, run, message) => {
    const error = thrown(run);
    expect(orm.isOrmError(error, 'INVALID_SCHEMA')).toBe(true);
    expect((error as Error).message).toContain(message);
  });
});
