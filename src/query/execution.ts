import type { GenericDatabaseReader } from 'convex/server';
import type { TransactionLimitValues } from '../limits/convexLimits.js';
import { ReadBudget } from './budget.js';
import type { ExecutionContext } from './context.js';
import type { CursorSeal } from './cursorSeal.js';
import { relatedOnce } from './relatedOnce.js';
import { relationExists } from './relationExists.js';
import type { SchemaContext } from './schemaContext.js';

/** One query run: the execution context plus the schema it resolves relations in. */
export interface QueryExecution {
  readonly context: ExecutionContext;
  readonly schema: SchemaContext;
  /** The query said `withDeleted: true`: its relation reads keep soft-deleted junction rows too. */
  readonly withDeleted: boolean;
  /** Seals and opens page cursors (`createOrm({ cursorSecret })`); `null`: cursors are plain. */
  readonly cursorSeal: CursorSeal | null;
}

/** Options every read takes (from `createOrm` and per call). */
export interface ReadOptions {
  readonly strict: boolean;
  readonly scanBudget: number;
  /** The transaction budget (`createOrm({ transactionBudget })`); the default one when absent. */
  readonly transactionBudget?: TransactionLimitValues;
  /** The root query's `withDeleted` (false when absent: statements and rule checks hide soft-deleted rows). */
  readonly withDeleted?: boolean;
  /** Seals page cursors: from `createOrm({ cursorSecret })`. */
  readonly cursorSeal?: CursorSeal;
}

/** A fresh execution: its own budget and `db.get` cache, relation filters resolved through the schema. */
export function createExecution(
  db: GenericDatabaseReader<any>,
  schema: SchemaContext,
  options: ReadOptions,
): QueryExecution {
  const execution: QueryExecution = {
    schema,
    withDeleted: options.withDeleted === true,
    cursorSeal: options.cursorSeal ?? null,
    context: {
      db,
      budget: new ReadBudget(options.scanBudget),
      strict: options.strict,
      documents: new Map(),
      aggregateStates: new Map(),
      resolveRelation(table, node, row) {
        const key = schema.keyOf(table);
        const relation = schema.relation(key, node.relation)!;
        return relationExists(execution, relation, row, node.filter);
      },
      readRelated(relation, parents, selection) {
        return relatedOnce(execution, relation, parents, selection);
      },
    },
  };
  return execution;
}
