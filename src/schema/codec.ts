import type { Value } from 'convex/values';
import type { ColumnDefinition } from './column.js';

/**
 * Converts an application value of a column to its stored Convex value.
 * Only `timestamp({ mode: 'date' })` differs (Date -> milliseconds).
 */
export function encodeColumnValue(definition: ColumnDefinition, value: unknown): Value {
  if (definition.mode === 'date' && value instanceof Date) return value.getTime();
  return value as Value;
}

/** Converts a stored value back to what the application reads. */
export function decodeColumnValue(definition: ColumnDefinition, value: unknown): unknown {
  if (definition.mode === 'date' && typeof value === 'number') return new Date(value);
  return value;
}

/** True when reading the column changes the stored value (the row must be copied). */
export function hasReadCodec(definition: ColumnDefinition): boolean {
  return definition.mode === 'date';
}
