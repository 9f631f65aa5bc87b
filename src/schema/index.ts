export { type AggregateIndexConfig, MAX_AGGREGATE_KEY_FIELDS } from './aggregateConfig.js';
export { AggregateIndexDefinition, aggregateIndex } from './aggregateIndex.js';
export {
  type AnyColumn,
  Column,
  ColumnBuilder,
  type ColumnDefinition,
  type ColumnKind,
  type ColumnSelectType,
  type ColumnTypeConfig,
  type ForeignKeyAction,
} from './column.js';
export {
  arrayOf,
  bigint,
  boolean,
  bytes,
  custom,
  date,
  id,
  integer,
  json,
  number,
  objectOf,
  type Simplify,
  text,
  textEnum,
  timestamp,
  vector,
} from './columns.js';
export {
  CheckConstraint,
  check,
  ForeignKeyDefinition,
  foreignKey,
  IndexDefinition,
  index,
  primaryKey,
  SearchIndexDefinition,
  searchIndex,
  type TableExtra,
  UniqueConstraint,
  unique,
  uniqueIndex,
  VectorIndexDefinition,
  vectorIndex,
} from './constraints.js';
export { defineSchema, type OrmSchema } from './defineSchema.js';
export { type DeletionConfig, DeletionDefinition, type DeletionMode, deletion } from './deletion.js';
export type { InferInsertModel, InferSelectModel, InsertModel, SelectModel, StoredModel } from './inference.js';
export { buildSchemaRegistry, type ResolvedForeignKey, type SchemaRegistry } from './registry.js';
export { type AggregateTables, aggregateTables, type MigrationTables, migrationTables } from './reservedTables.js';
export {
  type AnyTable,
  type CheckConfig,
  type ConvexTable,
  convexTable,
  type ForeignKeyDeclaration,
  getTableColumns,
  getTableConfig,
  getTableName,
  type IndexConfig,
  type SearchIndexConfig,
  type TableColumns,
  type TableConfig,
  type UniqueConfig,
  type VectorIndexConfig,
} from './table.js';
