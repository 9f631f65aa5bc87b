import type { GenericDatabaseReader } from 'convex/server';
import type { FilterNode } from '../filter/tree.js';
import { planQuery } from '../planner/plan.js';
import { createExecution, type ReadOptions } from './execution.js';
import type { Doc } from './readIndex.js';
import type { SchemaContext } from './schemaContext.js';
import { selectRows } from './selectRows.js';

/** What {@link selectMatchingRows} reads. */
export interface MatchingRowsInput {
  readonly db: GenericDatabaseReader<any>;
  /** `orm.schema`. */
  readonly schema: SchemaContext;
  /** The Convex table name. */
  readonly table: string;
  /** A filter tree (`parseRelationWhere(...)` or an operator expression's `.node`); null matches every row. */
  readonly filter: FilterNode | null;
  /** `orm.options` (strict mode and scan budget). */
  readonly options: ReadOptions;
  /** Stop after this many matching rows (a row cap check reads `cap + 1`). */
  readonly limit?: number;
  /** `limit` is a row cap's: the read wants every match, in any order (`PlanInput.capped`). */
  readonly capped?: boolean;
}

/**
 * The stored documents of `table` that match `filter`, planned and read
 * exactly like a query (index ranges, fill loop, relation filters, scan
 * budget, strict mode). The read path of `update ... where` and
 * `delete ... where` (which read a filter naming one id without planning,
 * by `readPoint`).
 */
export function selectMatchingRows(input: MatchingRowsInput): Promise<Doc[]> {
  const { db, schema, table: name, filter, options, limit, capped } = input;
  const execution = createExecution(db, schema, options);
  const table = schema.schema.registry.table(name);
  const plan = planQuery({ table, filter, ...(limit === undefined ? {} : { limit }), ...(capped ? { capped } : {}) });
  return selectRows(execution.context, plan, limit === undefined ? {} : { limit, ...(capped ? { capped } : {}) });
}
