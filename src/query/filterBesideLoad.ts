import { sameFilter } from '../filter/filterKey.js';
import { isRuleNode } from '../filter/ruleNodes.js';
import { type FilterNode, type RelationFilterNode, relationNodes } from '../filter/tree.js';
import type { Plan } from '../planner/types.js';
import { servesHeldRows } from '../relations/relation.js';
import type { ExecutionContext } from './context.js';
import type { QueryExecution } from './execution.js';
import { columnSpecs } from './orderTerms.js';
import type { ParsedQuery, ParsedWith } from './parseQuery.js';
import { ALL_ROWS, ANY_ROW, cached, type RelatedSelection } from './selection.js';

/** A root relation filter whose reads a `with` load takes: its node, and what it reads. */
interface BesideRead {
  readonly node: RelationFilterNode;
  readonly selection: RelatedSelection;
}

// By the execution's context, as the held reads (heldRelatedRows.ts): the relation filter may read through another execution of it.
const besideReads = new WeakMap<ExecutionContext, BesideRead>();
// By base selection (every match, or the first), then filter: one object per kind and filter.
const besideSelections = new WeakMap<RelatedSelection, WeakMap<FilterNode, RelatedSelection>>();

/**
 * Readies `execution` of a root `query` read by `plan` whose relation filter
 * reads what a `with` load beside it takes ({@link loadBesideFilter}).
 */
export function readBesideLoad(execution: QueryExecution, query: ParsedQuery, plan: Plan): void {
  const beside = loadBesideFilter(query, plan);
  if (beside) besideReads.set(execution.context, { node: beside.node, selection: besideSelection(beside.load) });
}

/**
 * What a relation filter beside `load` reads per row: every row passing its filter, unordered, or
 * for a `one` load, the first of them (the row the load takes, and all a match needs: a key of
 * many rows is not read whole).
 */
export function besideSelection({ relation, query }: ParsedWith): RelatedSelection {
  const base = relation.kind === 'one' ? ANY_ROW : ALL_ROWS;
  const { filter } = query;
  if (filter === null) return base;
  return cached(
    cached(besideSelections, base, () => new WeakMap<FilterNode, RelatedSelection>()),
    filter,
    () => ({ ...base, filter }),
  );
}

/**
 * The relation filter of a root `query` read by `plan` that reads every match
 * of a row's key, not up to the first (of a `one` relation: its first, as
 * ever), and the `with` load that takes those rows (`with: { posts: { where: { status: 'draft' } } }` beside `where: {
 * posts: { status: 'draft' } }`); null when none does. Only when that reads
 * nothing the query would not read anyway: the filter is the query's only
 * relation filter, its own (not a rule's, which other levels share), and a
 * condition of its own (not under OR or NOT), so every row it finds a match
 * for passes (`relationExists` is asked last); the rows are read in the
 * query's order (none sorted in memory after the filter) and none is
 * skipped (no offset), so each row that passes is loaded; the load reads
 * every match (no nested window; a `one` load, its first in the key's read
 * order: no `orderBy` of its own) with the same filter. Through a junction, to targets joined by
 * `_id` only ({@link servesHeldRows}). What `explain()` says too.
 */
export function loadBesideFilter(
  query: ParsedQuery,
  plan: Plan,
): { node: RelationFilterNode; load: ParsedWith } | null {
  if (plan.kind === 'empty' || query.with.length === 0 || query.offset !== 0 || sortsInMemory(query, plan)) return null;
  const node = soleConjunct(query.filter);
  if (!node || isRuleNode(node)) return null;
  const load = query.with.find(
    ({ relation, query: loaded }) =>
      relation.fieldName === node.relation &&
      servesHeldRows(relation) &&
      (relation.kind === 'one' ? loaded.limit === 1 && loaded.orderBy.length === 0 : loaded.limit === undefined) &&
      loaded.offset === 0 &&
      sameFilter(loaded.filter, node.filter),
  );
  return load ? { node, load } : null;
}

/** True when the query's rows are sorted in memory after the filter, then windowed: a relation order, or an order its plan does not give. */
function sortsInMemory(query: ParsedQuery, plan: Plan): boolean {
  if (query.orderBy.length === 0) return false;
  if (!columnSpecs(query.orderBy)) return true;
  switch (plan.kind) {
    case 'index':
    case 'union':
      return !plan.orderServed;
    case 'get':
      return plan.orderBy.length > 0;
    default:
      return false;
  }
}

/** The filter's one relation filter when it is the filter or one of its top-level AND conditions, else null. */
function soleConjunct(filter: FilterNode | null): RelationFilterNode | null {
  const nodes = relationNodes(filter);
  if (nodes.length !== 1 || filter === null) return null;
  const node = nodes[0]!;
  return filter === node || (filter.kind === 'and' && filter.children.includes(node)) ? node : null;
}

/**
 * The selection relation filter `node` reads in `execution` for a load beside it
 * ({@link readBesideLoad}), or null: it reads up to the first for itself.
 */
export function besideReadFor(execution: QueryExecution, node: RelationFilterNode): RelatedSelection | null {
  const beside = besideReads.get(execution.context);
  return beside?.node === node ? beside.selection : null;
}
