import type { Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { evaluateFilter } from '../../src/filter/evaluate';
import { type FilterNode, orNodes } from '../../src/filter/tree';
import { convexTable, getTableConfig, index, integer, parseWhere, text } from '../../src/index';
import { planParams } from '../../src/planner/bind';
import { analyzeConditions } from '../../src/planner/conditions';
import { describePlan } from '../../src/planner/describe';
import { insideEach } from '../../src/planner/interval';
import { planQuery } from '../../src/planner/plan';
import { seededRandom } from '../seededRandom';

// An OR (or an AND under one) of range conditions and equalities on one field is read as the union
// (intersection) of their intervals, as Postgres reads `a < 1 OR a > 8` through an index (a
// BitmapOr): `notBetween`, a field-level `OR`, a table-level `OR` of one field.
const items = convexTable('items', { a: integer(), s: text() }, (t) => [index('by_a').on(t.a), index('by_s').on(t.s)]);
const table = getTableConfig(items);
const read = (where: object) => {
  const { ranges, residual } = describePlan(planQuery({ table, filter: parseWhere(where, { table }) }));
  return { ranges, residual };
};

describe('a same-field OR of ranges reads the union of their intervals', () => {
  it('disjoint ranges: one index range each, nothing residual', () => {
    expect(read({ a: { OR: [{ lt: 1 }, { gt: 8 }] } })).toEqual({
      ranges: ['a > null, a < 1', 'a > 8'],
      residual: null,
    });
    expect(read({ OR: [{ a: { gt: 8 } }, { a: { lt: 1 } }] })).toEqual(read({ a: { OR: [{ lt: 1 }, { gt: 8 }] } }));
  });

  it('equalities among the ranges are points; overlapping or touching intervals merge', () => {
    expect(read({ a: { OR: [{ eq: 5 }, { gt: 8 }, { in: [9, 2] }] } })).toEqual({
      ranges: ['a >= 2, a <= 2', 'a >= 5, a <= 5', 'a > 8'],
      residual: null,
    });
    expect(read({ a: { OR: [{ lte: 3 }, { gte: 3 }] } }).ranges).toEqual(['a > null']);
    expect(read({ a: { OR: [{ lt: 3 }, { gt: 3 }] } }).ranges).toEqual(['a > null, a < 3', 'a > 3']);
    expect(read({ a: { OR: [{ gte: 1, lte: 4 }, { gte: 3, lte: 6 }, { isNull: true }] } }).ranges).toEqual([
      'a <= null',
      'a >= 1, a <= 6',
    ]);
  });

  it('a branch an interval does not say exactly (a like pattern past its prefix) keeps the OR residual', () => {
    expect(read({ s: { OR: [{ like: 'a%b' }, { like: 'c%' }] } })).toEqual({
      ranges: ['s >= "a", s < "b"', 's >= "c", s < "d"'],
      residual: '(s like "a%b" or s like "c%")',
    });
  });

  it('an OR of another field, a relation, or a bound that is a param is no range of the field', () => {
    expect(read({ OR: [{ a: { lt: 1 } }, { s: 'x' }] }).ranges).toEqual(['all']);
    const [param] = planParams(1) as [Value];
    const filter = orNodes([
      { kind: 'compare', field: 'a', op: 'lt', value: param },
      { kind: 'compare', field: 'a', op: 'gt', value: 8 },
    ]);
    expect(analyzeConditions(filter, [param]).ranges.size).toBe(0);
  });
});

/** A seeded generator and a pick from it, so every run checks the same trees. */
function generator(seed: number) {
  const next = seededRandom(seed);
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

describe('the intervals read hold exactly the rows the filter passes (seeded)', () => {
  it('600 random AND / OR / NOT trees of conditions on one field, against the evaluator', () => {
    const { next, pick } = generator(20261207);
    const operands: Value[] = [0, 1, 2, 3, 5, 8];
    const leaf = (): object => {
      const op = pick(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'isNull', 'isNotNull']);
      if (op === 'in' || op === 'notIn') return { [op]: operands.filter(() => next() < 0.3) };
      if (op === 'isNull' || op === 'isNotNull') return { [op]: true };
      return { [op]: pick(operands) };
    };
    const tree = (depth: number): object => {
      if (depth === 0 || next() < 0.35) return leaf();
      const kind = pick(['AND', 'OR', 'OR', 'NOT'] as const);
      return kind === 'NOT'
        ? { NOT: tree(depth - 1) }
        : { [kind]: [tree(depth - 1), tree(depth - 1), tree(depth - 1)] };
    };
    const rows = [undefined, null, -1, 0, 0.5, 1, 2, 2.5, 3, 4, 5, 6, 8, 9].map((a) => (a === undefined ? {} : { a }));
    let ranged = 0;
    for (let i = 0; i < 600; i++) {
      const where = { a: tree(3) };
      const filter = parseWhere(where, { table }) as FilterNode;
      const conditions = analyzeConditions(filter);
      const range = conditions.ranges.get('a') ?? conditions.equalities.get('a');
      for (const row of rows) {
        const passes = evaluateFilter(filter, row) === true;
        if (conditions.never) expect(passes, JSON.stringify({ where, row })).toBe(false);
        if (!range || conditions.never) continue;
        const intervals =
          'intervals' in range
            ? range.intervals
            : range.values.map((value) => ({
                lower: { value, inclusive: true },
                upper: { value, inclusive: true },
              }));
        const inside = insideEach((row as { a?: Value }).a, [intervals]);
        const exact = conditions.conjuncts.length === 1 && ('exact' in range ? range.exact.length === 1 : true);
        // A row the filter passes is inside the read; an exact read holds no other row.
        if (passes) expect(inside, JSON.stringify({ where, row, intervals })).toBe(true);
        if (exact) expect(passes, JSON.stringify({ where, row, intervals })).toBe(inside);
      }
      if (range) ranged++;
    }
    // Most trees are read as a range now (before, only those without OR and NOT were).
    expect(ranged).toBeGreaterThan(400);
  });
});
