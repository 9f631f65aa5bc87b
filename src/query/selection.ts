import type { FilterNode } from '../filter/tree.js';
import type { OrderTerm } from './orderTerms.js';

/** The part of a nested query that selects related rows. */
export interface RelatedSelection {
  readonly filter: FilterNode | null;
  readonly orderBy: readonly OrderTerm[];
  readonly limit: number | undefined;
  readonly offset: number;
}

// Selections are shared objects, so the read they plan is reused for every parent row.
/** The first related row. */
export const ANY_ROW: RelatedSelection = { filter: null, orderBy: [], limit: 1, offset: 0 };
/** Every related row. */
export const ALL_ROWS: RelatedSelection = { filter: null, orderBy: [], limit: undefined, offset: 0 };
