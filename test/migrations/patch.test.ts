import { describe, expect, it } from 'vitest';
import { arrayOf, convexTable, getTableConfig, integer, number } from '../../src/index';
import { effectivePatch, sampleDiff } from '../../src/migrations/patch';

describe('effectivePatch', () => {
  const doc = { _id: 'id1', title: 'a', priority: 'high', tags: ['x'] };

  it('keeps only fields that change, and removals of present fields', () => {
    expect(effectivePatch(doc, { title: 'a', priority: 'low' })).toEqual({ priority: 'low' });
    expect(effectivePatch(doc, { tags: ['x'] })).toBeNull();
    expect(effectivePatch(doc, { priority: undefined, missing: undefined })).toEqual({ priority: undefined });
    expect(effectivePatch(doc, undefined)).toBeNull();
    expect(effectivePatch(doc, {})).toBeNull();
  });

  it("'normal' mode: a field set to undefined is written as null, so a null or absent field is no change", () => {
    const stored = { _id: 'id1', priority: 'high', note: null };
    expect(effectivePatch(stored, { priority: undefined }, 'normal')).toEqual({ priority: null });
    expect(effectivePatch(stored, { note: undefined, missing: undefined }, 'normal')).toBeNull();
    // safe_bypass removes the field: a stored null is a value it removes.
    expect(effectivePatch(stored, { note: undefined }, 'safe_bypass')).toEqual({ note: undefined });
  });

  it('compares with Convex value semantics (1 and 1n differ, null is a value)', () => {
    expect(effectivePatch({ n: 1 }, { n: 1n })).toEqual({ n: 1n });
    expect(effectivePatch({}, { n: null })).toEqual({ n: null });
  });

  it('with the table: an integer() -0 is taken as 0, as the ORM stores it; a number() -0 stays -0', () => {
    const table = getTableConfig(convexTable('tallies', { n: integer(), ns: arrayOf(integer()), r: number() }));
    expect(effectivePatch({ n: 0, ns: [0] }, { n: -0, ns: [-0] }, 'safe_bypass', table)).toBeNull();
    const rewritten = effectivePatch({ n: -0, r: 0 }, { n: -0, r: -0 }, 'safe_bypass', table);
    expect(Object.is(rewritten?.n, 0)).toBe(true);
    expect(Object.is(rewritten?.r, -0)).toBe(true);
  });

  it('describes a diff by the changed fields before and after', () => {
    expect(sampleDiff(doc, { priority: undefined, done: true })).toEqual({
      _id: 'id1',
      before: { priority: 'high' },
      after: { done: true },
    });
  });
});
