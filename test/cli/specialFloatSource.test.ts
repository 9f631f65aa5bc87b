import { describe, expect, it } from 'vitest';
import { fromConvexJson, toConvexJson } from '../../src/cli/convexJson';
import { valueSource } from '../../src/cli/source';
import { tsType } from '../../src/cli/validatorSource';

// Convex's JSON has { $float: <base64 little-endian float64> } for the numbers JSON lacks; the
// CLI read it back as that object, and printed -0 as 0.
describe('-0, NaN and the infinities in the source the CLI writes', () => {
  it.each([
    [-0, '-0', '-0'],
    [Number.NaN, 'NaN', 'number'],
    [Number.POSITIVE_INFINITY, 'Infinity', 'number'],
    [Number.NEGATIVE_INFINITY, '-Infinity', 'number'],
  ])(
    '%s: { $float } both ways, printed as itself, typed as a literal type when there is one',
    (value, source, type) => {
      const json = toConvexJson(value);
      expect(json).toEqual({ $float: expect.any(String) });
      expect(Object.is(fromConvexJson(json), value)).toBe(true);
      expect(valueSource(fromConvexJson(json))).toBe(source);
      expect(tsType({ type: 'literal', value: json as never })).toBe(type);
    },
  );

  it('other numbers stay plain JSON numbers', () => {
    expect(toConvexJson({ a: [0, 1.5, -2] })).toEqual({ a: [0, 1.5, -2] });
    expect(valueSource(fromConvexJson({ a: [0, 1.5, -2] }))).toBe('{ a: [0, 1.5, -2] }');
  });
});
