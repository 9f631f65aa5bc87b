import type { GenericDatabaseReader } from 'convex/server';
import type { AggregateState } from '../aggregate/state.js';
import type { RelationFilterNode } from '../filter/tree.js';
import type { AnyRelation } from '../relations/relation.js';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { ReadBudget } from './budget.js';
import type { Doc } from './readIndex.js';
import type { RelatedSelection } from './selection.js';

/** Answers a relation filter (EXISTS, never UNKNOWN) for one row of `table`; reads through the same context. */
export type RelationFilterResolver = (table: string, node: RelationFilterNode, row: Doc) => Promise<boolean>;

/** The rows related to each of `parents` through `relation`, selected by `selection`, in parent order; reads through the same context. */
export type RelatedRowsReader = (
  relation: AnyRelation,
  parents: readonly Doc[],
  selection: RelatedSelection,
) => Promise<Doc[][]>;

/** Everything one query execution shares: the database, its budget and its caches. */
export interface ExecutionContext {
  readonly db: GenericDatabaseReader<any>;
  readonly budget: ReadBudget;
  /** Full scans throw `FULL_SCAN_FORBIDDEN` instead of running. */
  readonly strict: boolean;
  /** `db.get` results by id, so one query reads each document by id once. */
  readonly documents: Map<string, Promise<Doc | null>>;
  /** Aggregate index states, so one query reads each once (a `_count` asks per parent row). */
  readonly aggregateStates: Map<AggregateIndexConfig, Promise<AggregateState | null>>;
  readonly resolveRelation: RelationFilterResolver;
  /**
   * Relation loading, passed in (as `resolveRelation` is) so the stages that
   * need related rows (relation orders) do not import the loader, which
   * imports them: `src/query` imports one way.
   */
  readonly readRelated: RelatedRowsReader;
}
