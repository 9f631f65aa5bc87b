import { QueryPromise } from '../queryPromise.js';
import type { AnyTable } from '../schema/table.js';
import { count } from './aggregates.js';
import type { SelectSession } from './builder.js';
import { performSelect } from './perform.js';

/**
 * `db.$count(table, filter?)`: `select({ count: count() }).from(table).where(filter)`,
 * so it is planned like any select: served by an aggregate index that keeps
 * `.count()` when one answers the filter (and the read rule), else the
 * bounded read of the matching rows (soft-deleted and hidden rows never
 * count). Lazy, and in order with a writer's other operations, like a query.
 */
export class CountQuery extends QueryPromise<number> {
  constructor(
    private readonly session: SelectSession,
    private readonly table: AnyTable,
    /** The filter argument if one was passed (`[undefined]` rejects: a filter never widens to every row). */
    private readonly filter: readonly unknown[],
  ) {
    super(session.lock, session.db, session.schema.rules !== null);
  }

  protected override async perform(): Promise<number> {
    const [row] = await performSelect(this.session, {
      fields: { count: count() },
      distinct: false,
      from: this.table,
      joins: [],
      orderBy: [],
      groupBy: [],
      ...(this.filter.length === 0 ? {} : { where: { filter: this.filter[0], of: '$count' as const } }),
    });
    return (row as { count: number }).count;
  }
}
