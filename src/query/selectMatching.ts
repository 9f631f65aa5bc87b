import type { GenericDatabaseReader } from 'convex/server';
import type { FilterNode } from '../filter/tree.js';
import { planQuery } from '../planner/plan.js';
import { createExecution, type ReadOptions } from './execution.js';
import { pointFilter, readPoint } from './pointRead.js';
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
}

/**
 * The stored documents of `table` that match `filter`, planned and read
 * exactly like a query (index ranges, fill loop, relation filters, scan
 * budget, strict mode). The read path of `update ... where` and
 * `delete ... where`. A filter naming one id is read without planning
 * ({@link readPoint}): same rows, same reads (one document, within any scan budget).
 */
export function selectMatchingRows(input: MatchingRowsInput): Promise<Doc[]> {
  const { db, schema, table: name, filter, options, limit } = input;
  const point = limit === 0 ? null : pointFilter(filter);
  if (point) return readPoint(db, name, point);
  const execution = createExecution(db, schema, options);
  const table = schema.schema.registry.table(name);
  const plan = planQuery({ table, filter, ...(limit === undefined ? {} : { limit }) });
  return selectRows(execution.context, plan, limit === undefined ? {} : { limit });
}
