import type { RowTest } from './filterRows.js';
import type { Doc } from './readIndex.js';

/**
 * `test` for the first sight of each document, false for any later one: a union (an `OR` across
 * fields read through an index per branch) reads a document two branches reach twice (both
 * reads count), and passes it once. Made per read of the plan (a query's, a page's).
 */
export function onceEach(test: RowTest<Doc>): RowTest<Doc> {
  const seen = new Set<unknown>();
  return (doc) => {
    if (seen.has(doc._id)) return false;
    seen.add(doc._id);
    return test(doc);
  };
}
