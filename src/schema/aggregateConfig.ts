import { OrmError } from '../errors.js';
import { addedIndexName } from './addedIndexName.js';
import type { AggregateIndexDefinition } from './aggregateIndex.js';
import { SUMMED_KINDS } from './aggregateKinds.js';
import type { AnyColumn, ColumnKind } from './column.js';
import { validateIndexName } from './names.js';
import type { IndexConfig } from './table.js';

/** An aggregate index of a table, resolved to field names (see `aggregateIndex`). */
export interface AggregateIndexConfig {
  readonly name: string;
  /** Key fields, most significant first; empty for `.all()`. */
  readonly key: readonly string[];
  readonly count: boolean;
  readonly sum: readonly string[];
  readonly avg: readonly string[];
  readonly min: readonly string[];
  readonly max: readonly string[];
  /** Fields whose sum and non-null count are stored per key (`sum` and `avg` columns). */
  readonly summed: readonly string[];
  /** The Convex index on `extremaFields` that serves `_min`/`_max` of a field. */
  readonly extremaIndexes: Readonly<Record<string, string>>;
  /** Bucket documents per key value (`.shards(n)`): a row is counted in the one its `_id` picks. */
  readonly shards: number;
  /** The table's `deletion()` column: rows where it is set are soft-deleted, counted nowhere; absent without `deletion()`. */
  readonly deletionColumn?: string;
}

/** Key fields are stored in fixed slots of the bucket table's index (`k0`..`k3`). */
export const MAX_AGGREGATE_KEY_FIELDS = 4;

/**
 * Buckets per key value unless `.shards(n)` says otherwise: writers under one key
 * conflict 1 time in 4 instead of always, and a read of a key reads 4 buckets.
 */
export const DEFAULT_AGGREGATE_SHARDS = 4;
/** More shards than this would make every read of a key cost more than it saves writers. */
export const MAX_AGGREGATE_SHARDS = 64;

const KEY_KINDS: readonly ColumnKind[] = [
  'text',
  'textEnum',
  'integer',
  'number',
  'boolean',
  'bigint',
  'timestamp',
  'date',
  'id',
];
const ORDERED_KINDS: readonly ColumnKind[] = ['text', 'textEnum', 'integer', 'number', 'bigint', 'timestamp', 'date'];

function fail(table: string, message: string): never {
  throw new OrmError('INVALID_SCHEMA', message, { table });
}

function fieldOf(table: string, what: string, column: AnyColumn, kinds: readonly ColumnKind[], hint: string): string {
  if (!column || column.tableName !== table || column.name.startsWith('_')) {
    fail(table, `${what} uses "${column?.tableName}.${column?.name}", which is not a column of table "${table}".`);
  }
  if (!kinds.includes(column.definition.kind)) {
    fail(table, `${what} cannot use column "${column.name}" (${column.definition.kind}); ${hint}.`);
  }
  return column.name;
}

function distinct(table: string, what: string, fields: readonly string[]): readonly string[] {
  const twice = fields.find((field, i) => fields.indexOf(field) !== i);
  if (twice !== undefined) fail(table, `${what} lists column "${twice}" twice.`);
  return fields;
}

/** What shapes an aggregate index's extrema indexes: its key, and its table's `deletion()` column if any. */
interface ExtremaShape {
  readonly key: readonly string[];
  readonly deletionColumn?: string | undefined;
}

/**
 * The fields of the Convex index that serves `_min`/`_max` of `field`: the
 * key, then the table's `deletion()` column (`extremaPinDeletion`), then
 * `field`. A read pins the deletion column to null and to absent, so its
 * first entry is a live row's: soft-deleted rows, which the buckets do not
 * count, are never walked past.
 */
export function extremaFields(aggregate: ExtremaShape, field: string): readonly string[] {
  const { key, deletionColumn } = aggregate;
  return extremaPinDeletion(aggregate) ? [...key, deletionColumn!, field] : [...key, field];
}

/**
 * True when the extrema indexes hold the `deletion()` column after the key
 * (`extremaFields`): the table has one and it is not a key field already (a
 * key field is pinned by the key value).
 */
export function extremaPinDeletion(aggregate: ExtremaShape): boolean {
  const { key, deletionColumn } = aggregate;
  return deletionColumn !== undefined && !key.includes(deletionColumn);
}

/**
 * Validates an aggregate index and resolves it to field names. `indexes`
 * are the table's Convex indexes so far: a `min`/`max` column reuses one
 * whose fields start with (key..., column), else an index `<name>_<column>`
 * is added to it ({@link addedIndexName}: `taken` says which names the
 * table's indexes hold). `deletionColumn` is the table's `deletion()` column, if
 * any: it stands between key and column in those indexes (`extremaFields`).
 */
export function resolveAggregateIndex(
  table: string,
  definition: AggregateIndexDefinition,
  indexes: IndexConfig[],
  taken: (name: string) => boolean,
  deletionColumn: string | undefined,
): AggregateIndexConfig {
  const { name, key, count, shards = DEFAULT_AGGREGATE_SHARDS } = definition.config;
  const what = `Aggregate index "${name}"`;
  validateIndexName(table, name);
  if (key === null) fail(table, `${what} needs a key: .on(t.column, ...) or .all() for the whole table.`);
  if (!Number.isInteger(shards) || shards < 1 || shards > MAX_AGGREGATE_SHARDS) {
    fail(table, `${what} .shards(${shards}) must be an integer from 1 to ${MAX_AGGREGATE_SHARDS}.`);
  }
  if (key.length > MAX_AGGREGATE_KEY_FIELDS) {
    fail(table, `${what} has ${key.length} key columns; at most ${MAX_AGGREGATE_KEY_FIELDS} are supported.`);
  }
  const keyFields = distinct(
    table,
    what,
    key.map((column) => fieldOf(table, what, column, KEY_KINDS, `key columns must be ${KEY_KINDS.join(', ')}`)),
  );
  const numeric = (columns: readonly AnyColumn[], fn: string) =>
    distinct(
      table,
      `${what} .${fn}()`,
      columns.map((column) =>
        fieldOf(table, `${what} .${fn}()`, column, SUMMED_KINDS, 'use a number(), integer() or bigint() column'),
      ),
    );
  const ordered = (columns: readonly AnyColumn[], fn: string) =>
    distinct(
      table,
      `${what} .${fn}()`,
      columns.map((column) =>
        fieldOf(table, `${what} .${fn}()`, column, ORDERED_KINDS, `use one of ${ORDERED_KINDS.join(', ')}`),
      ),
    );
  const sum = numeric(definition.config.sum, 'sum');
  const avg = numeric(definition.config.avg, 'avg');
  const min = ordered(definition.config.min, 'min');
  const max = ordered(definition.config.max, 'max');
  const deleted = [...min, ...max].find((field) => field === deletionColumn);
  if (deleted !== undefined) {
    fail(
      table,
      `${what} cannot keep the min or max of "${deleted}": it is the table's deletion() column, null on every row the index counts.`,
    );
  }
  const keyed = [...min, ...max].find((field) => keyFields.includes(field));
  if (keyed !== undefined) {
    fail(
      table,
      `${what} cannot keep the min or max of "${keyed}": it is a key column, which its index (key, then column) would list twice; group by it, or order by it.`,
    );
  }
  if (!count && sum.length + avg.length + min.length + max.length === 0) {
    fail(table, `${what} keeps nothing; add .count(), .sum(col), .avg(col), .min(col) or .max(col).`);
  }
  const extremaIndexes: Record<string, string> = {};
  for (const field of new Set([...min, ...max])) {
    const fields = extremaFields({ key: keyFields, deletionColumn }, field);
    const existing = indexes.find((index) => fields.every((f, i) => index.fields[i] === f));
    const indexName = existing?.name ?? addedIndexName(`${name}_${field}`, taken);
    if (!existing) indexes.push({ name: indexName, fields, source: 'aggregate' });
    extremaIndexes[field] = indexName;
  }
  const summed = [...new Set([...sum, ...avg])];
  const deletion = deletionColumn === undefined ? {} : { deletionColumn };
  return { name, key: keyFields, count, sum, avg, min, max, summed, extremaIndexes, shards, ...deletion };
}
