import { describe, expect, it } from 'vitest';
import { evaluateFilter } from '../../src/filter/evaluate';
import { andNodes, type FilterNode, notNode, orNodes } from '../../src/filter/tree';
import { seededRandom } from '../seededRandom';

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
  });

  it('NOT is pushed down to the leaves, each the same truth in three-valued logic', () => {
    const lt: FilterNode = { kind: 'compare', field: 'x', op: 'lt', value: 8 };
    const list: FilterNode = { kind: 'in', field: 'x', values: [1, null], negated: false };
    const like: FilterNode = { kind: 'like', field: 's', pattern: 'a%', caseInsensitive: true, negated: false };
    expect(notNode(lt)).toEqual({ ...lt, op: 'gte' });
    expect(notNode({ ...lt, op: 'eq' })).toEqual({ ...lt, op: 'ne' });
    expect(notNode({ ...lt, op: 'gte' })).toEqual(lt);
    expect(notNode(list)).toEqual({ ...list, negated: true });
    expect(notNode(like)).toEqual({ ...like, negated: true });
    expect(notNode(a)).toEqual({ ...a, negated: true });
    expect(notNode(notNode(lt))).toEqual(lt);
    // De Morgan, constants folded on the way.
    expect(notNode({ kind: 'or', children: [lt, a] })).toEqual({
      kind: 'and',
      children: [
        { ...lt, op: 'gte' },
        { ...a, negated: true },
      ],
    });
    expect(notNode({ kind: 'and', children: [lt, { kind: 'not', child: b }] })).toEqual({
      kind: 'or',
      children: [{ ...lt, op: 'gte' }, b],
    });
  });

  it('NOT stays around what has no opposite node', () => {
    const exists: FilterNode = { kind: 'relation', relation: 'posts', filter: null };
    const array: FilterNode = { kind: 'array', field: 'tags', op: 'contains', values: ['a'] };
    for (const node of [exists, array]) expect(notNode(node)).toEqual({ kind: 'not', child: node });
  });

  it('NOT of a comparison of two columns is the opposite comparison', () => {
    expect(notNode({ kind: 'columns', field: 'x', op: 'lt', other: 'y' })).toEqual({
      kind: 'columns',
      field: 'x',
      op: 'gte',
      other: 'y',
    });
    expect(notNode({ kind: 'columns', field: 'x', op: 'ne', other: 'y' })).toMatchObject({ op: 'eq' });
  });
});

describe('NOT pushed down has the truth of NOT around the node (seeded)', () => {
  it('1,000 random trees, every row: TRUE, FALSE and UNKNOWN alike', () => {
    const next = seededRandom(20261207);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const values = [null, 0, 1, 2, 'a', 'b', 1n, 2n, -0, Number.NaN];
    const leaf = (): FilterNode => {
      const field = pick(['x', 'y']);
      switch (pick(['compare', 'in', 'like', 'isNull', 'columns', 'array', 'const'])) {
        case 'compare':
          return {
            kind: 'compare',
            field,
            op: pick(['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const),
            value: pick(values),
          };
        case 'in':
          return { kind: 'in', field, values: values.filter(() => next() < 0.4).concat([1]), negated: next() < 0.5 };
        case 'like':
          return {
            kind: 'like',
            field,
            pattern: pick(['a%', '_', '%']),
            caseInsensitive: next() < 0.5,
            negated: next() < 0.5,
          };
        case 'isNull':
          return { kind: 'isNull', field, negated: next() < 0.5 };
        case 'columns':
          return { kind: 'columns', field: 'x', op: pick(['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const), other: 'y' };
        case 'array':
          return { kind: 'array', field: 'tags', op: 'contains', values: [pick(['a', 'b'])] };
        default:
          return { kind: 'const', value: next() < 0.5 };
      }
    };
    const tree = (depth: number): FilterNode => {
      if (depth === 0 || next() < 0.3) return leaf();
      const kind = pick(['and', 'or', 'not'] as const);
      return kind === 'not'
        ? { kind, child: tree(depth - 1) }
        : { kind, children: [tree(depth - 1), tree(depth - 1), tree(depth - 1)] };
    };
    const rows: Record<string, unknown>[] = [];
    // Mixed number types compared as columns (int64 and float64 by their numbers), -0 and NaN too.
    const others = [undefined, null, 1, 'a', 1n, 0, -0, Number.NaN];
    for (const x of [undefined, ...values]) for (const y of others) rows.push({ x, y, tags: ['a'] });
    rows.push({ x: 1, y: 2 });
    for (let i = 0; i < 1000; i++) {
      const node = tree(4);
      const pushed = notNode(node);
      for (const row of rows) {
        expect(evaluateFilter(pushed, row), JSON.stringify({ node, row }, bigintText)).toBe(
          evaluateFilter({ kind: 'not', child: node }, row),
        );
      }
    }
  });
});

/** JSON.stringify's replacer for messages holding bigints. */
function bigintText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}
