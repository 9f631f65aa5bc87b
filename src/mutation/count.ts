import { visibleRows } from '../query/visibleRows.js';
import type { AnyTable } from '../schema/table.js';
import { getTableConfig } from '../schema/table.js';
import { selectTargetRows } from './select.js';
import type { MutationSession } from './session.js';
import { mutationFilter } from './where.js';

/**
 * `db.$count(table, filter?)`: the number of rows matching the filter (all
 * rows without one; soft-deleted rows never count), read within the scan budget; past it, it throws
 * `SCAN_BUDGET_EXCEEDED` naming the index to add rather than guessing.
 */
export async function countRows<T extends AnyTable>(
  session: MutationSession,
  table: T,
  filter?: unknown,
): Promise<number> {
  const config = getTableConfig(table);
  const { schema } = session;
  await schema.rules?.ready();
  const node = filter === undefined ? null : mutationFilter(schema, config, filter);
  const rows = await selectTargetRows(session, config, visibleRows(schema, schema.keyOf(config.name), node));
  return rows.length;
}
