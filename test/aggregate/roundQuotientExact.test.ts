// roundQuotient (the avg of a bigint() column) against an exact rational reference: the float64 nearest
// total / count, ties to even, for random int64-range and wider totals, small and huge counts, and
// exact ties and just-past-tie quotients, both signs.
import { expect, it } from 'vitest';
import { roundQuotient } from '../../src/aggregate/exactSum';

// exact rational of a double: [num, den] with den power of 2
function toRat(d: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d);
  const bits = view.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn);
  const f = bits & 0xfffffffffffffn;
  const m = e === 0 ? f : f | (1n << 52n);
  const sgn = bits >> 63n ? -1n : 1n;
  const exp = (e === 0 ? 1 : e) - 1075;
  return exp >= 0 ? [sgn * (m << BigInt(exp)), 1n] : [sgn * m, 1n << BigInt(-exp)];
}
function next(d: number, dir: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d);
  let b = view.getBigInt64(0);
  if (d === 0) return dir * Number.MIN_VALUE;
  if (d > 0 === dir > 0) b += 1n;
  else b -= 1n;
  view.setBigInt64(0, b);
  return view.getFloat64(0);
}
const abs = (x: bigint) => (x < 0n ? -x : x);
function ref(total: bigint, count: number): number {
  const c = BigInt(count);
  const approx = Number(total) / count;
  const cands = [next(next(approx, -1), -1), next(approx, -1), approx, next(approx, 1), next(next(approx, 1), 1)];
  let best = cands[0]!;
  let bestErr: [bigint, bigint] | null = null;
  for (const d of cands) {
    const [n, den] = toRat(d);
    // |n/den - total/c| = |n*c - total*den| / (den*c)
    const err: [bigint, bigint] = [abs(n * c - total * den), den * c];
    if (bestErr === null) {
      best = d;
      bestErr = err;
      continue;
    }
    const cmp = err[0] * bestErr[1] - bestErr[0] * err[1];
    if (cmp < 0n) {
      best = d;
      bestErr = err;
    } else if (cmp === 0n) {
      // even mantissa
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, d);
      if ((view.getBigUint64(0) & 1n) === 0n) {
        best = d;
        bestErr = err;
      }
    }
  }
  return best;
}
function rnd(bits: number): bigint {
  let x = 0n;
  for (let i = 0; i < bits; i += 30) x = (x << 30n) | BigInt(Math.floor(Math.random() * 2 ** 30));
  return x & ((1n << BigInt(bits)) - 1n);
}
it('roundQuotient(total, count) is total / count rounded once to nearest, ties to even (random and tie cases, against exact rationals)', () => {
  const bad: string[] = [];
  for (let i = 0; i < 20000; i++) {
    const count =
      Math.random() < 0.3
        ? 1 + Math.floor(Math.random() * 10)
        : Math.random() < 0.5
          ? 1 + Math.floor(Math.random() * 100000)
          : Number(rnd(52)) + 1;
    const bits = 1 + Math.floor(Math.random() * 120);
    let total = rnd(bits);
    if (Math.random() < 0.5) total = -total;
    const got = roundQuotient(total, count);
    const want = ref(total, count);
    if (!Object.is(got, want) && !(got === 0 && want === 0)) bad.push(`${total}/${count}: ${got} vs ${want}`);
  }
  // ties
  for (let k = 54; k < 120; k++)
    for (const c of [1, 2, 3, 4, 8, 6, 1024]) {
      for (const t of [(1n << BigInt(k)) + 1n, (1n << BigInt(k)) + 3n, (3n << BigInt(k)) + 5n]) {
        const total = t * BigInt(c);
        for (const s of [1n, -1n]) {
          const got = roundQuotient(s * total, c);
          const want = ref(s * total, c);
          if (!Object.is(got, want)) bad.push(`tie ${s * total}/${c}: ${got} vs ${want}`);
          const got2 = roundQuotient(s * (total + 1n), c);
          const want2 = ref(s * (total + 1n), c);
          if (!Object.is(got2, want2)) bad.push(`tie+1 ${s * (total + 1n)}/${c}: ${got2} vs ${want2}`);
        }
      }
    }
  expect(bad.slice(0, 10)).toEqual([]);
});
