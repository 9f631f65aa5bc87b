import type { Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { evaluateFilter } from '../../src/filter/evaluate';
import { andNodes, type FilterNode } from '../../src/filter/tree';
import { convexTable, getTableConfig, index, integer, parseWhere, text } from '../../src/index';
import { bindPlan, bindsWithin, planParams } from '../../src/planner/bind';
import { analyzeConditions } from '../../src/planner/conditions';
import { describePlan } from '../../src/planner/describe';
import { planQuery } from '../../src/planner/plan';

// A tenant's files under its path prefix, clearance levels, archived rows: each rule is a range on
// a field a `where` (or a key bound later) may pin by equality.
const files = convexTable(
  'files',
  { path: text().notNull(), level: integer().notNull(), status: text().notNull(), salary: integer() },
  (t) => [
    index('by_path').on(t.path, t.salary),
    index('by_level').on(t.level, t.salary),
    index('by_status').on(t.status),
  ],
);
const table = getTableConfig(files);
const where = (...parts: object[]) => parseWhere({ AND: parts }, { table });
const conditions = (...parts: object[]) => analyzeConditions(where(...parts));
const plan = (...parts: object[]) => planQuery({ table, filter: where(...parts) });
const EMPTY = { kind: 'empty', table: 'files' };

describe("an equality beside a range on its field (a where's value, a rule's range) keeps the values inside the range", () => {
  it('a value inside the range is kept, and the exact range it implies is consumed with it', () => {
    expect(conditions({ level: 1 }, { level: { lte: 2 } }).equalities.get('level')).toEqual({
      conjuncts: [0, 1],
      values: [1],
    });
    expect(plan({ path: 'mal/notes' }, { path: { like: 'mal/%' } })).toMatchObject({
      index: 'by_path',
      ranges: [{ eq: ['mal/notes'] }],
      residual: null,
    });
  });

  it('a value outside the range is dropped: none left, nothing is read', () => {
    expect(conditions({ level: 5 }, { level: { lte: 2 } }).never).toBe(true);
    expect(plan({ path: 'vic/payroll' }, { path: { like: 'mal/%' } })).toEqual(EMPTY);
    expect(plan({ status: 'archived' }, { status: { ne: 'archived' } })).toEqual(EMPTY);
    expect(plan({ status: { notIn: ['archived', 'draft'] } }, { status: { in: ['draft', 'archived'] } })).toEqual(
      EMPTY,
    );
    // A non-null value is never null: `isNull` allows none, `isNotNull` every one.
    expect(plan({ status: 'live' }, { status: { isNull: true } })).toEqual(EMPTY);
    expect(plan({ status: 'live' }, { status: { isNotNull: true } })).toMatchObject({ residual: null });
  });

  it('an in list keeps the values inside the range: one range read for them', () => {
    expect(plan({ level: { in: [5, 1, 2] } }, { level: { lte: 2 } })).toMatchObject({
      index: 'by_level',
      ranges: [{ eq: [1] }, { eq: [2] }],
      residual: null,
    });
  });

  it('every range on the field narrows, not only the one an index would read', () => {
    // The comparisons are the range an index reads; the rule's `ne` beside them still drops the value.
    expect(plan({ status: { eq: 'archived', gte: 'a' } }, { status: { ne: 'archived' } })).toEqual(EMPTY);
    // A user's own `ne` first does not hide the rule's prefix after it.
    expect(plan({ path: { eq: 'vic/payroll', ne: 'x' } }, { path: { like: 'mal/%' } })).toEqual(EMPTY);
  });

  it('a range that is not exact (a pattern past its prefix) drops values outside its prefix and stays residual', () => {
    const rule = { path: { like: 'mal/%.txt' } };
    expect(plan({ path: 'vic/a.txt' }, rule)).toEqual(EMPTY);
    const kept = plan({ path: 'mal/a.md' }, rule);
    expect(kept).toMatchObject({ ranges: [{ eq: ['mal/a.md'] }] });
    expect(describePlan(kept).residual).toBe('path like "mal/%.txt"');
  });

  it("values compare in Convex's order, as a filter compares a constant: an int64 sorts before every float64", () => {
    const eq5n: FilterNode = { kind: 'compare', field: 'level', op: 'eq', value: 5n };
    const lte2: FilterNode = { kind: 'compare', field: 'level', op: 'lte', value: 2 };
    expect(analyzeConditions({ kind: 'and', children: [eq5n, lte2] }).equalities.get('level')?.values).toEqual([5n]);
    expect(evaluateFilter(lte2, { level: 5n })).toBe(true);
    // An integer() -0 is both stored zeros, and a range bound at a zero holds both or neither.
    expect(conditions({ level: -0 }, { level: { gt: 0 } }).never).toBe(true);
    expect(conditions({ level: -0 }, { level: { lte: 0 } }).equalities.get('level')?.values).toEqual([-0, 0]);
  });
});

describe('a key bound after planning beside a range on its field: checked as it is bound', () => {
  const [key] = planParams(1) as [Value];
  const template = (rule: object) => {
    const filter = andNodes([{ kind: 'compare', field: 'path', op: 'eq', value: key }, where(rule)]);
    return { plan: planQuery({ table, filter, params: [key] }), params: [key] };
  };

  it('reads the key, answers the range by the bound check and reads nothing for a key outside it', () => {
    const tenant = template({ path: { like: 'mal/%' } });
    expect(tenant.plan).toMatchObject({ index: 'by_path', ranges: [{ eq: [key] }] });
    expect(describePlan(tenant.plan)).toMatchObject({
      residual: null,
      boundWithin: ['path >= "mal/" and path < "mal0"'],
    });
    expect(bindPlan(tenant, ['vic/payroll'])).toEqual(EMPTY);
    expect(bindsWithin(tenant, ['vic/payroll'])).toBe(false);
    const bound = bindPlan(tenant, ['mal/notes']);
    expect(bound).toMatchObject({ kind: 'index', ranges: [{ eq: ['mal/notes'] }] });
    expect(bound).not.toHaveProperty('paramEqualities');
    expect(bindsWithin(tenant, ['mal/notes'])).toBe(true);
  });

  it('a complement range is inside one of its intervals; several ranges must each hold the key', () => {
    const notArchived = template({ path: { ne: 'archive' } });
    expect(describePlan(notArchived.plan).boundWithin).toEqual([
      '(path > null and path < "archive" or path > "archive")',
    ]);
    expect(bindPlan(notArchived, ['archive'])).toEqual(EMPTY);
    expect(bindPlan(notArchived, ['b'])).toMatchObject({ kind: 'index' });
    const both = template({ path: { like: 'mal/%', ne: 'mal/secret' } });
    expect(bindPlan(both, ['mal/secret'])).toEqual(EMPTY);
    expect(bindPlan(both, ['vic/x'])).toEqual(EMPTY);
    expect(bindPlan(both, ['mal/notes'])).toMatchObject({ kind: 'index' });
  });

  it('beside a known equality too, the values it allows are those within the range', () => {
    const plan = template({ path: { in: ['mal/a', 'vic/b'], like: 'mal/%' } }).plan;
    expect(plan).toMatchObject({ paramEqualities: [{ field: 'path', allowed: ['mal/a'] }] });
    expect(describePlan(plan).boundWithin).toEqual(['path in ["mal/a"]']);
  });
});
