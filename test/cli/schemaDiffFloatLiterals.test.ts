// `migrate generate`'s compatibility check reads a float literal Convex writes as `{ $float }`
// (-0, NaN, ±Infinity) as a float64: `v.int64()` does not accept it (a change from
// `custom(v.literal(-0))` to `bigint()` is breaking) and `v.float64()` does (to `number()` is
// not); bigint literals (`{ $integer }`) stay int64s.
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { accepts } from '../../src/cli/schemaDiff';
import { type ValidatorJson, validatorJson } from '../../src/migrations/validatorJson';

const json = (validator: Parameters<typeof validatorJson>[0]) => validatorJson(validator) as ValidatorJson;

describe('accepts(): float literals Convex writes as { $float }', () => {
  it('a -0 literal is not accepted by v.int64()', () => {
    expect(accepts(json(v.int64()), json(v.literal(-0)))).toBe(false);
  });
  it('NaN and Infinity literals are accepted by v.float64()', () => {
    expect(accepts(json(v.float64()), json(v.literal(Number.NaN)))).toBe(true);
    expect(accepts(json(v.float64()), json(v.literal(Number.POSITIVE_INFINITY)))).toBe(true);
  });
  it('a bigint literal is still accepted by v.int64() and not by v.float64()', () => {
    expect(accepts(json(v.int64()), json(v.literal(1n)))).toBe(true);
    expect(accepts(json(v.float64()), json(v.literal(1n)))).toBe(false);
  });
});
