import { writableRows } from '../query/visibleRows.js';
import { QueryPromise } from '../queryPromise.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import type { InferSelectModel } from '../schema/inference.js';
import { type AnyTable, getTableConfig } from '../schema/table.js';
import { deleteChange, updateChange } from './changes.js';
import type { Doc } from './reader.js';
import { checkReturning, type Returning, shapeReturning, withReturning } from './returning.js';
import { selectStatementRows, selectTargetRows } from './select.js';
import { type MutationSession, statementContext, statementTable } from './session.js';
import { isSoftDelete, softDeletePatch } from './softDelete.js';
import { executeStatement } from './statement.js';
import type { MutationWhere, ReturningRow, ReturningSelection, Without } from './types.js';
import { withCheckedOnUpdate } from './validate.js';
import { missingWhere, type StatementTarget, targetFilter } from './where.js';

/** `db.delete(table)`: call `.where()` or `.all()`; awaiting it as it is throws `INVALID_QUERY`. */
export class DeleteBuilder<
  T extends AnyTable,
  TSchema extends TablesRelationalConfig = TablesRelationalConfig,
> extends QueryPromise<never> {
  constructor(
    private readonly session: MutationSession,
    private readonly table: T,
    private readonly hardDelete = false,
  ) {
    super(session.lock, session.db);
  }

  protected override perform(): Promise<never> {
    return Promise.reject(missingWhere(getTableConfig(this.table), 'Delete from'));
  }

  /**
   * Removes rows for real, soft-deleted ones included, on a table with
   * `deletion('soft' | 'scheduled')` (elsewhere a delete always does).
   */
  hard(): DeleteBuilder<T, TSchema> {
    return new DeleteBuilder(this.session, this.table, true);
  }

  /** Deletes the rows matching an operator expression or a where-object, with their foreign-key actions. */
  where(filter: MutationWhere<T, TSchema>): DeleteStatement<T, void> {
    return this.statement({ where: filter });
  }

  /** Deletes every row of the table (bounded by the row cap). */
  all(): DeleteStatement<T, void> {
    return this.statement('all');
  }

  private statement(target: StatementTarget): DeleteStatement<T, void> {
    const { session, table, hardDelete } = this;
    return new DeleteStatement({ session, table, target, hard: hardDelete });
  }
}

/** What a delete was given; nothing is checked until it runs. */
interface DeleteState {
  readonly session: MutationSession;
  readonly table: AnyTable;
  readonly target: StatementTarget;
  readonly returning?: Returning;
  /** Removes rows even from a table with soft or scheduled delete. */
  readonly hard: boolean;
  /** Deletes only the first this many matching rows ({@link deleteAtMost}). */
  readonly atMost?: number;
}

/**
 * The key of a delete's internal method that makes it delete only the first `n` rows it matches,
 * in its plan's order (not the row cap's error past them): how the scheduled delete's drain deletes
 * a batch of a row's cascade in the statement that reads it, rather than reading its ids first and
 * each row again by id. Not exported from the package (Drizzle's Postgres delete has no limit).
 */
export const deleteAtMost: unique symbol = Symbol('deleteAtMost');

/**
 * A delete statement: cascades and restricts are planned over the whole
 * graph before the first write. On a table with `deletion('soft' |
 * 'scheduled')` it sets the deletion column of the matching rows that are
 * not deleted yet (their cascades become soft too) unless `.hard()`.
 */
export class DeleteStatement<T extends AnyTable, TResult> extends QueryPromise<TResult> {
  declare readonly _table: T;

  constructor(private readonly state: DeleteState) {
    super(state.session.lock, state.session.db, state.session.schema.rules !== null);
  }

  /** Resolves to the deleted rows as they were (whole, or the selected columns). */
  returning(): Without<DeleteStatement<T, InferSelectModel<T>[]>, 'returning'>;
  returning<S extends ReturningSelection<T>>(selection: S): Without<DeleteStatement<T, ReturningRow<S>[]>, 'returning'>;
  returning(selection?: ReturningSelection<T>): Without<DeleteStatement<T, unknown>, 'returning'> {
    return new DeleteStatement(withReturning(this.state, selection));
  }

  /** This delete of the first `n` rows it matches (see {@link deleteAtMost}); `n` is within the row cap. */
  [deleteAtMost](n: number): DeleteStatement<T, TResult> {
    return new DeleteStatement({ ...this.state, atMost: n });
  }

  protected override async perform(): Promise<TResult> {
    const { session, target, returning, hard, atMost } = this.state;
    const table = statementTable(session, this.state.table, true);
    const filter = targetFilter(session.schema, table, target, 'delete from');
    checkReturning(table, returning);
    // A soft delete updates the rows: its patch refreshes their `$onUpdateFn` columns, checked before any read.
    const softPatch =
      table.deletion !== undefined && !hard
        ? withCheckedOnUpdate(session.db, table, softDeletePatch(table, Date.now()))
        : null;
    const { schema } = session;
    await schema.rules?.ready();
    const matched = writableRows(schema, schema.keyOf(table.name), filter, 'delete', softPatch !== null);
    const rows =
      atMost === undefined
        ? await selectStatementRows(session, table, matched, 'Delete', (rows) => rows)
        : await selectTargetRows(session, table, matched, atMost);
    const written = await executeStatement(
      // The delete rule matched these rows: the rules stage judges only a row a `beforeUpdate` hook kept live.
      { ...statementContext(session), ownDeletesJudged: true },
      rows.map((row) => (softPatch ? updateChange(table, row, softPatch) : deleteChange(table, row))),
    );
    if (!returning) return undefined as TResult;
    // The statement's own rows come first; a soft delete's row is deleted unless a `beforeUpdate` set its column back.
    const deleted = written
      .slice(0, rows.length)
      .filter((change) => change.operation === 'delete' || isSoftDelete(change));
    return deleted.map((change) => shapeReturning(table, change.old as Doc, returning)) as TResult;
  }
}
