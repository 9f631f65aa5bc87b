import { sameFilter } from '../filter/filterKey.js';
import type { FilterNode } from '../filter/tree.js';
import type { AnyRelation } from '../relations/relation.js';
import type { ExecutionContext } from './context.js';
import type { QueryExecution } from './execution.js';
import type { Doc } from './readIndex.js';
import { cached, type RelatedSelection, takesEveryMatch, takesFirstOnly } from './selection.js';

/** The related rows of one relation and selection an execution reads, by `keyOf` of the key. */
export interface KeyReads {
  /** Every key asked for: its read, under way or done. */
  readonly asked: Map<string, Promise<Doc[]>>;
  /** The keys whose read is done: their rows. */
  readonly done: Map<string, Doc[]>;
}

// By the execution's context: a relation filter that reads junction rows otherwise (`deletedLinks`)
// reads through an execution of its own sharing that context, and its reads are the query's too.
const reads = new WeakMap<ExecutionContext, Map<AnyRelation, Map<RelatedSelection, KeyReads>>>();

/**
 * The related rows an execution reads for keys of `relation` under `selection`
 * (relation orders' reads, `relatedOnce`), made on first use: a key read once
 * is not read again in that execution.
 */
export function keyReadsOf(execution: QueryExecution, relation: AnyRelation, selection: RelatedSelection): KeyReads {
  const byRelation = cached(reads, execution.context, () => new Map<AnyRelation, Map<RelatedSelection, KeyReads>>());
  return cached(
    cached(byRelation, relation, () => new Map<RelatedSelection, KeyReads>()),
    selection,
    () => ({ asked: new Map(), done: new Map() }),
  );
}

/**
 * Every row of `relation` passing `filter` that the execution has read for a
 * key (a relation order reads every visible match), by key; null when it read
 * none under an equal filter. A `with` load or `_count` of that relation with
 * the same filter takes a held key's rows instead of reading them again. A
 * load of the first row only (`firstOnly`) takes a read of the first match
 * too (of a `one` relation: a relation order's, or its relation filter's
 * beside the load; no `many` has such a read). Reads done only: a read
 * under way is not waited for (it may be the one asking). Through a
 * junction, only of targets joined by `_id` ({@link holdsRowsOf}).
 */
export function heldMatches(
  execution: QueryExecution,
  relation: AnyRelation,
  filter: FilterNode | null,
  firstOnly = false,
): ReadonlyMap<string, Doc[]> | null {
  const selections = reads.get(execution.context)?.get(relation);
  if (!selections || !holdsRowsOf(relation)) return null;
  for (const [selection, { done }] of selections) {
    const held = takesEveryMatch(selection) || (firstOnly && takesFirstOnly(selection));
    if (held && sameFilter(selection.filter, filter)) return done;
  }
  return null;
}

/**
 * True when the rows an execution read of `relation` may serve a later read of it: always, but
 * through a junction only when it joins the targets' `_id`: a key's rows are then its links'
 * targets, one each, in junction order, as every read of them gives them. A link naming its
 * targets by another column names several, read in the order of the read that held them (a
 * load's own order may part from it on ties), and a relation filter's per-parent reads of them
 * are not shared across parents as a load's are.
 */
export const holdsRowsOf = (relation: AnyRelation): boolean =>
  !relation.through || (relation.targetColumns.length === 1 && relation.targetColumns[0] === '_id');
