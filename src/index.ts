/**
 * convex-orm: a type-safe ORM for Convex with the Drizzle v1 API.
 * The core entry: schema, relations, queries, mutations, operators, errors.
 */
export { type DeletionFunctions, type DeletionFunctionsConfig, defineDeletionFunctions } from './deletion/functions.js';
export { isOrmError, OrmError, type OrmErrorCode, type OrmErrorData, TransactionRollbackError } from './errors.js';
export * from './filter/index.js';
export type { TransactionBudgetOptions } from './limits/budgetOptions.js';
export {
  CONVEX_TRANSACTION_LIMITS,
  DEFAULT_TRANSACTION_BUDGET,
  type TransactionLimitName,
  type TransactionLimitValues,
} from './limits/convexLimits.js';
export * from './mutation/index.js';
export {
  createOrm,
  type Orm,
  type OrmCtx,
  type OrmDbOptions,
  type OrmOptions,
  type OrmReader,
  type OrmWriter,
  type PreparedQueryApi,
  type QueryApi,
  type ResolvedOrmOptions,
} from './orm.js';
export type { AggregateQuery } from './query/aggregateQuery.js';
export { DEFAULT_SCAN_BUDGET } from './query/budget.js';
export type { RelationalQueryBuilder } from './query/builder.js';
export type { QueryExplain } from './query/explain.js';
export type {
  PreparableCount,
  PreparablePaginatedQuery,
  PreparableQuery,
  PreparedCount,
  PreparedPaginatedQuery,
  PreparedQuery,
  PreparedQueryBuilder,
} from './query/prepared.js';
export type { PreparedCtx } from './query/preparedCore.js';
export type { RelationalQuery } from './query/relationalQuery.js';
export type {
  AggregateConfig,
  AggregateFields,
  AggregateResult,
  GroupByConfig,
  GroupByResult,
} from './query/types/aggregate.js';
export type { ColumnKeys } from './query/types/columns.js';
export type {
  ColumnsOrderByConfig,
  CountConfig,
  ExtrasConfig,
  FindFirstConfig,
  FindManyConfig,
  ManyRelationConfig,
  OrderByConfig,
  PaginateConfig,
  QueryConfig,
  RelationCountConfig,
  SearchConfig,
  WithConfig,
} from './query/types/config.js';
export type { PlaceholderValues } from './query/types/placeholders.js';
export type { BuildQueryResult } from './query/types/result.js';
export type { FieldFilter, FieldOperators, RelationsFilter, TableFilter } from './query/types/where.js';
export type { QueryPromise } from './queryPromise.js';
export {
  type AnyRelation,
  defineRelations,
  defineRelationsPart,
  type ExtractTables,
  RELATIONS_SCHEMA,
  type Relation,
  RelationDeclaration,
  type Relations,
  type RelationsPart,
  type RelationsSchema,
  type TableRelationalConfig,
  type TableRelations,
  type TablesRelationalConfig,
} from './relations/index.js';
export {
  defineRules,
  type Rule,
  type RuleInsertRow,
  type Rules,
  type RulesOf,
  type RulesOptions,
  type TableRules,
} from './rules/define.js';
export * from './schema/index.js';
export {
  AggregateColumn,
  type AliasedTable,
  alias,
  avg,
  avgDistinct,
  type BigintColumn,
  type ConvexSelect,
  type CountQuery,
  count,
  countDistinct,
  type EmptySelect,
  type JoinExplain,
  type JoinNullability,
  max,
  min,
  type NoFields,
  type NumericColumn,
  type OrderedColumn,
  type PreparedSelect,
  type SelectApi,
  type SelectBuilder,
  type SelectExplain,
  type SelectFields,
  type SelectOrder,
  type SelectPlaceholderValues,
  type SelectQuery,
  type SelectResult,
  sum,
  sumDistinct,
} from './select/index.js';
export {
  defineTriggers,
  type InsertedRow,
  type TableTriggers,
  type TriggerChange,
  type TriggerContext,
  type Triggers,
  type TriggersConfig,
} from './triggers/define.js';
export * from './validators/index.js';
export type { VectorSearchOptions } from './vector/vectorSearch.js';
