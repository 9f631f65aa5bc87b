import { OrmError } from '../errors.js';
import { QueryPromise } from '../queryPromise.js';
import type { AnyColumn } from '../schema/column.js';
import type { InferSelectModel } from '../schema/inference.js';
import type { AnyTable, TableConfig } from '../schema/table.js';
import { insertChange, insertedRow, type RowChange, type StatementContext } from './changes.js';
import { requireRules } from './checkRules.js';
import { checkReturning, needsStoredDocument, type Returning, shapeReturning, withReturning } from './returning.js';
import { type MutationSession, statementContext, statementTable } from './session.js';
import { executeStatement } from './statement.js';
import { hooksOf } from './triggerScope.js';
import type {
  InsertValues,
  MutationWhere,
  NoSystemFields,
  ReturningRow,
  ReturningSelection,
  TableColumn,
  UpdateSet,
  Without,
} from './types.js';
import { type ConflictPlan, conflictRules, conflictTarget, hookProposedRows, resolveConflicts } from './upsert.js';
import { validateFields, validateRow } from './validate.js';
import { insertDocument, type StoredRow, updatePatch } from './values.js';
import { conflictRowFilter } from './where.js';

type ConflictTarget<T extends AnyTable> = TableColumn<T> | readonly TableColumn<T>[];

/** `onConflictDoNothing` options: without a target, any unique conflict skips the row. */
export interface OnConflictDoNothingConfig<T extends AnyTable> {
  target?: ConflictTarget<T>;
}

/** `onConflictDoUpdate` options: `set` takes constant values; `setWhere` filters the existing row. */
export type OnConflictDoUpdateConfig<T extends AnyTable> = {
  target: ConflictTarget<T>;
  set: UpdateSet<T> & NoSystemFields;
} & (
  | { setWhere?: MutationWhere<T>; where?: undefined }
  | {
      /** @deprecated Drizzle's older spelling of `setWhere`, taken the same way; use `setWhere`. */
      where?: MutationWhere<T>;
      setWhere?: undefined;
    }
);

/** The `onConflictDo*` clause as given (checked when the statement runs). */
type ConflictClause = { kind: 'nothing'; config: unknown } | { kind: 'update'; config: unknown };

/** The conflict methods: an insert takes one of them, once. */
type ConflictMethod = 'onConflictDoNothing' | 'onConflictDoUpdate';

/** What an insert was given; nothing is checked until it runs. */
interface InsertState {
  readonly session: MutationSession;
  readonly table: AnyTable;
  /** The row or rows as given to `values()`. */
  readonly rows: unknown;
  /** The conflict clauses in the order given: more than one is refused when it runs. */
  readonly conflicts: readonly ConflictClause[];
  readonly returning?: Returning;
}

/** What `perform` works on: the state with its table resolved. */
interface InsertRun {
  readonly session: MutationSession;
  readonly table: TableConfig;
  readonly returning: Returning | undefined;
  /** The inserted rows' `_creationTime` when `returning` shows it (the context's), else null. */
  readonly creationTimes: Map<string, number> | null;
}

/** `db.insert(table)`: call `.values(row | rows)`. */
export class InsertBuilder<T extends AnyTable> {
  constructor(
    private readonly session: MutationSession,
    private readonly table: T,
  ) {}

  /** The row or rows to insert. Missing columns get their defaults; nullable ones `null`. */
  values(rows: InsertValues<T> | readonly InsertValues<T>[]): InsertStatement<T, void> {
    return new InsertStatement({ session: this.session, table: this.table, rows, conflicts: [] });
  }
}

/**
 * An insert statement. Awaiting it inserts every row, or none when any row
 * fails validation, a check, a foreign key or a unique constraint.
 * `TCalled` names the one-shot methods already called (see {@link Without}).
 */
export class InsertStatement<
  T extends AnyTable,
  TResult,
  TCalled extends 'returning' | ConflictMethod = never,
> extends QueryPromise<TResult> {
  declare readonly _table: T;

  constructor(private readonly state: InsertState) {
    super(state.session.lock, state.session.db, state.session.schema.rules !== null);
  }

  /** Resolves to the inserted rows (whole, or the selected columns). */
  returning(): Without<InsertStatement<T, InferSelectModel<T>[], TCalled | 'returning'>, TCalled | 'returning'>;
  returning<S extends ReturningSelection<T>>(
    selection: S,
  ): Without<InsertStatement<T, ReturningRow<S>[], TCalled | 'returning'>, TCalled | 'returning'>;
  returning(
    selection?: ReturningSelection<T>,
  ): Without<InsertStatement<T, unknown, TCalled | 'returning'>, TCalled | 'returning'> {
    return new InsertStatement(withReturning(this.state, selection));
  }

  /**
   * Skips rows that conflict on `target` (or on any unique constraint without one).
   * An insert takes one conflict clause: neither conflict method is there after it.
   */
  onConflictDoNothing(
    config: OnConflictDoNothingConfig<T> = {},
  ): Without<InsertStatement<T, TResult, TCalled | ConflictMethod>, TCalled | ConflictMethod> {
    return this.withConflict({ kind: 'nothing', config });
  }

  /**
   * Updates the existing row with `set` when a row conflicts on `target`
   * (a unique constraint of the table), unless `setWhere` rejects it.
   * An insert takes one conflict clause: neither conflict method is there after it.
   */
  onConflictDoUpdate(
    config: OnConflictDoUpdateConfig<T>,
  ): Without<InsertStatement<T, TResult, TCalled | ConflictMethod>, TCalled | ConflictMethod> {
    return this.withConflict({ kind: 'update', config });
  }

  /** The statement with `clause` added; a second one (past the types: a cast, plain JS) is refused when it runs. */
  private withConflict(clause: ConflictClause): InsertStatement<T, TResult, TCalled | ConflictMethod> {
    return new InsertStatement({ ...this.state, conflicts: [...this.state.conflicts, clause] });
  }

  protected override async perform(): Promise<TResult> {
    const { session, returning } = this.state;
    // onConflictDoUpdate updates rows, whose foreign-key actions read the tables referencing them.
    const updates = this.state.conflicts.some((clause) => clause.kind === 'update');
    const table = statementTable(session, this.state.table, updates);
    checkReturning(table, returning);
    const context = statementContext(
      session,
      returning !== undefined,
      returning !== undefined && needsStoredDocument(returning),
    );
    const run: InsertRun = { session, table, returning, creationTimes: context.creationTimes };
    const conflict = onlyConflict(table, this.state.conflicts);
    const documents = this.documents(run, context);
    let statement = context;
    let changes: RowChange[];
    if (conflict) {
      const plan = conflictPlan(session, run.table, conflict);
      // Before any read: a rule defaultDeny lacks refuses the statement whatever its conflicts (skipped rows reach no rules stage).
      await requireRules(session.schema, run.table, conflictRules(plan, context.returnsRows));
      // Conflicts are judged on the rows as `beforeInsert` left them (Postgres runs BEFORE INSERT triggers first).
      const hooks = hooksOf(context.triggers, run.table.name);
      const rows = hooks?.beforeInsert ? await hookProposedRows(context, run.table, documents) : documents;
      changes = await resolveConflicts(context, run.table, rows, plan);
      // Its rows were judged by the rules, and had their hooks, as their conflicts were resolved: the stages
      // do not run either again.
      statement = {
        ...context,
        ownRowsJudged: true,
        ...(hooks?.beforeInsert || hooks?.beforeUpdate ? { beforeHooked: new Set(changes) } : {}),
      };
    } else {
      changes = documents.map((row) => insertChange(run.table, row));
    }
    const written = await executeStatement(statement, changes);
    // The statement's own rows come first, in order, as before-hooks left them.
    return (returning ? shapeInserted(run, written.slice(0, changes.length), returning) : undefined) as TResult;
  }

  /** The documents to insert, with their defaults, validated before any read. */
  private documents({ session, table }: InsertRun, context: StatementContext): StoredRow[] {
    const rows = (Array.isArray(this.state.rows) ? this.state.rows : [this.state.rows]) as Record<string, unknown>[];
    if (rows.length === 0) {
      throw new OrmError('INVALID_QUERY', `values() of insert into "${table.name}" must be given at least one row.`, {
        table: table.name,
      });
    }
    if (rows.length > context.rowCap) {
      throw new OrmError(
        'ROW_CAP_EXCEEDED',
        `Insert into "${table.name}" has ${rows.length} rows, more than the row cap of ${context.rowCap}; split it or raise rowCap.`,
        { table: table.name, details: { rowCap: context.rowCap } },
      );
    }
    // `Array.from`, not `map`: a hole in the array is a row given as `undefined` (refused), not skipped.
    const documents = Array.from(rows, (row) => insertDocument(table, row));
    // The metered db answers each id's normalizeId once (a syscall on Convex).
    for (const document of documents) validateRow(session.db, table, document);
    return documents;
  }
}

/**
 * The `returning` rows, in statement order, as the statement wrote them: updated rows as
 * stored after the update, inserted rows as planned with their new ids and, when shown,
 * the `_creationTime` the statement read back before any after-hook ran.
 */
function shapeInserted(
  { table, creationTimes }: InsertRun,
  written: readonly RowChange[],
  returning: Returning,
): Record<string, unknown>[] {
  const shaped: Record<string, unknown>[] = [];
  for (const change of written) {
    if (change.operation === 'update') shaped.push(shapeReturning(table, change.new, returning));
    if (change.operation !== 'insert') continue;
    const row = insertedRow(change.new, change.id!);
    const created = creationTimes?.get(change.id!);
    shaped.push(shapeReturning(table, created === undefined ? row : { ...row, _creationTime: created }, returning));
  }
  return shaped;
}

const conflictMethod = (clause: ConflictClause): ConflictMethod =>
  clause.kind === 'nothing' ? 'onConflictDoNothing' : 'onConflictDoUpdate';

/**
 * The insert's conflict clause, if any. Throws `INVALID_QUERY` for a second one (the types
 * refuse it, as Drizzle's do): applying either would drop what the other asked for.
 */
function onlyConflict(table: TableConfig, conflicts: readonly ConflictClause[]): ConflictClause | undefined {
  if (conflicts.length > 1) {
    throw new OrmError(
      'INVALID_QUERY',
      `Insert into "${table.name}" has ${conflicts.length} conflict clauses (${conflicts.map(conflictMethod).join(', then ')}); it takes one: keep the one that says what a conflict should do.`,
      { table: table.name },
    );
  }
  return conflicts[0];
}

const DO_NOTHING_KEYS: ReadonlySet<string> = new Set(['target']);
const DO_UPDATE_KEYS: ReadonlySet<string> = new Set(['target', 'set', 'setWhere', 'where']);

/**
 * Refuses options the clause does not take rather than dropping them: a condition ignored would
 * update (or skip) rows the caller meant to leave. Drizzle's `targetWhere` (and `where` of
 * `onConflictDoNothing`) names a partial index as the arbiter, and Convex has no partial indexes.
 */
function checkConflictKeys(table: TableConfig, name: string, config: object, known: ReadonlySet<string>): void {
  for (const key of Object.keys(config)) {
    // A key given as undefined is a key left out, as Drizzle reads it (options built from optional inputs).
    if (known.has(key) || (config as Record<string, unknown>)[key] === undefined) continue;
    const why =
      key === 'targetWhere' || key === 'where'
        ? 'it names a partial index as the arbiter, and Convex has no partial indexes'
        : `it takes ${[...known].map((k) => `\`${k}\``).join(', ')}`;
    throw new OrmError('INVALID_QUERY', `${name} on "${table.name}" does not take \`${key}\`: ${why}.`, {
      table: table.name,
    });
  }
}

type ConflictColumns = AnyColumn | readonly AnyColumn[];

/** The conflict clause checked and planned: its target constraint, `set` patch and `setWhere` filter. */
function conflictPlan(session: MutationSession, table: TableConfig, clause: ConflictClause): ConflictPlan {
  const name = conflictMethod(clause);
  if (typeof clause.config !== 'object' || clause.config === null) {
    throw new OrmError('INVALID_QUERY', `${name} on "${table.name}" takes an options object.`, { table: table.name });
  }
  checkConflictKeys(table, name, clause.config, clause.kind === 'nothing' ? DO_NOTHING_KEYS : DO_UPDATE_KEYS);
  if (clause.kind === 'nothing') {
    const { target } = clause.config as { target?: ConflictColumns };
    const constraints = target ? [conflictTarget(table, target, name)] : table.uniques;
    return { kind: 'nothing', constraints };
  }
  const config = clause.config as { target: ConflictColumns; set: unknown; setWhere?: unknown; where?: unknown };
  const { target, set, where } = config;
  if (where != null && config.setWhere != null) {
    throw new OrmError(
      'INVALID_QUERY',
      `onConflictDoUpdate on "${table.name}" takes \`setWhere\` or its deprecated spelling \`where\`, not both.`,
      { table: table.name },
    );
  }
  const setWhere = config.setWhere !== undefined ? config.setWhere : (where ?? undefined);
  const constraint = conflictTarget(table, target, name);
  if (set === undefined || set === null) {
    throw new OrmError(
      'INVALID_QUERY',
      `onConflictDoUpdate on "${table.name}" takes \`set\`: the values to update the conflicting row with (onConflictDoUpdate({ target, set: { ... } })); to skip it, use onConflictDoNothing().`,
      { table: table.name },
    );
  }
  const patch = updatePatch(table, set as Record<string, unknown>, true);
  validateFields(session.db, table, patch);
  return {
    kind: 'update',
    constraint,
    patch,
    setWhere: setWhere === undefined ? null : conflictRowFilter(table, setWhere),
  };
}
