import type { GenericDatabaseReader } from 'convex/server';
import type { AggregateState } from '../aggregate/state.js';
import type { RelationFilterNode } from '../filter/tree.js';
import type { TransactionLimitValues } from '../limits/convexLimits.js';
import type { AnyRelation } from '../relations/relation.js';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import { ReadBudget } from './budget.js';
import type { ExecutionContext } from './context.js';
import type { CursorSeal } from './cursorSeal.js';
import type { Doc } from './readIndex.js';
import { relatedOnce } from './relatedOnce.js';
import { relationExists } from './relationExists.js';
import type { SchemaContext } from './schemaContext.js';
import type { RelatedSelection } from './selection.js';

/** One query run: the execution context plus the schema it resolves relations in. */
export interface QueryExecution {
  readonly context: ExecutionContext;
  readonly schema: SchemaContext;
  /**
   * The query said `withDeleted: true`: its relation reads keep soft-deleted junction rows too
   * (a relation filter's own reading says so for its reads: {@link RelationFilterNode}).
   */
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

/**
 * A fresh execution: its own budget and `db.get` cache, relation filters resolved through the
 * schema. `scanBudget` and `withDeleted` are the run's own (a query's `scanBudget`, its root's
 * `withDeleted`), given apart rather than as a copy of `options` with them added: every query
 * makes one.
 */
export function createExecution(
  db: GenericDatabaseReader<any>,
  schema: SchemaContext,
  options: ReadOptions,
  scanBudget = options.scanBudget,
  withDeleted = options.withDeleted === true,
): QueryExecution {
  return new Execution(db, schema, options, scanBudget, withDeleted);
}

class Execution implements QueryExecution {
  readonly context: ExecutionContext;
  readonly cursorSeal: CursorSeal | null;

  constructor(
    db: GenericDatabaseReader<any>,
    readonly schema: SchemaContext,
    options: ReadOptions,
    scanBudget: number,
    readonly withDeleted: boolean,
  ) {
    this.cursorSeal = options.cursorSeal ?? null;
    this.context = new Context(this, db, new ReadBudget(scanBudget), options.strict);
  }
}

/** An execution's context: its caches made on first use (a point lookup uses neither). */
class Context implements ExecutionContext {
  private documentsById: Map<string, Promise<Doc | null>> | undefined;
  private aggregateStatesByIndex: Map<AggregateIndexConfig, Promise<AggregateState | null>> | undefined;
  private otherLinkReading: QueryExecution | undefined;

  constructor(
    private readonly execution: QueryExecution,
    readonly db: GenericDatabaseReader<any>,
    readonly budget: ReadBudget,
    readonly strict: boolean,
  ) {}

  get documents(): Map<string, Promise<Doc | null>> {
    this.documentsById ??= new Map();
    return this.documentsById;
  }

  get aggregateStates(): Map<AggregateIndexConfig, Promise<AggregateState | null>> {
    this.aggregateStatesByIndex ??= new Map();
    return this.aggregateStatesByIndex;
  }

  resolveRelation(table: string, node: RelationFilterNode, row: Doc): Promise<boolean> {
    const { schema } = this.execution;
    const relation = schema.relation(schema.keyOf(table), node.relation)!;
    return relationExists(this.linkReading(node.deletedLinks === true), relation, row, node);
  }

  /**
   * The execution a relation filter reads junction rows in: soft-deleted ones too when the
   * filter says so (`deletedLinks`), which is not always what the query's loads do (a rule's
   * filters read by polarity, whatever the query's `withDeleted`). Built once, sharing this context.
   */
  private linkReading(withDeleted: boolean): QueryExecution {
    const { execution } = this;
    if (withDeleted === execution.withDeleted) return execution;
    this.otherLinkReading ??= {
      context: this,
      schema: execution.schema,
      withDeleted,
      cursorSeal: execution.cursorSeal,
    };
    return this.otherLinkReading;
  }

  readRelated(relation: AnyRelation, parents: readonly Doc[], selection: RelatedSelection): Promise<Doc[][]> {
    return relatedOnce(this.execution, relation, parents, selection);
  }
}
