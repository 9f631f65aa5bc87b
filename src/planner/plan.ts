import type { Value } from 'convex/values';
import { isRuleNode } from '../filter/ruleNodes.js';
import type { FilterNode } from '../filter/tree.js';
import { valueKey } from '../filter/valueKey.js';
import type { TableConfig } from '../schema/table.js';
import { chooseIndex } from './chooseIndex.js';
import { analyzeConditions, type Conditions, type EqualityCondition, paramEqualitiesOf } from './conditions.js';
import { indexPlan, residualWithout } from './indexPlan.js';
import type { OrderSpec, Plan } from './types.js';
import { orMatchesNothing, planUnion } from './union.js';

/** What the planner needs to know about one read. */
export interface PlanInput {
  readonly table: TableConfig;
  readonly filter: FilterNode | null;
  readonly orderBy?: readonly OrderSpec[];
  /** The number of rows wanted (offset included); `undefined` reads every match. */
  readonly limit?: number;
  /**
   * The rows must come in `orderBy` order from the index (a page, whose
   * cursor is an index key): an index that gives the order comes first.
   */
  readonly inIndexOrder?: boolean;
  /**
   * The fields this read is keyed by, their values bound per parent or row
   * (a relation's target columns, a junction's source columns, a join's
   * keys): only an index whose equality prefix pins them all is chosen when
   * the table has one (DESIGN.md sections 6 and 14), so each keyed read
   * stays within its own key's rows. A read over the span of many keys pins
   * its key field by that range instead: an index of another condition
   * would walk past the span.
   */
  readonly pinned?: readonly string[];
  /**
   * Values standing for ones bound after planning (a template's params, `explain()`'s `?`): an
   * equality holding one is not intersected with the others on its field (`analyzeConditions`).
   */
  readonly params?: readonly Value[];
  /**
   * `limit` only caps a read that wants every match (a statement's row cap, which it passes only to
   * fail): a plan that reads every match, in any order, is as good as one that may stop at it.
   */
  readonly capped?: boolean;
}

/**
 * The ids in the order the `in` list gave them (vector search results by
 * score, a list the caller sorted), so `findMany({ where: { _id: { in: ids } } })`
 * without `orderBy` returns the rows in that order; ids the list lacks come last.
 * It reorders and never drops: an id may be a param a join or relation binds
 * per row (bind.ts), equal to no list value now and maybe to one once bound, so
 * dropping would depend on a value planning does not know. The list stays in the
 * residual, and the read skips an id it rejects without reading it (selectRows.ts).
 */
function inGivenOrder(ids: readonly Value[], conjunct: FilterNode): readonly Value[] {
  if (conjunct.kind !== 'in') return ids;
  const positions = new Map<string, number>();
  conjunct.values.forEach((id, i) => {
    const key = valueKey(id);
    if (!positions.has(key)) positions.set(key, i);
  });
  return ids
    .map((id) => ({ id, at: positions.get(valueKey(id)) ?? conjunct.values.length }))
    .sort((a, b) => a.at - b.at)
    .map(({ id }) => id);
}

/**
 * The `_id` condition whose order the ids are read in: the query's own `in` list (the first
 * that is not a rule's; a rule's conditions come first in the filter), else the query's own
 * equality or `OR` of them (the ids sorted), and a rule's only when the query has none, so that
 * a rule never reorders the rows of a query that names its ids.
 */
function idOrderConjunct(conditions: Conditions, byId: EqualityCondition): FilterNode {
  const own = conditions.conjuncts.filter((node) => !isRuleNode(node));
  const ownList = own.find((node) => node.kind === 'in' && node.field === '_id' && !node.negated);
  const pinning = byId.conjuncts.map((at) => conditions.conjuncts[at]!);
  const ruleList = pinning.find((node) => node.kind === 'in');
  return ownList ?? pinning.find((node) => !isRuleNode(node)) ?? ruleList ?? pinning[0]!;
}

/**
 * The terms of `orderBy` that order something: not a field the filter pins to one value (every row
 * has it), nor a term after the first `_id` or `_creationTime` (each document of a table has its
 * own): `{ owner, _id, priority }` with `owner` pinned is `by_id`'s order.
 */
function orderingTerms(orderBy: readonly OrderSpec[], conditions: Conditions): readonly OrderSpec[] {
  const terms = orderBy.filter(({ field }) => conditions.equalities.get(field)?.values.length !== 1);
  const unique = terms.findIndex(({ field }) => field === '_id' || field === '_creationTime');
  return unique === -1 ? terms : terms.slice(0, unique + 1);
}

/**
 * Plans one read of one table: `_id` equality becomes `db.get`, otherwise the
 * best index range (DESIGN.md section 6; a keyed read among the indexes that
 * pin its key, when there are any), with what the index cannot express left
 * as a residual filter. Pure: no reads, no context.
 */
export function planQuery({
  table,
  filter,
  orderBy: given = [],
  limit,
  inIndexOrder = false,
  pinned = [],
  params = [],
  capped = false,
}: PlanInput): Plan {
  const conditions = analyzeConditions(filter, params);
  if (conditions.never || limit === 0) return { kind: 'empty', table: table.name };
  const orderBy = orderingTerms(given, conditions);

  const byId = conditions.equalities.get('_id');
  if (byId) {
    return {
      kind: 'get',
      table: table.name,
      ids: inGivenOrder(byId.values, idOrderConjunct(conditions, byId)),
      residual: residualWithout(conditions, new Set(byId.conjuncts)),
      orderBy,
      ...paramEqualitiesOf(conditions),
    };
  }

  const { choice, overflow } = chooseIndex(table, conditions, orderBy, inIndexOrder ? 'page' : 'query', pinned);
  const read = { table, conditions, choice, overflow, orderBy, limit };
  const single = indexPlan(read);
  // A keyed read stays in its key's index (but reads nothing where an OR matches nothing); a page reads
  // a union only in its order (its cursor is a key of it).
  if (pinned.length > 0) return orMatchesNothing(conditions, params) ? { kind: 'empty', table: table.name } : single;
  const union = planUnion(read, params, inIndexOrder, capped);
  if (union === 'broad') return { ...single, broadOr: true };
  return union ?? single;
}
