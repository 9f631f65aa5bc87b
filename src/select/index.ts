import type { FilterExpression } from '../filter/expressions.js';
import type { MutationWhere } from '../mutation/types.js';
import type { NoInferred } from '../noInferred.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import type { AnyTable, ScopeName } from '../schema/table.js';
import { SelectBuilder, type SelectSession } from './builder.js';
import { CountQuery } from './count.js';
import type { EmptySelect, NoFields, SelectFields } from './types.js';

/** The select half of `orm.db(ctx)`: Drizzle's core query builder and `$count`. */
export interface SelectApi<TSchema extends TablesRelationalConfig> {
  /** `select()` (whole rows) or `select({ key: table.column | aggregate })`, then `.from(table)`. */
  select(): SelectBuilder<TSchema, undefined>;
  select<T>(fields: NoFields<T>): EmptySelect;
  select<TSelection extends SelectFields>(fields: TSelection): SelectBuilder<TSchema, TSelection>;
  /** Like `select`, without duplicate result rows. */
  selectDistinct(): SelectBuilder<TSchema, undefined>;
  selectDistinct<T>(fields: NoFields<T>): EmptySelect;
  selectDistinct<TSelection extends SelectFields>(fields: TSelection): SelectBuilder<TSchema, TSelection>;
  /**
   * The number of rows of `table` matching `filter` (all rows without one): from an aggregate
   * index that serves it, else read within the scan budget. Lazy. Selected as a field of a select
   * (`select({ posts: db.$count(posts, eq(posts.authorId, users._id)) }).from(users)`), its filter
   * may compare with the select's columns: it is counted per result row.
   */
  $count<T extends AnyTable, TTables extends string = never>(
    table: T,
    filter?: MutationWhere<T, TSchema> | FilterExpression<TTables>,
    // NoInferred: inside `select({ ... })` the field's contextual type would otherwise infer TTables
    // (`string`, correlating an uncorrelated count with every table). Only the counted table's name
    // as it goes by (an alias's) is its own: an alias of users may correlate with users.
  ): CountQuery<Exclude<NoInferred<TTables>, ScopeName<T>>>;
}

/**
 * The select API of one `db` (queries and mutations alike): a class, so that
 * `orm.db(ctx)` makes one object, not a closure per method; call the methods
 * on the `db`, as in Drizzle.
 */
export class SelectDb<TSchema extends TablesRelationalConfig> implements SelectApi<TSchema> {
  constructor(protected readonly session: SelectSession) {}
  select(): SelectBuilder<TSchema, undefined>;
  select<T>(fields: NoFields<T>): EmptySelect;
  select<TSelection extends SelectFields>(fields: TSelection): SelectBuilder<TSchema, TSelection>;
  select(fields?: SelectFields): unknown {
    return new SelectBuilder(this.session, fields, false);
  }
  selectDistinct(): SelectBuilder<TSchema, undefined>;
  selectDistinct<T>(fields: NoFields<T>): EmptySelect;
  selectDistinct<TSelection extends SelectFields>(fields: TSelection): SelectBuilder<TSchema, TSelection>;
  selectDistinct(fields?: SelectFields): unknown {
    return new SelectBuilder(this.session, fields, true);
  }
  $count<T extends AnyTable>(table: T, ...filter: [unknown?]): CountQuery<any> {
    return new CountQuery(this.session, table, filter);
  }
}

export {
  AggregateColumn,
  avg,
  avgDistinct,
  type BigintColumn,
  count,
  countDistinct,
  max,
  min,
  type NumericColumn,
  type OrderedColumn,
  sum,
  sumDistinct,
} from './aggregates.js';
export { type AliasedTable, alias } from './alias.js';
export type { ConvexSelect, SelectBuilder, SelectOrder, SelectQuery, SelectSession } from './builder.js';
export type { CountQuery } from './count.js';
export type { JoinExplain, SelectExplain } from './explain.js';
export type { PreparedSelect, SelectPlaceholderValues } from './prepared.js';
export type { EmptySelect, JoinNullability, NoFields, SelectFields, SelectResult } from './types.js';
