import { describe, expect, it } from 'vitest';
import { valueLimitProblem } from '../../src/limits/valueLimits';

const FIELD = 2;
const nest = (levels: number): unknown => (levels === 0 ? 1 : [nest(levels - 1)]);

describe('valueLimitProblem', () => {
  it('accepts every Convex value type within the limits', () => {
    for (const value of [
      null,
      1,
      -0,
      Number.NaN,
      2n ** 63n - 1n,
      true,
      'é😀',
      new ArrayBuffer(3),
      [1, 'a'],
      { a: { b: [] } },
    ]) {
      expect(valueLimitProblem(value, FIELD)).toBeNull();
    }
    expect(valueLimitProblem({ a: undefined, constructor: 1, toString: 'x' }, FIELD)).toBeNull();
    expect(valueLimitProblem(Object.create(null), FIELD)).toBeNull();
  });

  it('counts nesting from the document: a field can hold 15 more levels', () => {
    expect(valueLimitProblem(nest(15), FIELD)).toBeNull();
    expect(valueLimitProblem(nest(16), FIELD)).toMatch(/deeper than Convex's 16 levels/);
  });

  it('names the path to the first problem', () => {
    expect(valueLimitProblem({ a: [1, { $b: 1 }] }, FIELD)).toBe(
      'field "a": element 1: field "$b": a field name cannot start with "$"',
    );
    expect(valueLimitProblem(JSON.parse('{"x":{"__proto__":1}}'), FIELD)).toMatch(/field "x": field "__proto__"/);
    expect(valueLimitProblem({ 'caf\u00e9': 1 }, FIELD)).toMatch(/ASCII/);
    expect(valueLimitProblem({ ['k'.repeat(1_025)]: 1 }, FIELD)).toMatch(/longer than Convex's 1024 characters/);
  });

  it('refuses what Convex refuses', () => {
    expect(valueLimitProblem(2n ** 63n, FIELD)).toMatch(/64-bit/);
    expect(valueLimitProblem('a\udc00', FIELD)).toMatch(/surrogate/);
    expect(valueLimitProblem([undefined], FIELD)).toMatch(/element 0: undefined/);
    expect(valueLimitProblem(new Map(), FIELD)).toMatch(/Map is not a Convex value/);
    expect(valueLimitProblem(() => 1, FIELD)).toMatch(/function is not a Convex value/);
    expect(valueLimitProblem(new Array(8_193).fill(0), FIELD)).toMatch(/8193 elements/);
    expect(valueLimitProblem(new Array(8_192).fill(0), FIELD)).toBeNull();
  });
});
