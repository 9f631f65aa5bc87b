import { compareValues, type Value } from 'convex/values';
import { storedField } from '../ownField.js';
import type { OrderSpec } from '../planner/types.js';
import type { Doc } from './readIndex.js';

/**
 * Sorts rows in memory by `orderBy` in Convex value order (absent < null <
 * numbers < strings ...). Stable, so ties keep the order they were read in.
 */
export function sortRows<T extends Doc>(rows: T[], orderBy: readonly OrderSpec[]): T[] {
  if (orderBy.length === 0) return rows;
  return rows.sort((a, b) => {
    for (const { field, direction } of orderBy) {
      const order = compareValues(
        storedField(a, field) as Value | undefined,
        storedField(b, field) as Value | undefined,
      );
      if (order !== 0) return direction === 'asc' ? order : -order;
    }
    return 0;
  });
}
