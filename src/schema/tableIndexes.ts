import { filterFields } from '../filter/tree.js';
import { addedIndexName } from './addedIndexName.js';
import { type AggregateIndexConfig, resolveAggregateIndex } from './aggregateConfig.js';
import type { AggregateIndexDefinition } from './aggregateIndex.js';
import type { AnyColumn } from './column.js';
import { describe } from './conforms.js';
import { checkConstraintNames, oneOfEachName } from './constraintNames.js';
import type { TableExtra } from './constraints.js';
import type { DeletionConfig, DeletionDefinition } from './deletion.js';
import { verifyForeignKeyActions } from './foreignKeyActions.js';
import {
  checkDistinctFields,
  checkExtra,
  checkIndexWidth,
  checkLimit,
  checkPrimaryKey,
  checkSomeColumn,
  checkUniqueNames,
  constraintLabel,
  fail,
  fieldNames,
  filterFieldNames,
  LIMITS,
} from './indexChecks.js';
import type {
  CheckConfig,
  ForeignKeyDeclaration,
  IndexConfig,
  SearchIndexConfig,
  TableConfig,
  UniqueConfig,
  VectorIndexConfig,
} from './table.js';

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((field) => b.includes(field));
}

/**
 * The unique constraint (or unique index) whose columns are exactly `fields`, in any order. Of
 * two on the same columns, the nulls-not-distinct one: an upsert's target takes every unique
 * index on its columns as an arbiter (as Postgres infers them), and that one finds every conflict
 * the other finds, and those of keys holding a null too.
 */
export function findUniqueOn(uniques: readonly UniqueConfig[], fields: readonly string[]): UniqueConfig | undefined {
  const on = uniques.filter((unique) => sameSet(unique.fields, fields));
  return on.find((unique) => unique.nullsNotDistinct) ?? on[0];
}

/** The first index whose leading fields are exactly `fields` (in any order). */
export function findIndexStartingWith(
  indexes: readonly IndexConfig[],
  fields: readonly string[],
): IndexConfig | undefined {
  return indexes.find((index) => sameSet(index.fields.slice(0, fields.length), fields));
}

/**
 * Turns a table's columns and config callback result into its {@link TableConfig}:
 * validates every index and constraint, and adds the indexes that unique
 * constraints and foreign keys need when the table has none that fits
 * (`<fields>_unique`, `<fields>_fk`, named by {@link addedIndexName}).
 */
export function planTableIndexes(
  table: string,
  columns: Readonly<Record<string, AnyColumn>>,
  systemColumns: Readonly<Record<'_id' | '_creationTime', AnyColumn>>,
  extras: readonly TableExtra[],
): TableConfig {
  const indexes: IndexConfig[] = [];
  const uniques: Omit<UniqueConfig, 'index'>[] = [];
  const foreignKeys: ForeignKeyDeclaration[] = [];
  const searchIndexes: SearchIndexConfig[] = [];
  const vectorIndexes: VectorIndexConfig[] = [];
  const checks: CheckConfig[] = [];
  const aggregateDefinitions: AggregateIndexDefinition[] = [];
  let deletion: DeletionConfig | undefined;

  // The columns of each primary key declared: a table has one.
  const primaryKeys: string[][] = [];
  for (const column of Object.values(columns)) {
    const { unique, references, primaryKey } = column.definition;
    if (primaryKey) {
      primaryKeys.push([column.name]);
      uniques.push({ name: `${table}_pkey`, fields: [column.name], nullsNotDistinct: false });
    }
    if (unique) {
      uniques.push({
        name: unique.name ?? `${table}_${column.name}_unique`,
        fields: [column.name],
        nullsNotDistinct: unique.nullsNotDistinct,
      });
    }
    if (references) {
      foreignKeys.push({
        name: `${table}_${column.name}_fk`,
        fields: [column.name],
        foreignColumns: () => [references.column()],
        onDelete: references.onDelete,
        onUpdate: references.onUpdate,
      });
    }
  }

  if (!Array.isArray(extras as unknown)) {
    fail(
      table,
      `The third argument of convexTable("${table}") must return an array of indexes and constraints; got ${describe(extras)}.`,
    );
  }
  for (const [at, extra] of extras.entries()) {
    checkExtra(table, extra, at);
    switch (extra.kind) {
      case 'index': {
        const { name, columns: indexColumns, unique, nullsNotDistinct } = extra.config;
        const fields = fieldNames(table, `Index "${name}"`, indexColumns);
        checkSomeColumn(table, `Index "${name}"`, fields);
        checkIndexWidth(table, `Index "${name}"`, fields);
        indexes.push({ name, fields, source: 'index' });
        if (unique) uniques.push({ name, fields, nullsNotDistinct });
        break;
      }
      case 'unique': {
        const { primaryKey } = extra.config;
        const fields = fieldNames(table, primaryKey ? 'Primary key' : 'Unique constraint', extra.config.columns);
        if (primaryKey) {
          checkPrimaryKey(table, extra.config.columns, fields);
          primaryKeys.push(fields);
        } else checkSomeColumn(table, `Unique constraint${constraintLabel(extra.config.name)}`, fields);
        uniques.push({
          name: extra.config.name ?? `${table}_${fields.join('_')}_${primaryKey ? 'pk' : 'unique'}`,
          fields,
          nullsNotDistinct: extra.config.nullsNotDistinct,
        });
        break;
      }
      case 'foreignKey': {
        const { name, columns: fkColumns, foreignColumns, onDelete, onUpdate } = extra.config;
        const fields = fieldNames(table, 'Foreign key', fkColumns);
        checkSomeColumn(table, `Foreign key${constraintLabel(name)}`, fields);
        if (foreignColumns.length !== fields.length) {
          fail(
            table,
            `Foreign key on (${fields.join(', ')}) has ${foreignColumns.length} foreign columns; give one per column.`,
          );
        }
        foreignKeys.push({
          name: name ?? `${table}_${fields.join('_')}_fk`,
          fields,
          foreignColumns: () => foreignColumns,
          onDelete,
          onUpdate,
        });
        break;
      }
      case 'searchIndex': {
        const { name, searchColumn, filterColumns } = extra.config;
        if (!searchColumn) fail(table, `Search index "${name}" needs a column: searchIndex("${name}").on(t.column).`);
        const [searchField] = fieldNames(table, `Search index "${name}"`, [searchColumn]);
        if (!['text', 'textEnum'].includes(searchColumn.definition.kind)) {
          fail(
            table,
            `Search index "${name}" must be on a text column; "${searchField}" is ${searchColumn.definition.kind}.`,
          );
        }
        searchIndexes.push({
          name,
          searchField: searchField!,
          filterFields: filterFieldNames(table, `Search index "${name}"`, filterColumns),
        });
        break;
      }
      case 'vectorIndex': {
        const { name, vectorColumn, dimensions, filterColumns } = extra.config;
        if (!vectorColumn)
          fail(table, `Vector index "${name}" needs a column: vectorIndex("${name}").on(t.embedding).`);
        const [vectorField] = fieldNames(table, `Vector index "${name}"`, [vectorColumn]);
        const columnDimensions = vectorColumn.definition.dimensions;
        if (vectorColumn.definition.kind !== 'vector' || columnDimensions === undefined) {
          fail(
            table,
            `Vector index "${name}" must be on a vector(dimensions) column; "${vectorField}" is ${vectorColumn.definition.kind}.`,
          );
        }
        const { min, max } = LIMITS.vectorDimensions;
        if (!Number.isInteger(columnDimensions) || columnDimensions! < min || columnDimensions! > max) {
          fail(
            table,
            `Vector index "${name}" is on "${vectorField}", a vector(${columnDimensions}); Convex indexes vectors of ${min} to ${max} dimensions, a whole number.`,
          );
        }
        if (dimensions !== undefined && dimensions !== columnDimensions) {
          fail(
            table,
            `Vector index "${name}" declares ${describe(dimensions)} dimensions but column "${vectorField}" is vector(${columnDimensions}); make them equal.`,
          );
        }
        vectorIndexes.push({
          name,
          vectorField: vectorField!,
          dimensions: columnDimensions,
          filterFields: filterFieldNames(table, `Vector index "${name}"`, filterColumns),
        });
        break;
      }
      case 'check': {
        const { name, filter } = extra.config;
        if (typeof filter?.node !== 'object' || !Array.isArray(filter.tables))
          fail(
            table,
            `Check constraint "${name}" has no condition; pass an operator expression such as gte(t.age, 0).`,
          );
        // Every table of the expression, not only its first: a check is evaluated on its own row
        // alone, so a condition on another table's column would always be UNKNOWN, i.e. pass.
        const other = filter.tables.find((tableName) => tableName !== table);
        if (other !== undefined) {
          fail(
            table,
            `Check constraint "${name}" uses columns of table "${other}"; a check may only read its own row, so use columns of "${table}" only.`,
          );
        }
        // Convex sets `_creationTime` as it inserts the row, after the ORM judged the row's checks:
        // UNKNOWN on insert (passes), then judged on every update, which a row it let in may fail.
        if (filterFields(filter.node).has('_creationTime')) {
          fail(
            table,
            `Check constraint "${name}" reads _creationTime, which Convex sets only as it inserts the row, after the ORM judges the row's checks: it could not be judged on insert, and would then refuse updates of rows it let in. Compare with a column the row is given (createdAt: timestamp().notNull().defaultNow()).`,
          );
        }
        checks.push({ name, filter: filter.node });
        break;
      }
      case 'aggregateIndex':
        aggregateDefinitions.push(extra);
        break;
      case 'deletion': {
        if (deletion) fail(table, `Table "${table}" declares deletion() twice; keep one.`);
        deletion = deletionConfig(table, extra);
        break;
      }
    }
  }

  if (primaryKeys.length > 1) {
    const keys = primaryKeys.map((fields) => `(${fields.join(', ')})`).join(' and ');
    fail(
      table,
      `Table "${table}" declares two primary keys, ${keys}; a table has one: keep one, and make the other unique().`,
    );
  }
  // Actions first: a clash of names describes a foreign key by its actions.
  for (const fk of foreignKeys) verifyForeignKeyActions(table, fk, columns);
  checkConstraintNames(table, uniques, foreignKeys, checks);
  // Checked, snapshotted and verified once (`.primaryKey()` beside `unique('<t>_pkey').on(t.x)`).
  const distinctUniques = oneOfEachName(uniques);
  const taken = (name: string): boolean =>
    [indexes, searchIndexes, vectorIndexes].some((list) => list.some((index) => index.name === name));
  const finalUniques: UniqueConfig[] = distinctUniques.map((constraint) => {
    const existing = findIndexStartingWith(indexes, constraint.fields);
    if (existing) return { ...constraint, index: existing.name };
    const name = addedIndexName(`${constraint.fields.join('_')}_unique`, taken);
    checkIndexWidth(table, `Index "${name}" (added for unique constraint "${constraint.name}")`, constraint.fields);
    indexes.push({ name, fields: constraint.fields, source: 'unique' });
    return { ...constraint, index: name };
  });
  for (const fk of foreignKeys) {
    if (!findIndexStartingWith(indexes, fk.fields)) {
      const name = addedIndexName(`${fk.fields.join('_')}_fk`, taken);
      checkIndexWidth(table, `Index "${name}" (added for foreign key "${fk.name}")`, fk.fields);
      indexes.push({ name, fields: fk.fields, source: 'foreignKey' });
    }
  }

  const aggregateIndexes: AggregateIndexConfig[] = aggregateDefinitions.map((definition) =>
    resolveAggregateIndex(table, definition, indexes, taken, deletion?.column),
  );
  checkUniqueNames(
    table,
    'aggregate index',
    aggregateIndexes.map((aggregate) => aggregate.name),
  );
  const allNames = [...indexes, ...searchIndexes, ...vectorIndexes].map((index) => index.name);
  checkUniqueNames(table, 'index', allNames);
  checkDistinctFields(
    table,
    'indexes',
    indexes.map(({ name, fields }) => ({ name, key: fields.join(', ') })),
    ' (a unique constraint or uniqueIndex serves the reads of an index on its columns)',
  );
  checkDistinctFields(
    table,
    'search indexes',
    searchIndexes.map(({ name, searchField }) => ({ name, key: searchField })),
  );
  checkDistinctFields(
    table,
    'vector indexes',
    // Convex compares a vector index's field and dimensions; here the dimensions are always the column's.
    vectorIndexes.map(({ name, vectorField }) => ({ name, key: vectorField })),
  );
  const what = `Table "${table}"`;
  checkLimit(
    table,
    what,
    allNames.length,
    'indexes (including ones added for unique constraints and foreign keys)',
    LIMITS.indexesPerTable,
  );
  checkLimit(table, what, searchIndexes.length, 'search indexes', LIMITS.searchIndexes);
  checkLimit(table, what, vectorIndexes.length, 'vector indexes', LIMITS.vectorIndexes);

  return {
    name: table,
    columns,
    systemColumns,
    indexes,
    uniques: finalUniques,
    foreignKeys,
    searchIndexes,
    vectorIndexes,
    checks,
    aggregateIndexes,
    ...(deletion ? { deletion } : {}),
  };
}

/** The column a soft delete sets must be a nullable number-stored column of the table (it holds `Date.now()`). */
function deletionConfig(table: string, extra: DeletionDefinition): DeletionConfig {
  const { mode, column, delayMs } = extra.config;
  if (mode !== 'soft' && mode !== 'scheduled')
    fail(table, `deletion() mode must be 'soft' or 'scheduled'; got ${describe(mode)}.`);
  const [field] = fieldNames(table, 'deletion()', column ? [column] : []);
  if (!field) fail(table, `deletion('${mode}') needs { column: t.deletedAt }.`);
  const { kind, notNull } = column!.definition;
  if (!['timestamp', 'number', 'integer'].includes(kind) || notNull) {
    fail(
      table,
      `deletion() column "${table}.${field}" must be a nullable timestamp(), number() or integer() column (it holds the deletion time); it is ${notNull ? 'notNull ' : ''}${kind}.`,
    );
  }
  // Live rows hold null: a default would insert rows deleted already, an update function
  // soft-delete every row an update touches.
  const { default: initial, onUpdate } = column!.definition;
  const setter =
    initial && !(initial.kind === 'value' && initial.value === null)
      ? 'a default'
      : onUpdate
        ? 'an update function'
        : null;
  if (setter) {
    fail(
      table,
      `deletion() column "${table}.${field}" has ${setter}; remove it: a live row holds null, and only delete sets the column.`,
    );
  }
  // A soft delete schedules nothing: it needs no delay.
  if (mode === 'soft') return { mode, column: field, delayMs: 0 };
  if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) {
    fail(
      table,
      `deletion('scheduled') needs delayMs, a non-negative number of milliseconds; got ${describe(delayMs)}.`,
    );
  }
  return { mode, column: field, delayMs };
}
