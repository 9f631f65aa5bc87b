import type { FilterNode } from '../filter/tree.js';
import { selectMatchingRows } from '../query/selectMatching.js';
import type { TableConfig } from '../schema/table.js';
import type { Doc } from './reader.js';
import type { MutationSession } from './session.js';

/**
 * The rows of `table` that an `update`/`delete`/`$count` targets, read by the
 * query layer exactly like a query (index ranges, `_id` gets, residual and
 * relation filters), bounded by the scan budget and `strict` mode.
 */
export function selectTargetRows(
  session: MutationSession,
  table: TableConfig,
  filter: FilterNode | null,
  limit?: number,
): Promise<Doc[]> {
  const { db, schema, options } = session;
  return selectMatchingRows({
    db,
    schema,
    table: table.name,
    filter,
    options,
    ...(limit === undefined ? {} : { limit }),
  }) as Promise<Doc[]>;
}
