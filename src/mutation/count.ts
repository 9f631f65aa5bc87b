import { visibleRows } from '../query/visibleRows.js';
import { QueryPromise } from '../queryPromise.js';
import type { AnyTable } from '../schema/table.js';
import { getTableConfig } from '../schema/table.js';
import { selectTargetRows } from './select.js';
import type { MutationSession } from './session.js';
import { mutationFilter } from './where.js';

/**
 * `db.$count(table, filter?)`: the number of rows matching the filter (all
 * rows without one; soft-deleted rows never count), read within the scan
 * budget; past it, it throws `SCAN_BUDGET_EXCEEDED` naming the index to add
 * rather than guessing. Lazy, and in order with the writer's other
 * operations, like a query.
 */
export class CountQuery extends QueryPromise<number> {
  constructor(
    private readonly session: MutationSession,
    private readonly table: AnyTable,
    private readonly filter: unknown,
  ) {
    super(session.lock, session.db);
  }

  protected override async perform(): Promise<number> {
    const { session, filter } = this;
    const { schema } = session;
    const config = getTableConfig(this.table);
    await schema.rules?.ready();
    const node = filter === undefined ? null : mutationFilter(schema, config, filter);
    return (await selectTargetRows(session, config, visibleRows(schema, schema.keyOf(config.name), node))).length;
  }
}
