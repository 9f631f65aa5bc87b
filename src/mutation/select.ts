import { OrmError } from '../errors.js';
import type { FilterNode } from '../filter/tree.js';
import { pointFilter, readPoint } from '../query/pointRead.js';
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

/** The rows an update/delete targets; more than the row cap is an error before any write. */
export function selectStatementRows(
  session: MutationSession,
  table: TableConfig,
  filter: FilterNode | null,
  statement: string,
): Promise<Doc[]> {
  // By id: one row at most, within any row cap (a hook's `update ... where(eq(t._id, id))`, once per row).
  const point = pointFilter(filter);
  if (point) return readPoint(session.db, table.name, point) as Promise<Doc[]>;
  const { rowCap } = session.options;
  // `.then`, not an async function: one promise per statement.
  return selectTargetRows(session, table, filter, rowCap + 1).then((rows) => {
    if (rows.length > rowCap) {
      throw new OrmError(
        'ROW_CAP_EXCEEDED',
        `${statement} of "${table.name}" matches more than ${rowCap} rows (the row cap); narrow the where filter or raise rowCap.`,
        { table: table.name, details: { rowCap } },
      );
    }
    return rows;
  });
}
