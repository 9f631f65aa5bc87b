import type { GenericDatabaseReader } from 'convex/server';
import type { RelationFilterNode } from '../filter/tree.js';
import type { ReadBudget } from './budget.js';
import type { Doc } from './readIndex.js';

/** Answers a relation filter (EXISTS, never UNKNOWN) for one row of `table`; reads through the same context. */
export type RelationFilterResolver = (table: string, node: RelationFilterNode, row: Doc) => Promise<boolean>;

/** Everything one query execution shares: the database, its budget and its caches. */
export interface ExecutionContext {
  readonly db: GenericDatabaseReader<any>;
  readonly budget: ReadBudget;
  /** Full scans throw `FULL_SCAN_FORBIDDEN` instead of running. */
  readonly strict: boolean;
  /** `db.get` results by id, so one query reads each document by id once. */
  readonly documents: Map<string, Promise<Doc | null>>;
  readonly resolveRelation: RelationFilterResolver;
}
