import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { users } from '../../example/convex/schema';
import { convexTable, getTableConfig, integer, isOrmError, objectOf, text } from '../../src/index';
import { validateFields, validateRow } from '../../src/mutation/validate';
import { insertDocument, updatePatch } from '../../src/mutation/values';
import { mismatch } from '../../src/schema/conforms';
import { codes, members } from './fixture';

const usersTable = getTableConfig(users);
const codesTable = getTableConfig(codes);
// Ids of the fixture are never needed here; a reader that accepts any string as an id of any table.
const db = { normalizeId: (_table: string, id: string) => (id.startsWith('id:') ? id : null) } as never;

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isOrmError(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected an OrmError');
}

describe('insertDocument', () => {
  it('applies default, $defaultFn, $onUpdateFn and explicit null; undefined counts as not given', () => {
    expect(insertDocument(usersTable, { name: 'A', email: 'a@x', age: undefined })).toEqual({
      name: 'A',
      email: 'a@x',
      role: 'member',
      age: null,
      verified: false,
      invitedBy: null,
    });
    const row = insertDocument(codesTable, { seenAt: '1970-01-01T00:00:00.005Z' });
    expect(row).toMatchObject({ label: 'unnamed', seenAt: 5, code: null });
    expect(typeof row.version).toBe('number');
  });

  it('leaves a missing notNull column missing for validation to report', () => {
    const row = insertDocument(usersTable, { email: 'a@x' });
    expect('name' in row).toBe(false);
    expect(thrown(() => validateRow(db, usersTable, row))).toMatchObject({
      code: 'VALIDATION',
      details: { column: 'name' },
    });
  });
});

describe('columns named like prototype keys (constructor, toString, valueOf)', () => {
  const table = getTableConfig(
    convexTable('protos', {
      constructor: text().default('d'),
      toString: integer().$onUpdateFn(() => 1),
      valueOf: text(),
    }),
  );

  it('get their default, $onUpdateFn value and explicit null on insert', () => {
    expect(insertDocument(table, {})).toEqual({ constructor: 'd', toString: 1, valueOf: null });
  });

  it('get their $onUpdateFn value on update', () => {
    expect(updatePatch(table, { valueOf: 'x' })).toEqual({ valueOf: 'x', toString: 1 });
  });
});

describe('updatePatch', () => {
  it('ignores undefined keys, keeps null, adds $onUpdateFn columns not set', () => {
    expect(updatePatch(usersTable, { age: null, name: undefined })).toEqual({ age: null });
    const patch = updatePatch(codesTable, { label: 'x' });
    expect(Object.keys(patch).sort()).toEqual(['label', 'version']);
    expect(updatePatch(codesTable, { version: 7 })).toEqual({ version: 7 });
  });

  it('throws INVALID_QUERY when nothing is left to set', () => {
    expect(thrown(() => updatePatch(usersTable, { name: undefined }))).toMatchObject({ code: 'INVALID_QUERY' });
  });
});

describe('validateFields', () => {
  it('accepts valid values and null in nullable columns', () => {
    expect(() => validateFields(db, usersTable, { name: 'A', age: 3, invitedBy: 'id:1', role: 'admin' })).not.toThrow();
    expect(() => validateFields(db, usersTable, { age: null })).not.toThrow();
  });

  it('names the column for each kind of problem', () => {
    const members_ = getTableConfig(members);
    expect(thrown(() => validateFields(db, members_, { level: 1.25 }))).toMatchObject({ details: { column: 'level' } });
    expect(thrown(() => validateFields(db, usersTable, { verified: 'yes' })).message).toBe(
      'Invalid value for "users.verified": expected a boolean, got "yes".',
    );
    expect(thrown(() => validateFields(db, usersTable, { invitedBy: 'x' })).message).toContain(
      'expected an id of table "users"',
    );
    expect(thrown(() => validateFields(db, codesTable, { day: '2026-13-01' })).message).toContain('YYYY-MM-DD');
    expect(() => validateFields(db, codesTable, { day: '2024-02-29' })).not.toThrow();
  });

  it('an objectOf field named like a prototype key is VALIDATION, not a TypeError', () => {
    const table = getTableConfig(convexTable('things', { meta: objectOf({ a: text().notNull() }) }));
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      expect(thrown(() => validateFields(db, table, { meta: { a: 'x', [name]: 'y' } })).message).toBe(
        `Invalid value for "things.meta": unknown field "${name}".`,
      );
    }
  });
});

describe('mismatch (Convex validator check)', () => {
  it('walks objects, arrays, unions, records and literals', () => {
    const validator = v.object({
      a: v.array(v.union(v.literal('x'), v.null())),
      b: v.optional(v.record(v.string(), v.int64())),
    });
    expect(mismatch(validator, { a: ['x', null] })).toBeNull();
    // A nullable union (null or one type) says what the type expects; a union of more types names none;
    // a union of literals names them, null too where it takes null, nested unions included (a nullable enum's).
    expect(mismatch(validator, { a: ['y'] })).toBe('field "a": element 0: expected one of "x", null, got "y"');
    expect(mismatch(v.union(v.null(), v.union(v.literal('a'), v.literal('b'))), 'c')).toBe(
      'expected one of "a", "b", null, got "c"',
    );
    expect(mismatch(v.union(v.literal('a'), v.literal('b')), 'c')).toBe('expected one of "a", "b", got "c"');
    expect(mismatch(v.union(v.null(), v.number()), 'c')).toBe('expected a number, got "c"');
    expect(mismatch(v.union(v.null()), 'x')).toBe('expected null, got "x"');
    expect(mismatch(v.union(v.string(), v.number(), v.null()), true)).toBe(
      'expected one of the union members, got true',
    );
    expect(mismatch(validator, { a: [], b: { k: 1 } })).toBe('field "b": key "k": expected a bigint, got 1');
    expect(mismatch(validator, { a: [], c: 1 })).toBe('unknown field "c"');
    expect(mismatch(validator, { b: {} })).toBe('field "a": a value is required');
    expect(mismatch(v.bytes(), new ArrayBuffer(1))).toBeNull();
  });

  it('a field named like a prototype key (constructor, toString) is an unknown field', () => {
    const validator = v.object({ a: v.string() });
    expect(mismatch(validator, { a: 'x', constructor: 'y' })).toBe('unknown field "constructor"');
    expect(mismatch(validator, { a: 'x', toString: 'y' })).toBe('unknown field "toString"');
  });

  it('checks the table of every v.id() it meets, with the given isId', () => {
    const isId = (table: string, id: string) => id === `${table}:1`;
    const validator = v.object({ one: v.id('owners'), many: v.array(v.union(v.id('owners'), v.null())) });
    expect(mismatch(validator, { one: 'owners:1', many: ['owners:1', null] }, isId)).toBeNull();
    expect(mismatch(validator, { one: 'others:1', many: [] }, isId)).toBe(
      'field "one": expected an id of table "owners", got "others:1"',
    );
    expect(mismatch(validator, { one: 'owners:1', many: ['others:1'] }, isId)).toBe(
      'field "many": element 0: expected an id of table "owners", got "others:1"',
    );
  });
});
