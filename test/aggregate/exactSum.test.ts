import { describe, expect, it } from 'vitest';
import {
  addValue,
  decodeSum,
  type ExactSum,
  emptySum,
  encodeSum,
  int64Total,
  isEmptySum,
  MAX_STORED_SUM_LENGTH,
  roundMean,
  roundSum,
} from '../../src/aggregate/exactSum';
import { seededRandom } from '../seededRandom';

/** The exactly rounded sum of `values`, as a bucket or the bounded scan adds them up. */
function sumOf(values: readonly number[]): number {
  const sum = emptySum();
  for (const value of values) addValue(sum, value, 1);
  return roundSum(sum);
}

/** The mean of int64s summing to `total`, as a bigint() column's `_avg` takes it. */
const meanOfInt64s = (total: bigint, count: number) =>
  roundMean({ count, units: total << 1074n, nonFinite: [0, 0, 0] });

/** Finite doubles from random bits: every exponent equally likely, subnormals and extremes included. */
function randomDoubles(seed: number, n: number): number[] {
  const next = seededRandom(seed);
  const view = new DataView(new ArrayBuffer(8));
  const values: number[] = [];
  while (values.length < n) {
    view.setUint32(0, Math.floor(next() * 2 ** 32));
    view.setUint32(4, Math.floor(next() * 2 ** 32));
    const value = view.getFloat64(0);
    if (Number.isFinite(value)) values.push(value);
  }
  return values;
}

/** Shewchuk's msum with Python's final rounding (`math.fsum`): the oracle, computed another way. */
function fsum(values: readonly number[]): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

function sumWith(values: readonly number[]): ExactSum {
  const sum = emptySum();
  for (const value of values) addValue(sum, value, 1);
  return sum;
}

describe('exact sums', () => {
  it('one value sums to itself, any finite double (subnormals, the largest)', () => {
    const values = [...randomDoubles(1, 500), 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** -1022, 0];
    for (const value of values) expect(sumOf([value])).toBe(value);
  });

  it('two values sum to their IEEE sum (one correctly rounded addition), overflow to Infinity included', () => {
    const values = randomDoubles(2, 1000);
    for (let i = 0; i + 1 < values.length; i += 2) {
      const [a, b] = [values[i]!, values[i + 1]!];
      expect(sumOf([a, b])).toBe(a + b);
    }
    expect(sumOf([Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Infinity);
  });

  it('many values sum to the correctly rounded sum (fsum), in any order, past the float64 range meanwhile', () => {
    for (let seed = 3; seed < 23; seed++) {
      // Values of similar magnitude (they cancel and carry); mixed with random doubles.
      const close = randomDoubles(seed, 40).map((value, i) => (value % 1000) * 10 ** (i % 20));
      const values = [...close, ...randomDoubles(seed + 100, 5)].filter(Number.isFinite);
      const expected = fsum(values);
      expect(sumOf(values)).toBe(expected);
      expect(sumOf([...values].reverse())).toBe(expected);
    }
    // The float sum passes the largest double on the way; the exact one does not lose it.
    expect(sumOf([Number.MAX_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE])).toBe(Number.MAX_VALUE);
    expect(sumOf([0.1, 0.2, 0.3])).toBe(0.6);
    expect(sumOf([1e17, 1, -1e17])).toBe(1);
  });

  it('removing a value undoes adding it exactly: nothing is left, the stored form too', () => {
    const values = randomDoubles(30, 200);
    const sum = sumWith(values);
    for (const value of [...values].reverse()) addValue(sum, value, -1);
    expect(isEmptySum(sum)).toBe(true);
    expect(encodeSum(sum)).toEqual([0, 0, 0, 0, 0]);
  });

  it('NaN and the infinities are tallied: IEEE results while present, no trace once removed', () => {
    const sum = sumWith([1.5, Infinity]);
    expect(roundSum(sum)).toBe(Infinity);
    addValue(sum, -Infinity, 1);
    expect(roundSum(sum)).toBeNaN();
    addValue(sum, Infinity, -1);
    expect(roundSum(sum)).toBe(-Infinity);
    addValue(sum, Number.NaN, 1);
    addValue(sum, -Infinity, -1);
    expect(roundSum(sum)).toBeNaN();
    addValue(sum, Number.NaN, -1);
    expect(roundSum(sum)).toBe(1.5);
    expect(sum.count).toBe(1);
  });

  it('the stored form round-trips, its numbers exact float64 integers, never longer than its bound', () => {
    const extremes = [Number.MAX_VALUE, Number.MAX_VALUE, 5e-324, -(2 ** 1000), Infinity, Number.NaN];
    for (const values of [[], [7], [-0.1, 0.2], randomDoubles(40, 300), extremes]) {
      const sum = sumWith(values);
      const stored = encodeSum(sum);
      expect(stored.every((n) => Number.isSafeInteger(n))).toBe(true);
      expect(stored.length).toBeLessThanOrEqual(MAX_STORED_SUM_LENGTH);
      expect(decodeSum(stored)).toEqual(sum);
    }
    // An integer sum is short: count, three tallies, the limbs' place and one limb.
    expect(encodeSum(sumWith([10, 20]))).toHaveLength(6);
    // The largest magnitude: 2^53 values of the largest double; within the bound.
    const largest: ExactSum = { count: 2 ** 53, units: (2n ** 53n - 1n) * 2n ** 2098n, nonFinite: [0, 0, 0] };
    expect(encodeSum(largest).length).toBeLessThanOrEqual(MAX_STORED_SUM_LENGTH);
  });
});

// The mean of a bigint() column (db.select()'s avg) divided Number(total) by the count: the sum was
// rounded to a float64 before the quotient was rounded again.
describe('the float64 nearest an int64 sum over a count', () => {
  /** The oracle for quotients of 2^53 or more, where every float64 is an integer: the nearest of three neighbours, ties to even. */
  function nearest(total: bigint, count: number): number {
    const guess = Number(total) / count;
    const ulp = 2 ** (Math.floor(Math.log2(Math.abs(guess))) - 52);
    const distance = (candidate: number) => {
      const d = BigInt(candidate) * BigInt(count) - total;
      return d < 0n ? -d : d;
    };
    return [guess - 2 * ulp, guess - ulp, guess, guess + ulp, guess + 2 * ulp].reduce((best, candidate) => {
      const [a, b] = [distance(candidate), distance(best)];
      if (a !== b) return a < b ? candidate : best;
      return (candidate / ulp) % 2 === 0 ? candidate : best;
    });
  }

  it('seven equal int64s average to that int64 as a float64, not to the rounded sum over seven', () => {
    const value = 853643155235332759n;
    expect(meanOfInt64s(7n * value, 7)).toBe(Number(value));
    expect(meanOfInt64s(-7n * value, 7)).toBe(-Number(value));
    expect(Number(7n * value) / 7).not.toBe(Number(value));
  });

  it('is the correctly rounded quotient, large or small, either sign', () => {
    const next = seededRandom(11);
    const int64 = () =>
      BigInt.asIntN(64, (BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32)));
    for (let i = 0; i < 2000; i++) {
      const count = 1 + Math.floor(next() * 1000);
      const total = int64() * BigInt(1 + Math.floor(next() * 1000));
      const quotient = meanOfInt64s(total, count);
      if (Math.abs(Number(total) / count) >= 2 ** 54) expect(quotient).toBe(nearest(total, count));
      const small = total % 2n ** 53n;
      // A total under 2^53 is exact as a float64: dividing it rounds once.
      expect(meanOfInt64s(small, count)).toBe(Number(small) / count);
    }
    expect(meanOfInt64s(0n, 3)).toBe(0);
  });
});

// A bigint() column's values threw a TypeError in addValue (its sums were refused): an int64 v is
// kept as v << 1074 units, the same units as a number's, so its exact sum is stored and read back.
describe('exact sums of int64s', () => {
  const MAX = 2n ** 63n - 1n;
  const MIN = -(2n ** 63n);

  it('sum exactly to a bigint; removing a value undoes adding it; the stored form round-trips within its bound', () => {
    const values = [MAX, MIN, MAX, 5n, -(2n ** 62n), 853643155235332759n];
    const sum = emptySum();
    for (const value of values) addValue(sum, value, 1);
    expect(int64Total(sum)).toBe(values.reduce((a, b) => a + b, 0n));
    const stored = encodeSum(sum);
    expect(stored.every((n) => Number.isSafeInteger(n))).toBe(true);
    expect(decodeSum(stored)).toEqual(sum);
    for (const value of [...values].reverse()) addValue(sum, value, -1);
    expect(isEmptySum(sum)).toBe(true);
    expect(encodeSum(sum)).toEqual([0, 0, 0, 0, 0]);
  });

  it('an int64 is the same units as the float64 of the same integer', () => {
    const asNumber = emptySum();
    const asInt64 = emptySum();
    addValue(asNumber, 2 ** 60, 1);
    addValue(asInt64, 2n ** 60n, 1);
    expect(asInt64).toEqual(asNumber);
  });

  it('2^53 values of ±2^63 stay far within the stored bound', () => {
    for (const units of [MIN << 1074n, MAX << 1074n]) {
      const largest: ExactSum = { count: 2 ** 53, units: units * 2n ** 53n, nonFinite: [0, 0, 0] };
      expect(encodeSum(largest).length).toBeLessThan(MAX_STORED_SUM_LENGTH / 4);
      expect(int64Total(decodeSum(encodeSum(largest)))).toBe((units >> 1074n) * 2n ** 53n);
    }
  });
});
