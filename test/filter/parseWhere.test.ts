import { describe, expect, it } from 'vitest';
import { EmptyFilter, parseWhere } from '../../src/filter/index';
import type { FilterNode } from '../../src/filter/tree';
import { convexTable, eq, getTableConfig, gt, inArray, integer, isOrmError, text, timestamp } from '../../src/index';

const users = convexTable('users', { name: text().notNull(), age: integer(), at: timestamp({ mode: 'string' }) });
const context = { table: getTableConfig(users) };
const parse = (where: unknown) => parseWhere(where, context);

function errorOf(where: unknown): { code: string; message: string } {
  try {
    parse(where);
  } catch (error) {
    if (isOrmError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an error');
}

const UNDEFINED =
  "Unexpected 'undefined' in filter value. Use 'EmptyFilter' if you want the filter field to be skipped.";

describe('parseWhere (Drizzle v1 rc.5 grammar)', () => {
  it('shorthand values are eq; several keys are AND', () => {
    expect(parse({ name: 'Ada', age: 3 })).toEqual({
      kind: 'and',
      children: [
        { kind: 'compare', field: 'name', op: 'eq', value: 'Ada' },
        { kind: 'compare', field: 'age', op: 'eq', value: 3 },
      ],
    });
  });

  it('field operators, field-level OR/AND/NOT and system fields', () => {
    expect(parse({ age: { gt: 1, lt: 4, ne: 2 } })).toMatchObject({
      kind: 'and',
      children: [{ op: 'gt' }, { op: 'lt' }, { op: 'ne' }],
    });
    expect(parse({ age: { OR: [1, { gt: 3 }] } })).toEqual({
      kind: 'or',
      children: [
        { kind: 'compare', field: 'age', op: 'eq', value: 1 },
        { kind: 'compare', field: 'age', op: 'gt', value: 3 },
      ],
    });
    expect(parse({ age: { NOT: { eq: 1 } } })).toMatchObject({ kind: 'compare', field: 'age', op: 'ne', value: 1 });
    expect(parse({ _creationTime: { gte: 5 } })).toMatchObject({ field: '_creationTime', op: 'gte' });
  });

  it('table-level OR / AND / NOT nest', () => {
    const node = parse({ OR: [{ name: 'a' }, { AND: [{ age: 1 }, { NOT: { name: 'b' } }] }] }) as FilterNode;
    expect(node).toMatchObject({ kind: 'or', children: [{ field: 'name' }, { kind: 'and' }] });
  });

  it('in: [] matches nothing, notIn: [] everything; isNull: false is ignored', () => {
    expect(parse({ age: { in: [] } })).toEqual({ kind: 'const', value: false });
    expect(parse({ age: { notIn: [] } })).toEqual({ kind: 'const', value: true });
    expect(parse({ age: { isNull: false } })).toBeNull();
    expect(parse({ age: { isNull: true } })).toEqual({ kind: 'isNull', field: 'age', negated: false });
  });

  it('empty filters mean no condition: {}, EmptyFilter, NOT: {}, OR: [EmptyFilter]', () => {
    expect(parse({})).toBeNull();
    expect(parse(EmptyFilter)).toBeNull();
    expect(parse({ name: EmptyFilter, age: { gt: EmptyFilter } })).toBeNull();
    expect(parse({ NOT: {} })).toBeNull();
    expect(parse({ OR: [EmptyFilter] })).toBeNull();
    expect(parse({ age: { in: [1, EmptyFilter] } })).toMatchObject({ values: [1] });
  });

  it('encodes ISO string operands of string-mode timestamps', () => {
    expect(parse({ at: { gt: '1970-01-01T00:00:00.007Z' } })).toMatchObject({ value: 7 });
  });

  it.each([
    ['where: undefined', undefined],
    ['a column', { name: undefined }],
    ['an operator', { age: { eq: undefined } }],
    ['an OR item', { OR: [{ name: 'a' }, undefined] }],
    ['NOT', { NOT: undefined }],
    ['an in item', { age: { in: [1, undefined] } }],
  ])("undefined in %s throws Drizzle's message", (_case, where) => {
    expect(errorOf(where)).toEqual({ code: 'INVALID_FILTER', message: UNDEFINED });
  });

  it('empty OR / AND arrays throw at any depth', () => {
    expect(errorOf({ OR: [] }).message).toBe(
      "Unexpected empty array in filters' 'OR' section. Omit field or use 'EmptyFilter' if you want filter to be skipped.",
    );
    expect(errorOf({ age: { AND: [] } }).message).toMatch(/'AND' section/);
  });

  it("array operators with an empty array throw Drizzle's text", () => {
    for (const op of ['arrayContains', 'arrayContained', 'arrayOverlaps']) {
      expect(errorOf({ name: { [op]: [] } })).toEqual({
        code: 'INVALID_FILTER',
        message: `${op} requires at least one value`,
      });
    }
  });

  it('unknown fields, unknown operators, null shorthand and RAW throw typed errors', () => {
    expect(errorOf({ nope: 1 })).toEqual({
      code: 'UNKNOWN_COLUMN',
      message: 'Unknown relational filter field: "nope" (table "users" has no such column or relation).',
    });
    expect(errorOf({ age: { between: [1, 2] } }).message).toBe(
      'Unknown filter operator "between" on column "users.age".',
    );
    for (const op of ['constructor', 'toString', 'valueOf']) {
      expect(errorOf({ name: { [op]: 'x' } })).toEqual({
        code: 'INVALID_FILTER',
        message: `Unknown filter operator "${op}" on column "users.name".`,
      });
    }
    expect(errorOf({ age: null }).message).toMatch(/use \{ isNull: true \}/);
    expect(errorOf({ RAW: 'x' }).message).toMatch(/RAW filters are SQL-only/);
    expect(errorOf({ name: ['a'] }).message).toMatch(/write \{ eq: value \}/);
  });

  it('hands relation keys to the relation hook', () => {
    const seen: unknown[] = [];
    const node = parseWhere(
      { posts: true },
      {
        table: getTableConfig(users),
        relation: (key, value) => {
          seen.push([key, value]);
          return key === 'posts' ? { kind: 'relation', relation: key, filter: null } : undefined;
        },
      },
    );
    expect(node).toEqual({ kind: 'relation', relation: 'posts', filter: null });
    expect(seen).toEqual([['posts', true]]);
  });

  it('operands are checked against the column type at run time, as the types check them', () => {
    const bad: [unknown, string][] = [
      [{ age: { gt: {} } }, '"gt" on "users.age" got an object, which the column cannot hold'],
      [{ age: { eq: 'ten' } }, '"eq" on "users.age" got "ten", which the column cannot hold'],
      [{ name: 5 }, '"eq" on "users.name" got 5, which the column cannot hold'],
      [{ name: { eq: null } }, '"eq" on "users.name" got null, which the column cannot hold'],
      [{ name: { in: ['a', []] } }, '"in" on "users.name" got an array, which the column cannot hold'],
      [{ name: { notIn: [true] } }, '"notIn" on "users.name" got true, which the column cannot hold'],
      [{ _creationTime: { lt: 'now' } }, '"lt" on "users._creationTime" got "now", which the column cannot hold'],
    ];
    for (const [where, message] of bad) {
      const error = errorOf(where);
      expect(error.code).toBe('INVALID_FILTER');
      expect(error.message).toContain(message);
    }
    // Values of the column's type pass: null on a nullable column, an ISO string for a string-mode timestamp, any string id.
    expect(parse({ age: { gt: null } })).toEqual({ kind: 'compare', field: 'age', op: 'gt', value: null });
    expect(parse({ at: { gte: '1970-01-01T00:00:00.005Z' } })).toEqual({
      kind: 'compare',
      field: 'at',
      op: 'gte',
      value: 5,
    });
    expect(errorOf({ at: { gte: 'yesterday' } }).code).toBe('INVALID_FILTER');
    expect(parse({ _id: 'anything' })).toMatchObject({ kind: 'compare', field: '_id' });
    expect(parse({ age: { in: [1, null] } })).toMatchObject({ kind: 'in', values: [1, null] });
  });

  it('operator expressions check their operands the same way', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return isOrmError(error) ? error.code : 'not an OrmError';
      }
      return 'no error';
    };
    // An expression holds its error until a query reads its tree (`node`).
    expect(code(() => gt(users.age, {} as never).node)).toBe('INVALID_FILTER');
    expect(code(() => eq(users.name, 5 as never).node)).toBe('INVALID_FILTER');
    expect(code(() => inArray(users.age, [1, 'x' as never]).node)).toBe('INVALID_FILTER');
    expect(code(() => eq(users.age, 5).node)).toBe('no error');
  });
});
