import { OrmError } from '../errors.js';
import type { FilterNode } from '../filter/tree.js';
import { pointFilter, readPointThen } from '../query/pointRead.js';
import type { Doc as QueryDoc } from '../query/readIndex.js';
import { selectMatchingRows } from '../query/selectMatching.js';
import type { TableConfig } from '../schema/table.js';
import type { Doc } from './reader.js';
import type { MutationSession } from './session.js';

/**
 * The rows of `table` that an `update`/`delete` targets, read by the
 * query layer exactly like a query (index ranges, `_id` gets, residual and
 * relation filters), bounded by the scan budget and `strict` mode: the first `limit`, or with
 * `capped` every match but no more than `limit` (a row cap's `cap + 1`).
 */
export function selectTargetRows(
  session: MutationSession,
  table: TableConfig,
  filter: FilterNode | null,
  limit?: number,
  capped = false,
): Promise<Doc[]> {
  const { db, schema, options } = session;
  return selectMatchingRows({
    db,
    schema,
    table: table.name,
    filter,
    options,
    ...(limit === undefined ? {} : { limit }),
    ...(capped ? { capped } : {}),
  }) as Promise<Doc[]>;
}

/**
 * The rows an update/delete targets, continued by `then` in the step that
 * read them (no promise of its own: a hook's one-row update runs once per
 * row); more than the row cap is an error before any write.
 */
export function selectStatementRows<T>(
  session: MutationSession,
  table: TableConfig,
  filter: FilterNode | null,
  statement: string,
  then: (rows: Doc[]) => T | Promise<T>,
): Promise<T> {
  // By id: one row at most, within any row cap (a hook's `update ... where(eq(t._id, id))`, once per row).
  const point = pointFilter(filter);
  // Stored documents, with their system fields.
  if (point) return readPointThen(session.db, table.name, point, then as (rows: QueryDoc[]) => T | Promise<T>);
  const { rowCap } = session.options;
  return selectTargetRows(session, table, filter, rowCap + 1, true).then((rows) => {
    if (rows.length > rowCap) {
      throw new OrmError(
        'ROW_CAP_EXCEEDED',
        `${statement} of "${table.name}" matches more than ${rowCap} rows (the row cap); narrow the where filter or raise rowCap.`,
        { table: table.name, details: { rowCap } },
      );
    }
    return then(rows);
  });
}
