import { describe, expect, it } from 'vitest';
import { groupRows } from '../../src/select/group';
import type { JoinedRow } from '../../src/select/joinedRows';

const row = (flat: Record<string, unknown>): JoinedRow => ({ docs: {}, flat });
const agg = (fn: string, field: string | null) => ({
  key: `$aggregate.${fn}(${field ?? '*'})`,
  fn: fn as never,
  field,
});

describe('groupRows (Postgres aggregate semantics)', () => {
  const rows = [
    row({ 't.k': 'a', 't.v': 1 }),
    row({ 't.k': 'a', 't.v': null }),
    row({ 't.k': 'a', 't.v': 1 }),
    row({ 't.k': null, 't.v': 5 }),
    row({ 't.v': 7 }), // absent key: the same group as null
  ];

  it('groups absent and null keys together; skips nulls; distinct variants dedupe values', () => {
    const aggregates = ['count', 'countDistinct', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'min', 'max'].map((fn) =>
      agg(fn, 't.v'),
    );
    const groups = groupRows(rows, { keys: ['t.k'], aggregates: [agg('count', null), ...aggregates], having: null });
    expect(groups.map((group) => aggregates.map(({ key }) => group[key]))).toEqual([
      [2, 1, 2, 1, 1, 1, 1, 1],
      [2, 2, 12, 12, 6, 6, 5, 7],
    ]);
    expect(groups.map((group) => group['$aggregate.count(*)'])).toEqual([3, 2]);
  });

  it('without keys every row is one group, also when there are no rows (count 0, the others null)', () => {
    const aggregates = [
      agg('count', null),
      agg('count', 't.v'),
      agg('sum', 't.v'),
      agg('avg', 't.v'),
      agg('max', 't.v'),
    ];
    expect(groupRows([], { keys: [], aggregates, having: null })).toEqual([
      {
        '$aggregate.count(*)': 0,
        '$aggregate.count(t.v)': 0,
        '$aggregate.sum(t.v)': null,
        '$aggregate.avg(t.v)': null,
        '$aggregate.max(t.v)': null,
      },
    ]);
  });

  it('having keeps the groups whose filter is TRUE', () => {
    const having = { kind: 'compare', field: '$aggregate.count(*)', op: 'gt', value: 2 } as const;
    const groups = groupRows(rows, { keys: ['t.k'], aggregates: [agg('count', null)], having });
    expect(groups.map((group) => group['t.k'])).toEqual(['a']);
  });
});
