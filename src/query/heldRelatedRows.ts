import { sameFilter } from '../filter/filterKey.js';
import type { FilterNode } from '../filter/tree.js';
import { type AnyRelation, servesHeldRows } from '../relations/relation.js';
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
 * junction, only of targets joined by `_id` ({@link servesHeldRows}).
 */
export function heldMatches(
  execution: QueryExecution,
  relation: AnyRelation,
  filter: FilterNode | null,
  firstOnly = false,
): ReadonlyMap<string, Doc[]> | null {
  const selections = reads.get(execution.context)?.get(relation);
  if (!selections || !servesHeldRows(relation)) return null;
  for (const [selection, { done }] of selections) {
    const held = takesEveryMatch(selection) || (firstOnly && takesFirstOnly(selection));
    if (held && sameFilter(selection.filter, filter)) return done;
  }
  return null;
}
