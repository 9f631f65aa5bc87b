import { OrmError } from '../errors.js';
import { valueLimitProblem } from '../limits/valueLimits.js';
import { describe, givenText } from '../schema/conforms.js';
import type { SearchIndexConfig, TableConfig } from '../schema/table.js';

/** A validated `search` option: the search index and the text to search for. */
export interface ParsedSearch {
  readonly index: SearchIndexConfig;
  readonly query: string;
}

/**
 * Validates `search: { index, query }` of a root query on `table`: a search
 * index of the table and a string Convex can take (one with an unpaired
 * surrogate, a search box's text cut mid-emoji, is refused before any read,
 * as a `where` operand with one is). Results come in relevance order, so an
 * `orderBy` with it is `INVALID_QUERY`. `search: undefined` is refused, not
 * read as no search: like `where: undefined`, it must never widen a query to
 * all rows (an optional argument passed through); leave the key out instead.
 */
export function parseSearch(
  table: TableConfig,
  input: { readonly search?: unknown },
  hasOrderBy: boolean,
): ParsedSearch | null {
  if (!('search' in input)) return null;
  const { search } = input;
  if (search === undefined) throw invalidSearch(table, 'is undefined; leave the key out for no search');
  if (typeof search !== 'object' || search === null) throw invalidSearch(table, 'must be { index, query }');
  const { index: name, query, ...rest } = search as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw invalidSearch(table, `takes only index and query; got "${unknown[0]}"`);
  const index = table.searchIndexes.find((candidate) => candidate.name === name);
  if (!index) {
    const names = table.searchIndexes.map((candidate) => `"${candidate.name}"`).join(', ');
    throw invalidSearch(
      table,
      `names no search index of the table (${givenText(name)}); ${names ? `its search indexes: ${names}` : 'declare one with searchIndex(name).on(column)'}`,
    );
  }
  if (typeof query !== 'string') throw invalidSearch(table, `needs a string query; got ${describe(query)}`);
  const problem = valueLimitProblem(query, 1);
  if (problem) {
    throw invalidSearch(
      table,
      `has a query Convex cannot take for search index "${index.name}" (${problem}); drop the unpaired half (a text cut mid-emoji ends with one)`,
    );
  }
  if (hasOrderBy) throw invalidSearch(table, 'returns results in relevance order; drop orderBy');
  return { index, query };
}

function invalidSearch(table: TableConfig, problem: string): OrmError {
  return new OrmError('INVALID_QUERY', `"search" on "${table.name}" ${problem}.`, { table: table.name });
}
