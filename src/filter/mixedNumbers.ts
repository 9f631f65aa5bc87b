import { compareValues, type GenericValidator, type Value } from 'convex/values';
import { mayHold } from '../schema/conforms.js';

/**
 * The order of the values of two columns (`lt(grades.points, grades.courseId)`, a join's ON):
 * Convex's order, except an int64 and a float64, which compare by their numbers, as Postgres
 * compares a `bigint` with an `integer`. Convex orders every int64 before every float64, so
 * `5n < 4` would hold and `5n = 5` would not. JavaScript compares a bigint with a number exactly
 * (`5n == 5`, `5n < 5.5`, `0n == -0`, ±Infinity beyond every bigint); a NaN has the place Convex
 * gives it among numbers (by its sign, above +Infinity or below -Infinity).
 */
export function compareColumnValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'bigint') return compareNumberWithInt64(a, b);
  if (typeof a === 'bigint' && typeof b === 'number') return -compareNumberWithInt64(b, a);
  return compareValues(a, b);
}

function compareNumberWithInt64(number: number, int: bigint): number {
  // Every number but a NaN sorts as 0 does against it.
  if (Number.isNaN(number)) return compareValues(number, 0);
  return number < int ? -1 : number > int ? 1 : 0;
}

/** Which of Convex's two number types a column stores, when it stores one of them only. */
export type NumberType = 'number' | 'bigint';

/** The number type a validator admits, or null when it admits both or neither (a `json()` column). */
export function numberTypeOf(validator: GenericValidator): NumberType | null {
  const number = mayHold(validator, 'number');
  if (number === mayHold(validator, 'bigint')) return null;
  return number ? 'number' : 'bigint';
}

// 2^63: the int64 range is [-2^63, 2^63).
const INT64_END = 2 ** 63;

/**
 * `value` as a column of number type `type` stores a value equal to it ({@link compareColumnValues}),
 * for an index equality on that column (a join's lookup): a whole float64 within int64's range as
 * its int64 (`5` as `5n`), an int64 as the float64 that is exactly it; `undefined` when no value of
 * the column can equal it (`5.5`, NaN or ±Infinity for an int64 column, `2n ** 53n + 1n` for a
 * float64 one). Any other value, or a column of no one number type, as given.
 */
export function asNumberType(value: Value, type: NumberType | null): Value | undefined {
  if (type === 'bigint' && typeof value === 'number') {
    return Number.isInteger(value) && value >= -INT64_END && value < INT64_END ? BigInt(value) : undefined;
  }
  if (type === 'number' && typeof value === 'bigint') {
    const number = Number(value);
    return BigInt(number) === value ? number : undefined;
  }
  return value;
}
