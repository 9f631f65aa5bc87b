import { describe, expect, it } from 'vitest';
import { andNodes, type FilterNode, notNode, orNodes } from '../../src/filter/tree';

const TRUE: FilterNode = { kind: 'const', value: true };
const FALSE: FilterNode = { kind: 'const', value: false };
const a: FilterNode = { kind: 'isNull', field: 'a', negated: false };
const b: FilterNode = { kind: 'isNull', field: 'b', negated: true };

describe('filter tree combinators', () => {
  it('flatten nested nodes of the same kind; nothing given is no condition', () => {
    expect(andNodes([a, andNodes([b, a])])).toEqual({ kind: 'and', children: [a, b, a] });
    expect(orNodes([null, a])).toBe(a);
    expect(andNodes([])).toBeNull();
  });

  it('fold constants with Kleene identities: TRUE and FALSE vanish or absorb, never into "no condition"', () => {
    expect(andNodes([TRUE, a])).toBe(a);
    expect(andNodes([a, FALSE, b])).toEqual(FALSE);
    expect(orNodes([FALSE, a])).toBe(a);
    expect(orNodes([a, TRUE])).toEqual(TRUE);
    expect(andNodes([TRUE, TRUE])).toEqual(TRUE);
    expect(orNodes([FALSE])).toEqual(FALSE);
  });

  it('NOT of a constant is the other constant', () => {
    expect(notNode(TRUE)).toEqual(FALSE);
    expect(notNode(a)).toEqual({ kind: 'not', child: a });
  });
});
