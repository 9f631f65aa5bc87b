import type { GenericDatabaseReader } from 'convex/server';
import type { FilterExpression, OrderExpression } from '../filter/expressions.js';
import type { Placeholder } from '../filter/placeholder.js';
import type { WhereObject } from '../mutation/types.js';
import type { ReadOptions } from '../query/execution.js';
import type { SchemaContext } from '../query/schemaContext.js';
import { QueryPromise } from '../queryPromise.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import type { AnyTable, ScopeName } from '../schema/table.js';
import { explainSelect, type SelectExplain } from './explain.js';
import { parseSelect } from './parse.js';
import { performSelect } from './perform.js';
import { PreparedSelect, type SelectPreparer } from './prepared.js';
import type { JoinKind, SelectState } from './state.js';
import type {
  AppendNullability,
  AppendTable,
  GroupByColumns,
  NullabilityMap,
  ScopedColumn,
  ScopeOf,
  ScopeTables,
  SelectFields,
  SelectResult,
  SelectTables,
  SelectWithout,
} from './types.js';

/** Where a select runs: the Convex reader, the ORM's schema and read options, and the writer's lock (`null` on a reader). */
export interface SelectSession {
  readonly db: GenericDatabaseReader<any>;
  readonly schema: SchemaContext;
  readonly options: ReadOptions;
  readonly lock: object | null;
  /** What its selects are prepared with: absent on a `db` not made by `createOrm` (`createMutationApi`'s). */
  readonly preparer?: SelectPreparer | undefined;
}

/** What a select built on `orm` at module scope has instead: no reader (it runs only prepared), and what preparing it takes. */
export interface ModuleSelectSession extends Omit<SelectSession, 'db'> {
  readonly db: null;
  readonly preparer: SelectPreparer;
}

/** Where a select is built: in a call (`orm.db(ctx)`), or at module scope (`orm`). */
export type SelectSource = SelectSession | ModuleSelectSession;

/** `db.select(fields?)` / `db.selectDistinct(fields?)`: names the fields; `.from(table)` starts the query. */
export class SelectBuilder<TSchema extends TablesRelationalConfig, TSelection extends SelectFields | undefined> {
  constructor(
    private readonly session: SelectSource,
    private readonly fields: TSelection,
    private readonly distinct: boolean,
  ) {}

  /** The table the rows come from; its index serves the where filter and the order when it can. */
  from<TFrom extends AnyTable>(
    table: TFrom,
  ): SelectQuery<
    TSchema,
    TFrom,
    TSelection,
    { [K in ScopeName<TFrom>]: TFrom },
    { [K in ScopeName<TFrom>]: 'not-null' },
    false,
    never
  > {
    const state: SelectState = {
      fields: this.fields,
      distinct: this.distinct,
      from: table,
      joins: [],
      orderBy: [],
      groupBy: [],
    };
    return new SelectQuery(this.session, state);
  }
}

/** An order term: `asc(col)`, `desc(col)`, or a column (ascending), aggregates included; of the tables `TTables`. */
export type SelectOrder<TTables extends SelectTables = SelectTables> =
  | OrderExpression<ScopeTables<TTables>>
  | ScopedColumn<TTables>;

/**
 * The tables the columns of a selection are of (aggregates of a table, `AGGREGATE_TABLE` for
 * `count()`); none for whole rows. Awaiting a query checks them against its tables: the
 * selection comes before `from()` and the joins, so only the finished query can be checked.
 */
// An indexed access, not a conditional: a selection holding a type parameter (a helper generic
// over its table, `select({ id: table._id })`) then keeps its columns' tables, where a deferred
// conditional would be checked as its constraint, `string`, and refuse the helper's own table.
type SelectionTables<TSelection extends SelectFields | undefined> =
  NonNullable<TSelection>[keyof NonNullable<TSelection>]['_table'];

/**
 * What a finished query's `this` must be to run: a query whose selection's tables are all in
 * `TTables`, or the `from` table's, named directly (for a generic table, `keyof` its tables does
 * not reduce to its name).
 */
type InScope<TTables extends SelectTables, TFrom extends AnyTable> = {
  readonly _selectionTables: ScopeTables<TTables> | ScopeOf<ScopeName<TFrom>>;
};

type Join<
  TSchema extends TablesRelationalConfig,
  TFrom extends AnyTable,
  TSelection extends SelectFields | undefined,
  TTables extends SelectTables,
  TMap extends NullabilityMap,
  TDynamic extends boolean,
  TExcluded extends string,
  TJoined extends AnyTable,
  TKind extends JoinKind,
> = SelectWithout<
  SelectQuery<
    TSchema,
    TFrom,
    TSelection,
    AppendTable<TTables, TJoined>,
    AppendNullability<TMap, ScopeName<TJoined>, TKind>,
    TDynamic,
    TExcluded
  >,
  TDynamic,
  TExcluded
>;

/**
 * The query after a method that may be called once (`K`): without `K`, unless it is `$dynamic()`;
 * then the query itself (`This`), as Drizzle's dynamic methods return `this`, so a helper
 * `<T extends ConvexSelect>(qb: T) => qb.limit(10)` returns its `T`, row type and all.
 */
type After<
  This,
  TSchema extends TablesRelationalConfig,
  TFrom extends AnyTable,
  TSelection extends SelectFields | undefined,
  TTables extends SelectTables,
  TMap extends NullabilityMap,
  TDynamic extends boolean,
  TExcluded extends string,
  K extends string,
> = TDynamic extends true
  ? This
  : Omit<SelectQuery<TSchema, TFrom, TSelection, TTables, TMap, TDynamic, TExcluded | K>, TExcluded | K>;

/**
 * A select query (Drizzle's core query builder on Convex). Immutable: each
 * method returns a new query. A lazy, proper promise ({@link QueryPromise}):
 * nothing is read until it is awaited, every error (bad input, missing
 * index, scan budget) rejects it, and on a writer it runs in order with the
 * other operations. `explain()` shows the plan without reading.
 */
export class SelectQuery<
  TSchema extends TablesRelationalConfig,
  TFrom extends AnyTable,
  TSelection extends SelectFields | undefined,
  TTables extends SelectTables,
  TMap extends NullabilityMap,
  TDynamic extends boolean,
  TExcluded extends string,
  TResult = SelectResult<TFrom, TSelection, TTables, TMap>[],
> extends QueryPromise<TResult> {
  declare readonly _: { readonly result: TResult; readonly tables: TTables; readonly nullability: TMap };
  declare readonly _selectionTables: SelectionTables<TSelection>;

  constructor(
    private readonly session: SelectSource,
    private readonly state: SelectState,
  ) {
    super(session.lock, session.db ?? undefined, session.schema.rules !== null);
  }

  private with(patch: Partial<SelectState>): never {
    return new SelectQuery(this.session, { ...this.state, ...patch }) as never;
  }

  /**
   * A join method of `kind`: appends the join to a new query. Its ON condition may use the
   * tables so far and the joined one; their names bound a type parameter (`TOn`) rather than
   * typing `on` itself, so the condition's operators infer nothing from them (cheaper to check).
   */
  private joinOf<K extends JoinKind>(kind: K) {
    // No aggregate pseudo-table: an aggregate in an ON condition is refused (as Postgres refuses it).
    return <T extends AnyTable, TOn extends (keyof TTables & string) | ScopeName<T>>(
      table: T,
      on: FilterExpression<TOn> | undefined,
    ): Join<TSchema, TFrom, TSelection, TTables, TMap, TDynamic, TExcluded, T, K> =>
      this.with({ joins: [...this.state.joins, { kind, table, on }] });
  }

  /** Rows of `table` paired with each row so far where `on` holds; rows without a pair are dropped. */
  readonly innerJoin = this.joinOf('inner');
  /** Like {@link innerJoin}, but a row without a pair is kept once with `null` for `table`. */
  readonly leftJoin = this.joinOf('left');
  /** Not supported (it would read all of `table` unbounded): rejects with `INVALID_QUERY`. */
  readonly rightJoin = this.joinOf('right');
  /** Not supported (it would read all of `table` unbounded): rejects with `INVALID_QUERY`. */
  readonly fullJoin = this.joinOf('full');

  /** Keeps the rows where `filter` holds: an operator expression over any joined table, or a where-object of the first table. */
  where(
    // Columns of the select's tables only: an aggregate in where() is refused (use having()).
    // A where-object's values may be placeholders, for a prepared select.
    filter: FilterExpression<keyof TTables & string> | WhereObject<TFrom, TSchema, Placeholder> | undefined,
  ): After<this, TSchema, TFrom, TSelection, TTables, TMap, TDynamic, TExcluded, 'where'> {
    return this.with({ where: { filter } });
  }

  /** Groups the rows by these columns; the selection (which a grouped select names) then holds group keys and aggregates. */
  groupBy(
    ...columns: GroupByColumns<TSelection, TTables>
  ): After<this, TSchema, TFrom, TSelection, TTables, TMap, TDynamic, TExcluded, 'groupBy'> {
    return this.with({ groupBy: columns });
  }

  /**
   * Keeps the groups where `filter` holds (`gt(count(), 5)`). `undefined` (an
   * `and()` of nothing) rejects with `INVALID_FILTER`, as in `where()`: leave
   * `having()` out to keep every group.
   */
  having(
    filter: FilterExpression<ScopeTables<TTables>> | undefined,
  ): After<this, TSchema, TFrom, TSelection, TTables, TMap, TDynamic, TExcluded, 'having'> {
    return this.with({ having: { filter } });
  }

  /** Sorts by these terms in Convex value order (nulls first ascending). */
  orderBy(
    ...terms: SelectOrder<TTables>[]
  ): After<this, TSchema, TFrom, TSelection, TTables, TMap, TDynamic, TExcluded, 'orderBy'> {
    return this.with({ orderBy: terms });
  }

  /** At most `limit` result rows (joined rows, groups); reading stops once they passed when the order allows. A placeholder in a prepared select. */
  limit(
    limit: number | Placeholder,
  ): After<this, TSchema, TFrom, TSelection, TTables, TMap, TDynamic, TExcluded, 'limit'> {
    return this.with({ limit });
  }

  /** Skips the first `offset` result rows. A placeholder in a prepared select. */
  offset(
    offset: number | Placeholder,
  ): After<this, TSchema, TFrom, TSelection, TTables, TMap, TDynamic, TExcluded, 'offset'> {
    return this.with({ offset });
  }

  /** Includes the soft-deleted rows of every table of the select (tables with `deletion(...)`), which are hidden otherwise. */
  withDeleted(): After<this, TSchema, TFrom, TSelection, TTables, TMap, TDynamic, TExcluded, 'withDeleted'> {
    return this.with({ withDeleted: true });
  }

  /**
   * The same query with every method callable again (a later call replaces the earlier), for
   * composing. It excludes no method, whatever was called before (as Drizzle's `PgSelectDynamic`),
   * so every dynamic query is a {@link ConvexSelect}.
   */
  $dynamic(): SelectQuery<TSchema, TFrom, TSelection, TTables, TMap, true, never> {
    return this as never;
  }

  /** The plan: base read, join lookups, post-filter, grouping, order. No reads; throws on an invalid query. */
  explain(): SelectExplain {
    const { schema, options } = this.session;
    return explainSelect(schema, parseSelect(schema, this.state), options.scanBudget, this.session.db);
  }

  /**
   * The select prepared (Drizzle's `.prepare(name)`), best built once at module scope on `orm`
   * (`orm.select(...)`): `execute(ctx, values)` runs it in a call with its placeholders' values.
   * One built on `orm.db(ctx)` runs the same way, with each execution's ctx; one built on a db of
   * `createMutationApi` rejects its executions with `INVALID_QUERY`. A selection with a column of
   * a table the query does not have is a type error here, as in `then`.
   */
  prepare(
    this: InScope<TTables, TFrom>,
    name?: string,
  ): PreparedSelect<TResult extends readonly (infer R)[] ? R : never> {
    const { session, state } = this as unknown as { session: SelectSource; state: SelectState };
    return new PreparedSelect(session.preparer, state, name);
  }

  /**
   * Awaiting the query runs it. A selection with a column of a table the query does not have
   * is a type error here, where the query is finished ("The 'this' context ... is not
   * assignable"), as it would reject with `INVALID_QUERY`; so it is in `execute`, `catch` and
   * `finally`, the other ways to run it. (`Promise.all([query])` takes any `PromiseLike`, whose
   * `then` it does not check against the query: there it rejects at run time only.)
   */
  // biome-ignore lint/suspicious/noThenProperty: builders are awaitable by design, as in Drizzle.
  override then<A = TResult, B = never>(
    this: InScope<TTables, TFrom>,
    onfulfilled?: ((value: TResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return super.then(onfulfilled, onrejected);
  }

  /** Runs the query now, as awaiting it does (a selection of a table not in the query is a type error, as in `then`). */
  override execute(this: InScope<TTables, TFrom>): Promise<TResult> {
    return super.execute();
  }

  override catch<B = never>(
    this: InScope<TTables, TFrom>,
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<TResult | B> {
    return super.catch(onrejected);
  }

  override finally(this: InScope<TTables, TFrom>, onfinally?: (() => void) | null): Promise<TResult> {
    return super.finally(onfinally);
  }

  protected async perform(): Promise<TResult> {
    return (await performSelect(this.session, this.state)) as TResult;
  }
}

/**
 * Any dynamic select, for helpers that compose queries (Drizzle's `PgSelect`):
 * `<T extends ConvexSelect>(qb: T) => qb.limit(10)` returns its `T` (a dynamic query's
 * once-only methods return the query itself).
 */
export type ConvexSelect = SelectQuery<any, any, any, any, any, true, never, any>;
