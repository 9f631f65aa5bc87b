import { sameFilter } from '../filter/filterKey.js';
import type { ParsedQuery, ParsedWith } from './parseQuery.js';

/**
 * The position in `query.with` of a load that reads every row `count` (one of `query.counts`)
 * counts, or -1: the same relation, no nested window, an equal filter (the `where` with the rules
 * and deletion visibility both take alike: they hold the same rule nodes, so equal keys name equal
 * trees). Such a count is the number of rows the load read for each parent, with no read of its own.
 */
export function countingLoad(query: ParsedQuery, count: ParsedWith): number {
  return query.with.findIndex(({ relation, query: loaded }) => {
    if (relation !== count.relation || loaded.limit !== undefined || loaded.offset !== 0) return false;
    return sameFilter(loaded.filter, count.query.filter);
  });
}
