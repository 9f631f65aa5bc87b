import { describe, expect, it } from 'vitest';
import { copyFields, ownField, setOwnField, storedField } from '../src/ownField';

describe('setOwnField', () => {
  it('sets a field named __proto__ as an own field, leaving the prototype alone', () => {
    const row: Record<string, unknown> = {};
    setOwnField(row, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['__proto__']);
    expect((row as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('copyFields', () => {
  it('copies every own enumerable field in order, shallowly, into a new object that can gain keys', () => {
    const nested = { n: 1 };
    const source = { b: 2, a: nested, c: null };
    const copy = copyFields(source);
    expect(copy).not.toBe(source);
    expect(Object.keys(copy)).toEqual(['b', 'a', 'c']);
    expect(copy.a).toBe(nested);
    (copy as Record<string, unknown>).d = 4;
    expect(source).toEqual({ b: 2, a: nested, c: null });
  });

  it('keeps a __proto__ field an own field of the copy', () => {
    const source = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<string, unknown>;
    const copy = copyFields(source);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
  });
});

// A stored document is a plain object: `doc.valueOf` of one without that field is
// Object.prototype.valueOf, which filters, ordering and readRow took for the field's value.
describe.each([
  ['ownField', ownField],
  ['storedField', storedField],
])('%s', (_, read) => {
  it('reads a field named like an Object.prototype member only when the object has it', () => {
    const doc: Record<string, unknown> = { title: 't', toString: 'own' };
    expect([read(doc, 'valueOf'), read(doc, 'constructor'), read(doc, 'toString'), read(doc, 'title')]).toEqual([
      undefined,
      undefined,
      'own',
      't',
    ]);
  });
});
