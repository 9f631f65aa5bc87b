// The one placeholder walk (collectPlaceholders) of prepared configs, selects, rules and written
// values. Found by CI at the stop of 2026-12-08: bounded by depth alone, a value holding one object
// in many places (`v = [v, v]`, sixty levels) was walked once per path, 2^60 visits, and the suite
// hung. Each object is walked once now.
import { describe, expect, it } from 'vitest';
import { collectPlaceholders, placeholder, placeholderName } from '../../src/filter/placeholder';

describe('collectPlaceholders', () => {
  it('finds every placeholder, at any depth of arrays and plain objects, by name', () => {
    const names = new Set<string>();
    const found = collectPlaceholders(
      { a: [1, { b: placeholder('x') }], c: { d: { e: [[placeholder('y')]] } } },
      names,
    );
    expect(found).toBe(true);
    expect([...names].sort()).toEqual(['x', 'y']);
    expect(placeholderName({ a: 1, b: [2, 'three'] })).toBeUndefined();
  });

  it('walks an object held in many places once, and a value holding itself ends', () => {
    let shared: unknown[] = [placeholder('deep')];
    for (let i = 0; i < 60; i++) shared = [shared, shared];
    expect(placeholderName(shared)).toBe('deep');
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = cyclic;
    cyclic.again = [cyclic, cyclic];
    expect(placeholderName(cyclic)).toBeUndefined();
  });
});
