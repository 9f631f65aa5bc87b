import { sameFilter } from '../filter/filterKey.js';
import { type FilterNode, type RelationFilterNode, relationNodes } from '../filter/tree.js';
import type { AnyRelation } from '../relations/relation.js';
import type { QueryExecution } from './execution.js';
import type { ParsedQuery, ParsedWith } from './parseQuery.js';
import { ALL_ROWS, cached, type RelatedSelection } from './selection.js';

const wholeReads = new WeakMap<QueryExecution, { relation: AnyRelation; selection: RelatedSelection }>();
const wholeSelections = new WeakMap<FilterNode, RelatedSelection>();

/**
 * Readies `execution` of a root `query` whose only relation filter is a
 * condition of its own (`where: { posts: { status: 'draft' } }`, not under an
 * OR or NOT) on the relation a `with` load reads every match of with the same
 * filter (`with: { posts: { where: { status: 'draft' } } }`): that filter reads
 * every match of a row's key ({@link wholeReadFor}), not up to the first, and
 * the load takes those rows. Every row it finds a match for passes (nothing
 * else is left to decide, `relationExists` being asked last) and is loaded
 * (no offset skips it), so no read is wasted: "users with drafts, with their
 * drafts" reads each user's posts once.
 */
export function readWholeForLoad(execution: QueryExecution, query: ParsedQuery): void {
  const load = loadBesideFilter(query);
  if (!load) return;
  wholeReads.set(execution, { relation: load.relation, selection: wholeSelection(load.query.filter) });
}

/** Every row passing `filter`, unordered: what a relation filter beside a load reads per row (one object per filter). */
export const wholeSelection = (filter: FilterNode | null): RelatedSelection =>
  filter ? cached(wholeSelections, filter, () => ({ ...ALL_ROWS, filter })) : ALL_ROWS;

/** The `with` load whose rows the relation filter of a root `query` reads ({@link readWholeForLoad}), if any: what `explain()` says too. */
export function loadBesideFilter(query: ParsedQuery): ParsedWith | null {
  if (query.with.length === 0 || query.offset !== 0) return null;
  const node = soleConjunct(query.filter);
  if (!node) return null;
  const load = query.with.find(
    ({ relation, query: loaded }) =>
      relation.fieldName === node.relation &&
      relation.kind === 'many' &&
      !relation.through &&
      loaded.limit === undefined &&
      loaded.offset === 0 &&
      sameFilter(loaded.filter, node.filter),
  );
  return load ?? null;
}

/** The filter's one relation filter when it is the filter or one of its top-level AND conditions, else null. */
function soleConjunct(filter: FilterNode | null): RelationFilterNode | null {
  const nodes = relationNodes(filter);
  if (nodes.length !== 1 || filter === null) return null;
  const node = nodes[0]!;
  return filter === node || (filter.kind === 'and' && filter.children.includes(node)) ? node : null;
}

/**
 * The selection of every match a relation filter of `relation` under `filter`
 * reads in `execution` ({@link readWholeForLoad}), or null: it reads up to the first.
 */
export function wholeReadFor(
  execution: QueryExecution,
  relation: AnyRelation,
  filter: FilterNode | null,
): RelatedSelection | null {
  const whole = wholeReads.get(execution);
  return whole && whole.relation === relation && sameFilter(whole.selection.filter, filter) ? whole.selection : null;
}
