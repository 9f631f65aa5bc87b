import { OrmError } from '../errors.js';
import { MIN_MAX_KINDS, SUMMED_KINDS } from '../schema/aggregateKinds.js';
import type { ColumnKind } from '../schema/column.js';
import { columnOf, type TableConfig } from '../schema/table.js';

/** What an aggregate read asks for: `_count`, and the fields of `_sum`, `_avg`, `_min`, `_max`. */
export interface AggregateSpec {
  readonly count: boolean;
  readonly sum: readonly string[];
  readonly avg: readonly string[];
  readonly min: readonly string[];
  readonly max: readonly string[];
}

/** The aggregate keys of a config (`aggregate` and `groupBy` configs). */
export const SPEC_KEYS = ['_count', '_sum', '_avg', '_min', '_max'] as const;

function invalid(table: TableConfig, message: string): never {
  throw new OrmError('INVALID_QUERY', message, { table: table.name });
}

function fields(table: TableConfig, key: string, value: unknown, kinds: readonly ColumnKind[], hint: string): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(table, `${key} must be an object of columns, e.g. { ${key}: { views: true } }.`);
  }
  const names: string[] = [];
  for (const [field, on] of Object.entries(value)) {
    if (on !== true) invalid(table, `${key}.${field} must be true.`);
    const column = columnOf(table, field);
    if (!column) invalid(table, `${key} names "${field}", which is not a column of table "${table.name}".`);
    if (!kinds.includes(column.definition.kind)) {
      invalid(table, `${key} cannot use "${table.name}.${field}" (${column.definition.kind}); ${hint}.`);
    }
    names.push(field);
  }
  return names;
}

/**
 * Validates the `_count` / `_sum` / `_avg` / `_min` / `_max` keys of a
 * config; a missing or non-object config (`aggregate()` from plain
 * JavaScript) is `INVALID_QUERY`, as a null one is.
 */
export function parseSpec(table: TableConfig, config: unknown): AggregateSpec {
  if (typeof config !== 'object' || config === null) invalid(table, 'A query config must be an object.');
  const { _count: count, _sum, _avg, _min, _max } = config as Record<string, unknown>;
  if (count !== undefined && typeof count !== 'boolean') invalid(table, '_count must be true or false.');
  return {
    count: count === true,
    sum: fields(table, '_sum', _sum, SUMMED_KINDS, 'sum a number(), integer() or bigint() column'),
    avg: fields(table, '_avg', _avg, SUMMED_KINDS, 'average a number(), integer() or bigint() column'),
    min: fields(table, '_min', _min, MIN_MAX_KINDS, 'use an orderable column'),
    max: fields(table, '_max', _max, MIN_MAX_KINDS, 'use an orderable column'),
  };
}

/** The fields whose sums a spec reads (`_sum` and `_avg`). */
export function summedFields(spec: AggregateSpec): string[] {
  return [...new Set([...spec.sum, ...spec.avg])];
}
