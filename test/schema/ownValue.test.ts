import { describe, expect, it } from 'vitest';
import { bytes, convexTable, getTableConfig, isOrmError, json } from '../../src/index';
import { validateRow } from '../../src/mutation/validate';
import { insertDocument } from '../../src/mutation/values';
import { ownValue } from '../../src/schema/ownValue';

const db = { normalizeId: () => null } as never;

describe('ownValue: a value of its own for one row', () => {
  it('copies arrays, plain objects and bytes all the way down, and returns scalars as they are', () => {
    const given = { list: [1, { deep: ['x'] }], buffer: new Uint8Array([1, 2]).buffer, n: 1, s: 'a', nil: null };
    const copy = ownValue(given) as typeof given;
    expect(copy).toEqual(given);
    expect(copy).not.toBe(given);
    expect(copy.list).not.toBe(given.list);
    expect(copy.list[1]).not.toBe(given.list[1]);
    expect(copy.buffer).not.toBe(given.buffer);
    expect([...new Uint8Array(copy.buffer)]).toEqual([1, 2]);
    expect(ownValue('a')).toBe('a');
    expect(ownValue(null)).toBe(null);
  });

  it('copies a part the value holds twice once, so the copy holds it twice too', () => {
    const part = { tags: ['x'] };
    const given = { a: part, b: [part, part] };
    const copy = ownValue(given) as typeof given;
    expect(copy.a).not.toBe(part);
    expect(copy.b[0]).toBe(copy.a);
    expect(copy.b[1]).toBe(copy.a);
    expect(copy).toEqual(given);
  });

  it('leaves what validation refuses as it is, and keeps a "__proto__" key a field', () => {
    const date = new Date(0);
    expect(ownValue(date)).toBe(date);
    const parsed = JSON.parse('{"__proto__": {"a": 1}}');
    const copy = ownValue(parsed) as object;
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('stops past Convex nesting limit: a value holding itself is refused by validation, not walked forever', () => {
    const notes = getTableConfig(convexTable('notes', { data: json<unknown>().notNull() }));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const row = insertDocument(notes, { data: cyclic });
    let code: string | undefined;
    try {
      validateRow(db, notes, row);
    } catch (error) {
      if (isOrmError(error)) code = error.code;
    }
    expect(code).toBe('VALIDATION');
  });

  it('gives each row its own copy of a bytes default', () => {
    const files = getTableConfig(convexTable('files', { body: bytes().notNull().default(new ArrayBuffer(2)) }));
    const first = insertDocument(files, {}).body as ArrayBuffer;
    new Uint8Array(first)[0] = 7;
    expect([...new Uint8Array(insertDocument(files, {}).body as ArrayBuffer)]).toEqual([0, 0]);
  });
});
