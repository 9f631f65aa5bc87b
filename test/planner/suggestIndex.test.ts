import { describe, expect, it } from 'vitest';
import { convexTable, getTableConfig, integer, parseWhere, text } from '../../src/index';
import { analyzeConditions } from '../../src/planner/conditions';
import { orderNoIndexGives, suggestIndex } from '../../src/planner/suggestIndex';
import type { OrderSpec } from '../../src/planner/types';

const tasks = getTableConfig(convexTable('tasks', { owner: text(), priority: integer(), due: integer() }));
const conditions = (where: object) => analyzeConditions(parseWhere(where, { table: tasks }), []);
const order = (...specs: [string, 'asc' | 'desc'][]): OrderSpec[] =>
  specs.map(([field, direction]) => ({ field, direction }));

describe('orderNoIndexGives: the orders a Convex index gives', () => {
  it('gives fields in one direction, then _creationTime, then _id, and _id alone (by_id)', () => {
    for (const spec of [
      order(['priority', 'desc']),
      order(['priority', 'desc'], ['due', 'desc'], ['_creationTime', 'desc']),
      order(['priority', 'asc'], ['_creationTime', 'asc'], ['_id', 'asc']),
      order(['_creationTime', 'desc']),
      order(['_id', 'desc']),
      [],
    ]) {
      expect(orderNoIndexGives(spec)).toBeNull();
    }
  });

  it('says why for mixed directions and for system fields out of their place', () => {
    expect(orderNoIndexGives(order(['priority', 'desc'], ['_creationTime', 'asc']))).toBe(
      'an index gives its fields in one direction: order them all asc or all desc',
    );
    for (const spec of [
      order(['priority', 'asc'], ['_id', 'asc']),
      order(['_creationTime', 'asc'], ['priority', 'asc']),
      order(['_id', 'asc'], ['_creationTime', 'asc']),
    ]) {
      expect(orderNoIndexGives(spec)).toMatch(/^an index orders by _creationTime only after its own fields/);
    }
  });
});

describe('suggestIndex', () => {
  it('suggests the equalities, then the order the index would give', () => {
    expect(suggestIndex(conditions({ owner: 'x' }), order(['priority', 'desc'], ['_creationTime', 'desc']))).toEqual([
      'owner',
      'priority',
    ]);
    expect(suggestIndex(conditions({ owner: 'x', due: { gt: 3 } }), [])).toEqual(['owner', 'due']);
  });

  it('leaves out an order no index gives: the equalities and a range still narrow', () => {
    expect(suggestIndex(conditions({ owner: 'x' }), order(['priority', 'desc'], ['due', 'asc']))).toEqual(['owner']);
    expect(suggestIndex(conditions({}), order(['priority', 'desc'], ['_creationTime', 'asc']))).toBeNull();
    expect(suggestIndex(conditions({ due: { gt: 3 } }), order(['priority', 'asc'], ['_id', 'asc']))).toEqual(['due']);
  });
});
