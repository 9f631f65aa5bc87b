import type { Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { andNodes } from '../../src/filter/tree';
import { convexTable, getTableConfig, index, integer, parseWhere, text } from '../../src/index';
import { planParams } from '../../src/planner/bind';
import { describePlan } from '../../src/planner/describe';
import { MAX_COMPLEMENT_INTERVALS } from '../../src/planner/fieldRange';
import { planQuery } from '../../src/planner/plan';

// Every range condition on an index field is a necessary condition of the AND, so the read is the
// intersection of their intervals. Until it was, the planner read the first (comparisons, then
// like/ne/notIn/isNull in filter order) with the others residual: a rule's `like 'mal/%'` beside a
// where's `{ gte: 'vic/payroll', lte: 'vic/payroll' }` read Vic's rows and rejected them (an
// existence oracle against `maximumRowsRead`), and a where's `like 'mal/payroll/%'` inside the rule's
// prefix read the whole tenant. Each part here is one conjunct, as a rule's and a where's are.
const files = convexTable(
  'files',
  { path: text().notNull(), level: integer().notNull(), status: text().notNull(), salary: integer() },
  (t) => [index('by_path').on(t.path, t.salary), index('by_level').on(t.level), index('by_status').on(t.status)],
);
const table = getTableConfig(files);
const where = (...parts: object[]) => parseWhere({ AND: parts }, { table });
const plan = (...parts: object[]) => planQuery({ table, filter: where(...parts) });
const read = (...parts: object[]) => {
  const { ranges, residual } = describePlan(plan(...parts));
  return { ranges, residual };
};
const EMPTY = { kind: 'empty', table: 'files' };

describe('range conditions on one field are read as the intersection of their intervals', () => {
  it('two ranges: one interval, both consumed', () => {
    expect(read({ level: { gte: 2 } }, { level: { lt: 5 } })).toEqual({
      ranges: ['level >= 2, level < 5'],
      residual: null,
    });
  });

  it('a range beside a like prefix: the tighter bound of each side', () => {
    expect(read({ path: { like: 'mal/%' } }, { path: { gte: 'mal/m' } })).toEqual({
      ranges: ['path >= "mal/m", path < "mal0"'],
      residual: null,
    });
    expect(read({ path: { lt: 'mal/b' } }, { path: { like: 'mal/%' } })).toEqual({
      ranges: ['path >= "mal/", path < "mal/b"'],
      residual: null,
    });
  });

  it('a like inside another like reads the narrower prefix, whichever comes first', () => {
    const narrower = { ranges: ['path >= "mal/payroll/", path < "mal/payroll0"'], residual: null };
    expect(read({ path: { like: 'mal/%' } }, { path: { like: 'mal/payroll/%' } })).toEqual(narrower);
    expect(read({ path: { like: 'mal/payroll/%' } }, { path: { like: 'mal/%' } })).toEqual(narrower);
  });

  it('disjoint likes, or a range outside a like, read nothing', () => {
    expect(plan({ path: { like: 'mal/%' } }, { path: { like: 'vic/%' } })).toEqual(EMPTY);
    expect(plan({ path: { like: 'mal/%' } }, { path: { gte: 'vic/payroll', lte: 'vic/payroll' } })).toEqual(EMPTY);
  });

  it('a gt and a gte of one value keep the exclusive bound (lt and lte alike); at one point only gte with lte holds a value', () => {
    expect(read({ level: { gte: 2 } }, { level: { gt: 2 } }).ranges).toEqual(['level > 2']);
    expect(read({ level: { gt: 2 } }, { level: { gte: 2 } }).ranges).toEqual(['level > 2']);
    expect(read({ level: { lt: 5 } }, { level: { lte: 5 } }).ranges).toEqual(['level > null, level < 5']);
    expect(read({ level: { gte: 2 } }, { level: { lte: 2 } }).ranges).toEqual(['level >= 2, level <= 2']);
    expect(plan({ level: { gt: 2 } }, { level: { lte: 2 } })).toEqual(EMPTY);
    expect(plan({ level: { gte: 2 } }, { level: { lt: 2 } })).toEqual(EMPTY);
  });

  it('bounds no value lies between read nothing, within one conjunct too', () => {
    expect(plan({ level: { gte: 5, lt: 2 } })).toEqual(EMPTY);
    expect(plan({ status: { gte: 'archived', lte: 'archived' } }, { status: { ne: 'archived' } })).toEqual(EMPTY);
    expect(plan({ status: { isNull: true } }, { status: { like: 'a%' } })).toEqual(EMPTY);
  });

  it('a complement is cut to the range: the intervals of both', () => {
    expect(read({ status: { ne: 'm' } }, { status: { gte: 'a', lte: 'z' } })).toEqual({
      ranges: ['status >= "a", status < "m"', 'status > "m", status <= "z"'],
      residual: null,
    });
    expect(read({ level: { notIn: [1, 3, 20] } }, { level: { gt: 0, lt: 10 } }).ranges).toEqual([
      'level > 0, level < 1',
      'level > 1, level < 3',
      'level > 3, level < 10',
    ]);
  });

  it('a pattern past its prefix narrows the read by its prefix and stays residual', () => {
    expect(read({ path: { like: 'mal/%.txt' } }, { path: { gte: 'mal/b' } })).toEqual({
      ranges: ['path >= "mal/b", path < "mal0"'],
      residual: 'path like "mal/%.txt"',
    });
  });

  it('with an equality: on the field, its values are kept inside the intersection; before it, the intersection follows', () => {
    expect(read({ level: { in: [1, 4, 7] } }, { level: { gte: 2 } }, { level: { lt: 5 } })).toEqual({
      ranges: ['level = 4'],
      residual: null,
    });
    expect(plan({ level: 7 }, { level: { gte: 2 } }, { level: { lt: 5 } })).toEqual(EMPTY);
    expect(read({ path: 'mal/a' }, { salary: { gte: 10 } }, { salary: { lt: 20 } })).toEqual({
      ranges: ['path = "mal/a", salary >= 10, salary < 20'],
      residual: null,
    });
  });

  it('a list too long to intersect within a transaction stays residual, the range it would cut read whole', () => {
    const values = Array.from({ length: 5_000 }, (_, i) => i + 1);
    const result = plan({ level: { notIn: values } }, { level: { gte: 1, lte: 10_000 } });
    expect(describePlan(result).ranges).toEqual(['level >= 1, level <= 10000']);
    expect(describePlan(result).residual).toMatch(/^level not in \[1, 2, /);
  });

  it(`a complement beside bounds is intersected up to ${MAX_COMPLEMENT_INTERVALS} intervals; past them the bounds are one range, the complement residual`, () => {
    const few = Array.from({ length: MAX_COMPLEMENT_INTERVALS - 1 }, (_, i) => (i + 1) * 10);
    expect(read({ level: { notIn: few } }, { level: { gte: 1, lte: 1_000 } }).ranges).toHaveLength(
      MAX_COMPLEMENT_INTERVALS,
    );
    const many = [...few, 999];
    expect(read({ level: { notIn: many } }, { level: { gte: 1, lte: 1_000 } })).toEqual({
      ranges: ['level >= 1, level <= 1000'],
      residual: expect.stringMatching(/^level not in \[10, 20, /),
    });
  });

  it('without bounds, the complement of fewest intervals is read, the longer ones residual', () => {
    const long = Array.from({ length: 5_000 }, (_, i) => i + 1);
    expect(read({ level: { notIn: long } }, { level: { ne: 7 } })).toEqual({
      ranges: ['level > null, level < 7', 'level > 7'],
      residual: expect.stringMatching(/^level not in \[1, 2, /),
    });
  });

  it('under an equality prefix of many values, a range whose complements overflow reads its one-interval core', () => {
    const statuses = Array.from({ length: 700 }, (_, i) => `s${i}`);
    const withStatus = convexTable('files', { status: text().notNull(), level: integer().notNull() }, (t) => [
      index('by_status_level').on(t.status, t.level),
    ]);
    const config = getTableConfig(withStatus);
    const filter = parseWhere(
      { AND: [{ status: { in: statuses } }, { level: { gte: 1, lte: 100, notIn: [10, 20, 30, 40, 50] } }] },
      { table: config },
    );
    // 700 statuses x 6 intervals is past 4,000 ranges; 700 x the core's 1 is not.
    const described = describePlan(planQuery({ table: config, filter }));
    expect(described.ranges).toHaveLength(700);
    expect(described.ranges[0]).toBe('status = "s0", level >= 1, level <= 100');
    expect(described.residual).toMatch(/level not in \[10, 20, 30, 40, 50\]/);
  });

  it('a bound that is a param (a prepared query placeholder) is not compared: its value is not known', () => {
    const [from] = planParams(1) as [Value];
    const filter = andNodes([{ kind: 'compare', field: 'level', op: 'gt', value: from }, where({ level: { lt: 5 } })]);
    expect(planQuery({ table, filter, params: [from] })).toMatchObject({
      kind: 'index',
      index: 'by_level',
      ranges: [
        { eq: [], interval: { lower: { value: from, inclusive: false }, upper: { value: 5, inclusive: false } } },
      ],
      residual: null,
    });
  });
});
