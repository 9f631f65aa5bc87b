import { OrmError } from '../errors.js';
import type { FilterNode } from '../filter/tree.js';
import { isThenable } from '../isThenable.js';
import { readRow } from '../query/readRow.js';
import { writableRows } from '../query/visibleRows.js';
import { QueryPromise } from '../queryPromise.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import type { InferSelectModel } from '../schema/inference.js';
import { type AnyTable, getTableConfig, type TableConfig } from '../schema/table.js';
import { updateChange } from './changes.js';
import { ownFields, withOwnValues } from './ownValues.js';
import type { Doc } from './reader.js';
import { checkReturning, type Returning, shapeReturning, withReturning } from './returning.js';
import { selectStatementRows } from './select.js';
import { type MutationSession, statementContext, statementTable } from './session.js';
import { executeStatement } from './statement.js';
import { checkSystemFields, withoutSystemFields } from './systemFields.js';
import type { MutationWhere, ReturningRow, ReturningSelection, UpdateSet, UpdateSetFn, Without } from './types.js';
import { validateFields, withCheckedOnUpdate } from './validate.js';
import { type StoredRow, setValues } from './values.js';
import { missingWhere, type StatementTarget, targetFilter } from './where.js';

/** `db.update(table)`: call `.set(values)`. */
export class UpdateBuilder<T extends AnyTable, TSchema extends TablesRelationalConfig = TablesRelationalConfig> {
  constructor(
    private readonly session: MutationSession,
    private readonly table: T,
  ) {}

  /**
   * The new values: an object, or a function computing them from each
   * matched row (`set((post) => ({ views: post.views + 1 }))`, see
   * {@link UpdateSetFn}: one read per row, no race). `undefined` keys are
   * ignored; `null` clears a nullable column; `$onUpdateFn` columns not
   * given are refreshed. A spread row's `_id` and `_creationTime` are left
   * out (`set((post) => ({ ...post, title }))`); another row's are `VALIDATION`.
   */
  set<R extends UpdateSet<T>>(values: UpdateSet<T> | UpdateSetFn<T, R>): UpdateSetBuilder<T, TSchema> {
    return new UpdateSetBuilder(this.session, this.table, values);
  }
}

/** An update with its values; pick the rows with `.where()` or `.all()` (awaiting it as it is throws `INVALID_QUERY`). */
export class UpdateSetBuilder<
  T extends AnyTable,
  TSchema extends TablesRelationalConfig = TablesRelationalConfig,
> extends QueryPromise<never> {
  constructor(
    private readonly session: MutationSession,
    private readonly table: T,
    private readonly values: unknown,
  ) {
    super(session.lock, session.db);
  }

  protected override perform(): Promise<never> {
    return Promise.reject(missingWhere(getTableConfig(this.table), 'Update of'));
  }

  /**
   * Updates the rows matching an operator expression or a where-object.
   * Soft-deleted rows match too (so they can be restored by setting the
   * deletion column to `null`); relation filters skip soft-deleted related rows.
   */
  where(filter: MutationWhere<T, TSchema>): UpdateStatement<T, void> {
    return this.statement({ where: filter });
  }

  /** Updates every row of the table (bounded by the row cap). */
  all(): UpdateStatement<T, void> {
    return this.statement('all');
  }

  private statement(target: StatementTarget): UpdateStatement<T, void> {
    return new UpdateStatement({ session: this.session, table: this.table, values: this.values, target });
  }
}

/** What an update was given; nothing is checked until it runs. */
interface UpdateState {
  readonly session: MutationSession;
  readonly table: AnyTable;
  /** The `set()` values (or function) as given. */
  readonly values: unknown;
  readonly target: StatementTarget;
  readonly returning?: Returning;
  /** The statement resolves to how many rows it updated ({@link updatedCount}). */
  readonly counts?: true;
}

/**
 * The key of an update's internal method that runs it and resolves to how many rows it updated: how
 * an internal caller (a migration's write) learns whether its row matched without `returning()`,
 * whose rows must pass `read` under rules. Not exported from the package.
 */
export const updatedCount: unique symbol = Symbol('updatedCount');

/** An update statement: every matching row is checked before the first write. */
export class UpdateStatement<T extends AnyTable, TResult> extends QueryPromise<TResult> {
  declare readonly _table: T;

  constructor(private readonly state: UpdateState) {
    super(state.session.lock, state.session.db, state.session.schema.rules !== null);
  }

  /** Resolves to the updated rows as stored after the update (whole, or the selected columns). */
  returning(): Without<UpdateStatement<T, InferSelectModel<T>[]>, 'returning'>;
  returning<S extends ReturningSelection<T>>(selection: S): Without<UpdateStatement<T, ReturningRow<S>[]>, 'returning'>;
  returning(selection?: ReturningSelection<T>): Without<UpdateStatement<T, unknown>, 'returning'> {
    return new UpdateStatement(withReturning(this.state, selection));
  }

  /** Runs the update; resolves to how many rows it updated (see {@link updatedCount}). */
  [updatedCount](): Promise<number> {
    return new UpdateStatement<T, number>({ ...this.state, counts: true }).execute();
  }

  // Every input is checked here, before any read (a set() function's values, before any write).
  // Steps that continue each other, not an async function: a hook's one-row update runs once
  // per row, and this makes one promise of its own (a synchronous throw rejects: QueryPromise
  // runs this inside its own try).
  protected override perform(): Promise<TResult> {
    const { session, target, returning } = this.state;
    const table = statementTable(session, this.state.table, true);
    const { schema } = session;
    const filter = targetFilter(schema, table, target, 'update of');
    checkReturning(table, returning);
    const patchOf = rowPatch(session, table, this.state.values);
    return schema.rules
      ? schema.rules.ready().then(() => this.update(table, filter, patchOf))
      : this.update(table, filter, patchOf);
  }

  /** Reads the matched rows, then plans, checks and writes their changes, continuing each step from the last. */
  private update(table: TableConfig, filter: FilterNode | null, patchOf: (row: Doc) => StoredRow): Promise<TResult> {
    const { session, returning } = this.state;
    return selectUpdated(session, table, filter, (rows) =>
      executeStatement(
        statementContext(session, returning !== undefined),
        rows.map((row) => updateChange(table, row, patchOf(row))),
        // The statement's own rows come first, as before-hooks left them.
        (written) =>
          (returning
            ? written.slice(0, rows.length).map((change) => shapeReturning(table, change.new as Doc, returning))
            : this.state.counts
              ? rows.length
              : undefined) as TResult,
      ),
    );
  }
}

/**
 * The patch of each matched row: `set()` values encoded and validated, then
 * their `$onUpdateFn` columns added (run once the input is known good).
 * Constant values make one patch, before any read, which each row takes a
 * copy of where it holds objects or arrays (rows share no value a hook or a
 * `returning()` caller could edit in place); a `set()` function runs on each
 * row as queries return it (a copy, nested values included: the planned
 * change keeps the stored row), and its values are checked the same way
 * before any write.
 * System fields in the values must be the row's own (a spread row) and are left out.
 */
function rowPatch(session: MutationSession, table: TableConfig, set: unknown): (row: Doc) => StoredRow {
  if (typeof set !== 'function') {
    const patch = checkedPatch(session, table, set);
    return (row) => {
      checkSystemFields(table, set, row);
      return withOwnValues(patch);
    };
  }
  return (row) => {
    const values = set(readRow(table, ownFields(row)));
    if (isThenable(values)) throw asyncSet(table);
    checkSystemFields(table, values, row);
    return checkedPatch(session, table, values);
  };
}

/**
 * A `set()` function that returned a promise (an `async` one): its values are not known when the
 * row's patch is planned (rows are planned and checked before any write, each in one step), and
 * the promise itself would read as an object without columns.
 */
function asyncSet(table: TableConfig): OrmError {
  return new OrmError(
    'INVALID_QUERY',
    `The set() function of update of "${table.name}" returned a promise; a set function must return the values synchronously (an object): read what it needs before the update.`,
    { table: table.name },
  );
}

/**
 * The patch of `set()` values without their system fields: encoded, validated, `$onUpdateFn` columns
 * added. Values holding nothing but system fields set nothing, and are told so.
 */
function checkedPatch(session: MutationSession, table: TableConfig, values: unknown): StoredRow {
  const columns = withoutSystemFields(values) as Record<string, unknown>;
  if (columns !== values && Object.values(columns).every((value) => value === undefined)) {
    throw new OrmError(
      'INVALID_QUERY',
      `No values to set in update of "${table.name}": set() gives no column, only "_id" / "_creationTime" (undefined values are ignored), which Convex sets: an update may repeat the row's own, as a spread row does, not change them; give at least one column.`,
      { table: table.name },
    );
  }
  const given = setValues(table, columns);
  validateFields(session.db, table, given);
  return withCheckedOnUpdate(session.db, table, given);
}

/**
 * The rows an update changes, continued by `then`. Soft-deleted rows match too (restoring
 * them is an update); relation filters still skip them.
 */
function selectUpdated<T>(
  session: MutationSession,
  table: TableConfig,
  filter: FilterNode | null,
  then: (rows: Doc[]) => Promise<T>,
): Promise<T> {
  const { schema } = session;
  return selectStatementRows(
    session,
    table,
    writableRows(schema, schema.keyOf(table.name), filter, 'updateUsing', false),
    'Update',
    then,
  );
}
