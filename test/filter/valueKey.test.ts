import { compareValues, type Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { evaluateFilter } from '../../src/filter/evaluate';
import type { FilterNode } from '../../src/filter/tree';
import { valueKey } from '../../src/filter/valueKey';

const nanWithBits = (bits: bigint) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
};
const bytes = (...items: number[]) => new Uint8Array(items).buffer as ArrayBuffer;

const samples: (Value | undefined)[] = [
  undefined,
  null,
  0,
  -0,
  1,
  1n,
  0n,
  1.5,
  Number.NaN,
  nanWithBits(0x7ff8000000000001n),
  nanWithBits(0xfff8000000000000n),
  Number.POSITIVE_INFINITY,
  true,
  false,
  '',
  '1',
  'a,b',
  '"',
  'z',
  bytes(),
  bytes(1),
  bytes(1, 2),
  [],
  [1],
  [1n],
  ['1'],
  [[1]],
  [1, 2],
  {},
  { a: 1 },
  { a: 1, b: 2 },
  { b: 2, a: 1 },
  { a: '1' },
  { 'a:1': 1 },
];

describe('valueKey names a value up to Convex value equality', () => {
  it('two values share a key exactly when compareValues says they are equal', () => {
    for (const a of samples) {
      for (const b of samples) {
        expect([a, b, valueKey(a) === valueKey(b)]).toEqual([a, b, compareValues(a, b) === 0]);
      }
    }
  });
});

describe('in lists are checked by a set lookup', () => {
  /** An in-list behind a proxy that counts every element read. */
  function countedIn(values: Value[], negated = false) {
    let reads = 0;
    const proxy = new Proxy(values, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const node: FilterNode = { kind: 'in', field: 'x', values: proxy, negated };
    return { node, reads: () => reads };
  }

  it('reads the list once, however many rows are tested', () => {
    const values = Array.from({ length: 8192 }, (_, i) => i * 2);
    const { node, reads } = countedIn(values);
    let matched = 0;
    for (let x = 0; x < 10_000; x++) if (evaluateFilter(node, { x }) === true) matched++;
    expect(matched).toBe(5000);
    expect(reads()).toBe(8192);
  });

  it('keeps SQL and Convex semantics: 1 is not 1n, -0 is not 0, NULL in the list makes a miss UNKNOWN', () => {
    const values: Value[] = [...Array.from({ length: 200 }, (_, i) => `s${i}`), 1n, 0, Number.NaN];
    const { node } = countedIn(values);
    expect(evaluateFilter(node, { x: 1n })).toBe(true);
    expect(evaluateFilter(node, { x: 1 })).toBe(false);
    expect(evaluateFilter(node, { x: 0 })).toBe(true);
    expect(evaluateFilter(node, { x: -0 })).toBe(false);
    expect(evaluateFilter(node, { x: Number.NaN })).toBe(true);
    expect(evaluateFilter(node, { x: 's7' })).toBe(true);
    expect(evaluateFilter(node, { x: null })).toBeNull();
    const withNull = countedIn([1, null], true).node;
    expect(evaluateFilter(withNull, { x: 1 })).toBe(false);
    expect(evaluateFilter(withNull, { x: 2 })).toBeNull();
    expect(evaluateFilter(countedIn([1], true).node, { x: 2 })).toBe(true);
  });
});
