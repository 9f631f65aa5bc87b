import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { evaluateFilter } from '../../src/filter/evaluate';
import { asNumberType, compareColumnValues, numberTypeOf } from '../../src/filter/mixedNumbers';
import type { ComparisonOp } from '../../src/filter/tree';

const columns = (op: ComparisonOp, a: unknown, b: unknown) =>
  evaluateFilter({ kind: 'columns', field: 'a', op, other: 'b' }, { a, b });

describe('two columns of int64 and float64 compare by their numbers, as Postgres compares bigint with integer', () => {
  it('equality is exact', () => {
    expect(columns('eq', 5n, 5)).toBe(true);
    expect(columns('eq', 5, 5n)).toBe(true);
    expect(columns('eq', 5n, 5.5)).toBe(false);
    expect(columns('eq', 0n, -0)).toBe(true);
    // 2^53 + 1 is no float64: the nearest one, 2^53, is another number.
    expect(columns('eq', 2n ** 53n + 1n, 2 ** 53)).toBe(false);
    expect(columns('gt', 2n ** 53n + 1n, 2 ** 53)).toBe(true);
  });

  it('order is numeric, not int64 before float64', () => {
    expect(columns('lt', 5n, 4)).toBe(false);
    expect(columns('lt', -3n, 1)).toBe(true);
    expect(columns('gte', 5, 5n)).toBe(true);
    expect(columns('lt', 5n, 5.5)).toBe(true);
  });

  it('±Infinity lie beyond every int64, a NaN where Convex sorts it among numbers (a positive one above all)', () => {
    expect(columns('lt', 2n ** 63n - 1n, Number.POSITIVE_INFINITY)).toBe(true);
    expect(columns('gt', -(2n ** 63n), Number.NEGATIVE_INFINITY)).toBe(true);
    expect(columns('lt', 5n, Number.NaN)).toBe(true);
    expect(columns('eq', 5n, Number.NaN)).toBe(false);
    expect(compareColumnValues(-Number.NaN, 5n)).toBe(compareColumnValues(-Number.NaN, 5));
  });

  it('other pairs keep Convex order; null stays UNKNOWN', () => {
    expect(compareColumnValues('a', 5n)).toBe(1);
    expect(compareColumnValues(-0, 0)).toBe(-1);
    expect(columns('eq', null, 5)).toBeNull();
  });
});

describe('asNumberType: an outer value as the joined column stores an equal one', () => {
  it('a float64 for an int64 column: its int64 when whole and in range, else nothing equals it', () => {
    expect(asNumberType(5, 'bigint')).toBe(5n);
    expect(asNumberType(-0, 'bigint')).toBe(0n);
    expect(asNumberType(2 ** 60, 'bigint')).toBe(2n ** 60n);
    for (const none of [5.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 63]) {
      expect(asNumberType(none, 'bigint')).toBeUndefined();
    }
    expect(asNumberType(-(2 ** 63), 'bigint')).toBe(-(2n ** 63n));
  });

  it('an int64 for a float64 column: the float64 that is exactly it, else nothing', () => {
    expect(asNumberType(5n, 'number')).toBe(5);
    expect(asNumberType(2n ** 53n, 'number')).toBe(2 ** 53);
    expect(asNumberType(2n ** 53n + 1n, 'number')).toBeUndefined();
  });

  it('a value of the column type, another type or a column of both types, as given', () => {
    expect(asNumberType(5, 'number')).toBe(5);
    expect(asNumberType('x', 'bigint')).toBe('x');
    expect(asNumberType(5, null)).toBe(5);
  });

  it('numberTypeOf names the one number type a validator admits', () => {
    expect(numberTypeOf(v.int64())).toBe('bigint');
    expect(numberTypeOf(v.float64())).toBe('number');
    expect(numberTypeOf(v.union(v.float64(), v.null()))).toBe('number');
    expect(numberTypeOf(v.any())).toBeNull();
    expect(numberTypeOf(v.string())).toBeNull();
  });
});
