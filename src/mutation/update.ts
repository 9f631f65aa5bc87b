import type { FilterNode } from '../filter/tree.js';
import { writableRows } from '../query/visibleRows.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import type { InferSelectModel } from '../schema/inference.js';
import { type AnyTable, getTableConfig, type TableConfig } from '../schema/table.js';
import { updateChange } from './changes.js';
import { QueryPromise } from './queryPromise.js';
import type { Doc } from './reader.js';
import { type Returning, shapeReturning, withReturning } from './returning.js';
import { selectStatementRows } from './select.js';
import { type MutationSession, statementContext } from './session.js';
import { executeStatement } from './statement.js';
import type { MutationWhere, ReturningRow, ReturningSelection, UpdateSet } from './types.js';
import { validateFields } from './validate.js';
import { type StoredRow, setValues, withOnUpdate } from './values.js';
import { missingWhere, requiredFilter } from './where.js';

/** `db.update(table)`: call `.set(values)`. */
export class UpdateBuilder<T extends AnyTable, TSchema extends TablesRelationalConfig = TablesRelationalConfig> {
  constructor(
    private readonly session: MutationSession,
    private readonly table: T,
  ) {}

  /**
   * The new values. `undefined` keys are ignored; `null` clears a nullable
   * column; `$onUpdateFn` columns not given are refreshed.
   */
  set(values: UpdateSet<T>): UpdateSetBuilder<T, TSchema> {
    return new UpdateSetBuilder(this.session, getTableConfig(this.table), values as Record<string, unknown>);
  }
}

/** An update with its values; pick the rows with `.where()` or `.all()` (awaiting it as it is throws `INVALID_QUERY`). */
export class UpdateSetBuilder<
  T extends AnyTable,
  TSchema extends TablesRelationalConfig = TablesRelationalConfig,
> extends QueryPromise<never> {
  constructor(
    private readonly session: MutationSession,
    private readonly table: TableConfig,
    private readonly values: Record<string, unknown>,
  ) {
    super(session.lock);
  }

  protected override execute(): Promise<never> {
    return Promise.reject(missingWhere(this.table, 'Update of'));
  }

  /**
   * Updates the rows matching an operator expression or a where-object.
   * Soft-deleted rows match too (so they can be restored by setting the
   * deletion column to `null`); relation filters skip soft-deleted related rows.
   */
  where(filter: MutationWhere<T, TSchema>): UpdateStatement<T, void> {
    return this.statement(requiredFilter(this.session.schema, this.table, filter, 'update of'));
  }

  /** Updates every row of the table (bounded by the row cap). */
  all(): UpdateStatement<T, void> {
    return this.statement(null);
  }

  // The given values are checked here, before any read; $onUpdateFn runs when the statement does.
  private statement(filter: FilterNode | null): UpdateStatement<T, void> {
    const values = setValues(this.table, this.values);
    validateFields(this.session.db, this.table, values);
    return new UpdateStatement({ session: this.session, table: this.table, values, filter });
  }
}

interface UpdateState {
  readonly session: MutationSession;
  readonly table: TableConfig;
  /** The encoded, validated `set()` values (without `$onUpdateFn` columns). */
  readonly values: StoredRow;
  readonly filter: FilterNode | null;
  readonly returning?: Returning;
}

/** An update statement: every matching row is checked before the first write. */
export class UpdateStatement<T extends AnyTable, TResult> extends QueryPromise<TResult> {
  declare readonly _table: T;

  constructor(private readonly state: UpdateState) {
    super(state.session.lock);
  }

  /** Resolves to the updated rows as stored after the update (whole, or the selected columns). */
  returning(): UpdateStatement<T, InferSelectModel<T>[]>;
  returning<S extends ReturningSelection<T>>(selection: S): UpdateStatement<T, ReturningRow<S>[]>;
  returning(selection?: ReturningSelection<T>): UpdateStatement<T, unknown> {
    return new UpdateStatement(withReturning(this.state, selection));
  }

  protected override async execute(): Promise<TResult> {
    const { session, table, values, filter, returning } = this.state;
    const patch = withOnUpdate(table, values);
    validateFields(session.db, table, patch);
    const { schema } = session;
    await schema.rules?.ready();
    const matched = writableRows(schema, schema.keyOf(table.name), filter, 'updateUsing', false);
    const rows = await selectStatementRows(session, table, matched, 'Update');
    const changes = rows.map((row) => updateChange(table, row, patch));
    const written = await executeStatement(statementContext(session), changes);
    if (!returning) return undefined as TResult;
    // The statement's own rows come first, as before-hooks left them.
    return written
      .slice(0, rows.length)
      .map((change) => shapeReturning(table, change.new as Doc, returning)) as TResult;
  }
}
