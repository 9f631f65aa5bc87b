// roundMean (every `_avg` / `avg`: of number(), integer() and bigint() columns) against an exact
// rational reference: the float64 nearest sum / count, ties to even. Int64 totals of many sizes,
// exact ties and just-past-tie quotients, both signs; and sums of random doubles, subnormals
// included, where the quotient falls on the 2^-1074 grid (no bits below it to round with but the
// guard bits). The mean of integer() values was the rounded sum over the count, rounded twice.
import { expect, it } from 'vitest';
import { addValue, type ExactSum, emptySum, roundMean } from '../../src/aggregate/exactSum';
import { seededRandom } from '../seededRandom';

const UNIT = 1n << 1074n;

/** The exact rational of a double: [numerator, denominator], the denominator a power of two. */
function toRational(d: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d);
  const bits = view.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn);
  const f = bits & 0xfffffffffffffn;
  const m = e === 0 ? f : f | (1n << 52n);
  const sign = bits >> 63n ? -1n : 1n;
  const exp = (e === 0 ? 1 : e) - 1075;
  return exp >= 0 ? [sign * (m << BigInt(exp)), 1n] : [sign * m, 1n << BigInt(-exp)];
}

/** The next double from `d` towards `dir`. */
function step(d: number, dir: 1 | -1): number {
  if (d === 0) return dir * Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d);
  view.setBigInt64(0, view.getBigInt64(0) + (d > 0 === dir > 0 ? 1n : -1n));
  return view.getFloat64(0);
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/** The double nearest units * 2^-1074 / count, ties to even, chosen among the doubles near a rough quotient. */
function nearest(units: bigint, count: number): number {
  const shift = Math.max(abs(units).toString(2).length - 60, 0);
  const exponent = shift - 1074;
  const half = Math.trunc(exponent / 2);
  const rough = ((Number(units >> BigInt(shift)) * 2 ** half) / count) * 2 ** (exponent - half);
  const candidates = [step(step(rough, -1), -1), step(rough, -1), rough, step(rough, 1), step(step(rough, 1), 1)];
  const c = BigInt(count);
  let best = candidates[0]!;
  let bestError: [bigint, bigint] | null = null;
  for (const d of candidates) {
    const [n, den] = toRational(d);
    // |n/den - units/(2^1074 c)| = |n 2^1074 c - units den| / (den 2^1074 c)
    const error: [bigint, bigint] = [abs(n * UNIT * c - units * den), den * UNIT * c];
    const compared = bestError === null ? -1n : error[0] * bestError[1] - bestError[0] * error[1];
    if (compared < 0n || (compared === 0n && isEvenSignificand(d))) {
      best = d;
      bestError = error;
    }
  }
  return best;
}

function isEvenSignificand(d: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d);
  return (view.getBigUint64(0) & 1n) === 0n;
}

const sumOfUnits = (units: bigint, count: number): ExactSum => ({ count, units, nonFinite: [0, 0, 0] });
const meanOfInt64s = (total: bigint, count: number) => roundMean(sumOfUnits(total << 1074n, count));

it('the mean of int64s is total / count rounded once to nearest, ties to even (random and tie cases)', () => {
  const next = seededRandom(17);
  const bits = (n: number) => {
    let x = 0n;
    for (let i = 0; i < n; i += 30) x = (x << 30n) | BigInt(Math.floor(next() * 2 ** 30));
    return x & ((1n << BigInt(n)) - 1n);
  };
  const bad: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const r = next();
    const count =
      r < 0.3 ? 1 + Math.floor(next() * 10) : r < 0.65 ? 1 + Math.floor(next() * 100000) : Number(bits(52)) + 1;
    let total = bits(1 + Math.floor(next() * 120));
    if (next() < 0.5) total = -total;
    const got = meanOfInt64s(total, count);
    const want = nearest(total << 1074n, count);
    if (!Object.is(got, want) && !(got === 0 && want === 0)) bad.push(`${total}/${count}: ${got} vs ${want}`);
  }
  for (let k = 54; k < 120; k++)
    for (const c of [1, 2, 3, 4, 8, 6, 1024])
      for (const t of [(1n << BigInt(k)) + 1n, (1n << BigInt(k)) + 3n, (3n << BigInt(k)) + 5n])
        for (const s of [1n, -1n])
          for (const total of [s * t * BigInt(c), s * (t * BigInt(c) + 1n)]) {
            const got = meanOfInt64s(total, c);
            const want = nearest(total << 1074n, c);
            if (!Object.is(got, want)) bad.push(`tie ${total}/${c}: ${got} vs ${want}`);
          }
  expect(bad.slice(0, 10)).toEqual([]);
});

it('the mean of doubles is their exact sum / count rounded once, subnormal quotients included', () => {
  const next = seededRandom(23);
  const view = new DataView(new ArrayBuffer(8));
  const randomDouble = () => {
    for (;;) {
      view.setUint32(0, Math.floor(next() * 2 ** 32));
      view.setUint32(4, Math.floor(next() * 2 ** 32));
      const value = view.getFloat64(0);
      // Half of them subnormal or just above, where the quotient meets the 2^-1074 grid.
      if (Number.isFinite(value)) return next() < 0.5 ? value : value * 2 ** -1000 * 2 ** -60;
    }
  };
  const bad: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const sum = emptySum();
    const n = 1 + Math.floor(next() * 6);
    for (let j = 0; j < n; j++) addValue(sum, randomDouble(), 1);
    if (sum.count === 0) continue;
    const got = roundMean(sum);
    const want = nearest(sum.units, sum.count);
    if (!Object.is(got, want) && !(got === 0 && want === 0)) bad.push(`${sum.units}/${sum.count}: ${got} vs ${want}`);
  }
  // 3 units / 2 = 1.5 units: a tie on the grid, to the even 2 units; 5 / 2 = 2.5 to 2; 7 / 2 = 3.5 to 4.
  expect([3n, 5n, 7n].map((units) => roundMean(sumOfUnits(units, 2)))).toEqual([2, 2, 4].map((u) => u * 2 ** -1074));
  expect(bad.slice(0, 10)).toEqual([]);
});

it('the mean of integer() values is rounded once: (2 MAX_SAFE_INTEGER + 3) / 3, not the rounded sum over 3', () => {
  const sum = emptySum();
  for (const value of [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 3]) addValue(sum, value, 1);
  expect(roundMean(sum)).toBe(6004799503160662);
  expect((2 * Number.MAX_SAFE_INTEGER + 3) / 3).toBe(6004799503160661);
});

it('a non-finite sum has that mean', () => {
  const of = (values: number[]) => {
    const sum = emptySum();
    for (const value of values) addValue(sum, value, 1);
    return roundMean(sum);
  };
  expect(of([1, Infinity])).toBe(Infinity);
  expect(of([1, -Infinity])).toBe(-Infinity);
  expect(of([Infinity, -Infinity])).toBeNaN();
  expect(of([Number.NaN, 2])).toBeNaN();
});
