import { OrmError } from '../errors.js';
import type { Column, ColumnTypeConfig } from '../schema/column.js';
import { placeholderOutsidePrepared } from './placeholder.js';
import { type FilterNode, qualifyFields } from './tree.js';

/**
 * A filter built with the exported operators (`eq(users.email, x)`). It
 * wraps a filter-tree node and remembers the table its columns belong to.
 * `and`/`or` over columns of several tables (a select's join condition or
 * where) make a joined expression: its fields are qualified `table.field`
 * (Convex field names never contain a dot) and `tables` lists them all.
 * `TTables` names those tables for the types, so that an update or delete
 * takes only filters on its own table (another's is `INVALID_FILTER` at run
 * time); a comparison of two columns counts both columns' tables.
 */
// The default is `any`, not `string`: a filter typed as the bare `FilterExpression` (a helper's
// return type, a list built up, `let filter: FilterExpression | undefined`) names no table, and is
// taken wherever one table's is, as in Drizzle (`SQL`).
export class FilterExpression<TTables extends string = any> {
  declare readonly _tables: TTables;

  constructor(
    private readonly tree: FilterNode | OrmError,
    readonly tableName: string,
    readonly tables: readonly string[] = [tableName],
    /** Set on an expression holding placeholders ({@link placeholding}). */
    readonly placeholders?: PlaceholderBinding,
  ) {}

  /**
   * An operator's expression given a placeholder (`eq(users.email, sql.placeholder('email'))`):
   * `bind` makes it for the placeholders' values (a prepared select executing). Anywhere else it
   * is a {@link failed} expression: a query or statement given it rejects, naming the placeholder.
   */
  static placeholding(
    names: readonly string[],
    bind: (values: PlaceholderValueMap) => FilterExpression,
  ): FilterExpression {
    return new FilterExpression(placeholderOutsidePrepared(names[0]!), '', [], { names, bind });
  }

  /** This expression made for the placeholders' `values` when it holds placeholders, else itself. */
  bound(values: PlaceholderValueMap): FilterExpression {
    return this.placeholders ? this.placeholders.bind(values) : this;
  }

  /**
   * An operator's expression given input it refuses (a value its column cannot hold, no column):
   * the query or statement given it rejects with `error` when it runs, as for a where-object's,
   * instead of the operator throwing where the query is built.
   */
  static failed(error: OrmError): FilterExpression {
    return new FilterExpression(error, '', []);
  }

  /** The error of a {@link failed} expression, else `undefined`. */
  get failure(): OrmError | undefined {
    return this.tree instanceof OrmError ? this.tree : undefined;
  }

  /** The filter tree; throws the error of a {@link failed} expression. */
  get node(): FilterNode {
    if (this.tree instanceof OrmError) throw this.tree;
    return this.tree;
  }

  /** The tree with every field qualified `table.field`, as a select evaluates it over joined rows. */
  qualified(): FilterNode {
    return this.tables.length > 1 ? this.node : qualifyFields(this.node, this.tableName);
  }
}

/** The values of a prepared select's placeholders, by name. */
export type PlaceholderValueMap = Readonly<Record<string, unknown>>;

/** What a {@link FilterExpression} holding placeholders keeps: their names, and how to make it for their values. */
export interface PlaceholderBinding {
  readonly names: readonly string[];
  bind(values: PlaceholderValueMap): FilterExpression;
}

/**
 * An ordering built with {@link asc} or {@link desc}. `TTable` is its
 * column's table name, so that an `orderBy` callback can take only its own
 * table's orderings (another table's is `INVALID_QUERY` at run time).
 */
// `any` by default for the same reason as `FilterExpression`'s: a bare `OrderExpression` names no table.
export class OrderExpression<TTable extends string = any> {
  constructor(
    private readonly ordered: Column<ColumnTypeConfig, TTable> | OrmError,
    readonly direction: 'asc' | 'desc',
  ) {}

  /** The column ordered by; throws the error of `asc`/`desc` given no column, when the query runs. */
  get column(): Column<ColumnTypeConfig, TTable> {
    if (this.ordered instanceof OrmError) throw this.ordered;
    return this.ordered;
  }
}
