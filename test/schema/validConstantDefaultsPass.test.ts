import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import {
  arrayOf,
  bigint,
  boolean,
  bytes,
  convexTable,
  custom,
  date,
  id,
  integer,
  isOrmError,
  json,
  number,
  objectOf,
  text,
  textEnum,
  timestamp,
  vector,
} from '../../src/index';

// Every valid constant `.default()` of every column kind (edge values: -0, NaN, the int64 and
// timestamp bounds, offsets, null in a nullable column, nested objects and arrays, any string as
// an id) passes convexTable: the definition-time check of constant defaults
// (constantDefaultCheckedAtDefinition.test.ts) refuses only values a write would refuse.
function definitionError(define: () => unknown): string {
  try {
    define();
  } catch (error) {
    return isOrmError(error) ? `${error.code}: ${error.message}` : `raw: ${String(error)}`;
  }
  return 'no error';
}

const cases: [string, () => unknown][] = [
  ["text().default('')", () => ({ c: text().default('') })],
  ['boolean().default(false)', () => ({ c: boolean().notNull().default(false) })],
  ['number().default(-0)', () => ({ c: number().default(-0) })],
  ['number().default(NaN)', () => ({ c: number().default(Number.NaN) })],
  ['number().default(Infinity)', () => ({ c: number().default(Number.POSITIVE_INFINITY) })],
  ['integer().default(-0)', () => ({ c: integer().default(-0) })],
  ['integer().default(MAX_SAFE)', () => ({ c: integer().default(Number.MAX_SAFE_INTEGER) })],
  ['bigint().default(2n**63n-1n)', () => ({ c: bigint().default(2n ** 63n - 1n) })],
  ['bigint().default(-(2n**63n))', () => ({ c: bigint().default(-(2n ** 63n)) })],
  ['bytes().default(new ArrayBuffer(4))', () => ({ c: bytes().default(new ArrayBuffer(4)) })],
  ['timestamp().default(0)', () => ({ c: timestamp().default(0) })],
  ['timestamp().default(-62135596800000)', () => ({ c: timestamp().default(-62_135_596_800_000) })],
  [
    "timestamp(string).default('...Z')",
    () => ({ c: timestamp({ mode: 'string' }).default('2024-01-01T00:00:00.000Z') }),
  ],
  [
    "timestamp(string).default('...+02:00')",
    () => ({ c: timestamp({ mode: 'string' }).default('2024-01-01T00:00+02:00') }),
  ],
  ['timestamp().defaultNow()', () => ({ c: timestamp().notNull().defaultNow() })],
  ['timestamp(string).defaultNow()', () => ({ c: timestamp({ mode: 'string' }).defaultNow() })],
  ['date().defaultNow()', () => ({ c: date().defaultNow() })],
  ["date().default('2024-02-29')", () => ({ c: date().default('2024-02-29') })],
  ["date().default('0001-01-01')", () => ({ c: date().default('0001-01-01') })],
  ["textEnum(['a','b']).default('b')", () => ({ c: textEnum(['a', 'b']).default('b') })],
  ["id('users').default('not-a-real-id')", () => ({ c: id('users').default('whatever' as never) })],
  ['vector(2).default([0, 0.5])', () => ({ c: vector(2).default([0, 0.5]) })],
  [
    'json().default({ nested: { deep: [1, { a: null }] } })',
    () => ({ c: json().default({ nested: { deep: [1, { a: null }] } }) }),
  ],
  ['json().default([])', () => ({ c: json().default([]) })],
  ["json().default({ _private: 1, 'a-b c': 2 })", () => ({ c: json().default({ _private: 1, 'a-b c': 2 }) })],
  ['json().default(null)', () => ({ c: json().default(null) })],
  ['json().default(1n)', () => ({ c: json().default(1n) })],
  [
    "objectOf({ a: text().notNull(), b: integer() }).default({ a: 'x' })",
    () => ({ c: objectOf({ a: text().notNull(), b: integer() }).default({ a: 'x' }) }),
  ],
  [
    "objectOf({ a, b }).default({ a: 'x', b: null })",
    () => ({ c: objectOf({ a: text().notNull(), b: integer() }).default({ a: 'x', b: null }) }),
  ],
  [
    'arrayOf(objectOf({ a: integer() })).default([{ a: 1 }, {}])',
    () => ({ c: arrayOf(objectOf({ a: integer() })).default([{ a: 1 }, {}]) }),
  ],
  ['arrayOf(text()).default([null, "x"])', () => ({ c: arrayOf(text()).default([null, 'x']) })],
  ['arrayOf(timestamp()).default([0])', () => ({ c: arrayOf(timestamp()).default([0]) })],
  ['arrayOf(date()).default(["2024-01-01"])', () => ({ c: arrayOf(date()).default(['2024-01-01']) })],
  [
    "custom(v.union(v.literal('a'), v.literal('b'))).default('a')",
    () => ({ c: custom(v.union(v.literal('a'), v.literal('b'))).default('a') }),
  ],
  [
    'custom(v.record(v.string(), v.number())).default({})',
    () => ({ c: custom(v.record(v.string(), v.number())).default({}) }),
  ],
  [
    "custom(v.object({ u: v.id('users') })).default({ u: 'x' })",
    () => ({ c: custom(v.object({ u: v.id('users') })).default({ u: 'x' as never }) }),
  ],
  [
    'custom(v.object({ o: v.optional(v.string()) })).default({})',
    () => ({ c: custom(v.object({ o: v.optional(v.string()) })).default({}) }),
  ],
  ['custom(v.array(v.int64())).default([1n])', () => ({ c: custom(v.array(v.int64())).default([1n]) })],
  ['text().notNull().default("x")', () => ({ c: text().notNull().default('x') })],
  ['text().default(null)', () => ({ c: text().default(null as never) })],
  ['integer().default(null)', () => ({ c: integer().default(null as never) })],
  ['objectOf(...).default(null)', () => ({ c: objectOf({ a: text() }).default(null as never) })],
  ['arrayOf(integer()).default([])', () => ({ c: arrayOf(integer()).notNull().default([]) })],
];

describe('valid constant defaults pass convexTable', () => {
  let n = 0;
  it.each(cases)('%s', (_label, columns) => {
    expect(definitionError(() => convexTable(`rv24b_defaults_${n++}`, columns() as never))).toBe('no error');
  });
});
