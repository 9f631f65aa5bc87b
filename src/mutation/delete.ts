import type { FilterNode } from '../filter/tree.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import type { InferSelectModel } from '../schema/inference.js';
import { type AnyTable, getTableConfig, type TableConfig } from '../schema/table.js';
import type { DeleteChange } from './changes.js';
import { QueryPromise } from './queryPromise.js';
import { type Returning, shapeReturning, withReturning } from './returning.js';
import { selectStatementRows } from './select.js';
import { type MutationSession, statementContext } from './session.js';
import { executeStatement } from './statement.js';
import type { MutationWhere, ReturningRow, ReturningSelection, Without } from './types.js';
import { missingWhere, requiredFilter } from './where.js';

/** `db.delete(table)`: call `.where()` or `.all()`; awaiting it as it is throws `INVALID_QUERY`. */
export class DeleteBuilder<
  T extends AnyTable,
  TSchema extends TablesRelationalConfig = TablesRelationalConfig,
> extends QueryPromise<never> {
  constructor(
    private readonly session: MutationSession,
    private readonly table: T,
  ) {
    super(session.db);
  }

  protected override execute(): Promise<never> {
    return Promise.reject(missingWhere(getTableConfig(this.table), 'Delete from'));
  }

  /** Deletes the rows matching an operator expression or a where-object, with their foreign-key actions. */
  where(filter: MutationWhere<T, TSchema>): DeleteStatement<T, void> {
    const table = getTableConfig(this.table);
    return new DeleteStatement({
      session: this.session,
      table,
      filter: requiredFilter(this.session.schema, table, filter, 'delete from'),
    });
  }

  /** Deletes every row of the table (bounded by the row cap). */
  all(): DeleteStatement<T, void> {
    return new DeleteStatement({ session: this.session, table: getTableConfig(this.table), filter: null });
  }
}

interface DeleteState {
  readonly session: MutationSession;
  readonly table: TableConfig;
  readonly filter: FilterNode | null;
  readonly returning?: Returning;
}

/** A delete statement: cascades and restricts are planned over the whole graph before the first write. */
export class DeleteStatement<T extends AnyTable, TResult> extends QueryPromise<TResult> {
  declare readonly _table: T;

  constructor(private readonly state: DeleteState) {
    super(state.session.db);
  }

  /** Resolves to the deleted rows as they were (whole, or the selected columns). */
  returning(): Without<DeleteStatement<T, InferSelectModel<T>[]>, 'returning'>;
  returning<S extends ReturningSelection<T>>(selection: S): Without<DeleteStatement<T, ReturningRow<S>[]>, 'returning'>;
  returning(selection?: ReturningSelection<T>): Without<DeleteStatement<T, unknown>, 'returning'> {
    return new DeleteStatement(withReturning(this.state, selection));
  }

  protected override async execute(): Promise<TResult> {
    const { session, table, filter, returning } = this.state;
    const rows = await selectStatementRows(session, table, filter, 'Delete');
    const changes: DeleteChange[] = rows.map((before) => ({ kind: 'delete', table, before }));
    await executeStatement(statementContext(session), changes);
    if (!returning) return undefined as TResult;
    return rows.map((row) => shapeReturning(table, row, returning)) as TResult;
  }
}
