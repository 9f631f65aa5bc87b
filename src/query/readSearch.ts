import type { GenericDatabaseReader } from 'convex/server';
import type { Value } from 'convex/values';
import type { SearchPlan } from '../planner/types.js';
import type { Doc } from './readIndex.js';

// Convex's search filter builder, untyped: the plan names fields at runtime.
interface SearchBuilder {
  search(field: string, query: string): SearchBuilder;
  eq(field: string, value: Value): SearchBuilder;
}

/** The results of a search plan in relevance order (Convex returns at most 1,024), read lazily. */
export function readSearch(db: GenericDatabaseReader<any>, plan: SearchPlan): AsyncIterable<Doc> {
  return db
    .query(plan.table)
    .withSearchIndex(plan.index, ((q: SearchBuilder) =>
      searchFilter(q, plan)) as never) as unknown as AsyncIterable<Doc>;
}

/** The search of `plan` with its equality filters. */
function searchFilter(q: SearchBuilder, plan: SearchPlan): SearchBuilder {
  return plan.filters.reduce(
    (builder, { field, value }) => builder.eq(field, value),
    q.search(plan.searchField, plan.query),
  );
}
