import { describe, expect, it } from 'vitest';
import { orderServed } from '../../src/planner/orderServed';
import type { OrderSpec } from '../../src/planner/types';

const asc = (field: string): OrderSpec => ({ field, direction: 'asc' });
const desc = (field: string): OrderSpec => ({ field, direction: 'desc' });
const keyFields = ['org', 'status', 'at', '_creationTime'];

describe('orderServed', () => {
  it('a field pinned to one value orders nothing, wherever it stands in the key or the orderBy', () => {
    // org in a list, status pinned: the ranges merged on (org, status, at) give (org, at) order.
    const single = new Set(['status']);
    for (const orderBy of [
      [asc('org'), asc('at')],
      [asc('org'), asc('status'), asc('at')],
      [asc('status'), asc('org')],
    ]) {
      expect(orderServed(keyFields, 2, single, orderBy)).toEqual({
        served: true,
        order: 'asc',
        sortKey: ['org', 'status', 'at', '_creationTime', '_id'],
      });
    }
    // Not an order the key does not give, nor mixed directions.
    expect(orderServed(keyFields, 2, single, [asc('at'), asc('org')]).served).toBe(false);
    expect(orderServed(keyFields, 2, single, [asc('org'), desc('at')]).served).toBe(false);
  });

  it('ranges past the prefix merge by the fields after it', () => {
    const single = new Set(['org', 'status']);
    expect(orderServed(keyFields, 2, single, [desc('at')])).toEqual({
      served: true,
      order: 'desc',
      sortKey: ['at', '_creationTime', '_id'],
    });
  });

  it('ranges that pin every key field still merge by _creationTime: _id alone does not give index order', () => {
    expect(orderServed(['_creationTime'], 1, new Set(), [])).toEqual({
      served: true,
      order: 'asc',
      sortKey: ['_creationTime', '_id'],
    });
    expect(orderServed(keyFields, 4, new Set(['org', 'status', 'at']), [desc('_creationTime')])).toMatchObject({
      served: true,
      sortKey: ['_creationTime', '_id'],
    });
  });
});
