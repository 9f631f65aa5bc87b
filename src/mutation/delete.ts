import { QueryPromise } from '../queryPromise.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import type { InferSelectModel } from '../schema/inference.js';
import { type AnyTable, getTableConfig } from '../schema/table.js';
import type { DeleteChange } from './changes.js';
import { checkReturning, type Returning, shapeReturning, withReturning } from './returning.js';
import { selectStatementRows } from './select.js';
import { type MutationSession, statementContext } from './session.js';
import { executeStatement } from './statement.js';
import type { MutationWhere, ReturningRow, ReturningSelection } from './types.js';
import { missingWhere, type StatementTarget, targetFilter } from './where.js';

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

  protected override perform(): Promise<never> {
    return Promise.reject(missingWhere(getTableConfig(this.table), 'Delete from'));
  }

  /** Deletes the rows matching an operator expression or a where-object, with their foreign-key actions. */
  where(filter: MutationWhere<T, TSchema>): DeleteStatement<T, void> {
    return new DeleteStatement({ session: this.session, table: this.table, target: { where: filter } });
  }

  /** Deletes every row of the table (bounded by the row cap). */
  all(): DeleteStatement<T, void> {
    return new DeleteStatement({ session: this.session, table: this.table, target: 'all' });
  }
}

/** What a delete was given; nothing is checked until it runs. */
interface DeleteState {
  readonly session: MutationSession;
  readonly table: AnyTable;
  readonly target: StatementTarget;
  readonly returning?: Returning;
}

/** A delete statement: cascades and restricts are planned over the whole graph before the first write. */
export class DeleteStatement<T extends AnyTable, TResult> extends QueryPromise<TResult> {
  declare readonly _table: T;

  constructor(private readonly state: DeleteState) {
    super(state.session.db);
  }

  /** Resolves to the deleted rows as they were (whole, or the selected columns). */
  returning(): DeleteStatement<T, InferSelectModel<T>[]>;
  returning<S extends ReturningSelection<T>>(selection: S): DeleteStatement<T, ReturningRow<S>[]>;
  returning(selection?: ReturningSelection<T>): DeleteStatement<T, unknown> {
    return new DeleteStatement(withReturning(this.state, selection));
  }

  protected override async perform(): Promise<TResult> {
    const { session, target, returning } = this.state;
    const table = getTableConfig(this.state.table);
    const filter = targetFilter(session.schema, table, target, 'delete from');
    checkReturning(table, returning);
    const rows = await selectStatementRows(session, table, filter, 'Delete');
    const changes: DeleteChange[] = rows.map((before) => ({ kind: 'delete', table, before }));
    await executeStatement(statementContext(session), changes);
    if (!returning) return undefined as TResult;
    return rows.map((row) => shapeReturning(table, row, returning)) as TResult;
  }
}
