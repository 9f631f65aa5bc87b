import { decodeColumnValue, hasReadCodec } from '../schema/codec.js';
import type { TableConfig } from '../schema/table.js';
import type { Doc } from './readIndex.js';

/**
 * A stored document as the ORM reads it: an absent nullable column reads
 * as `null` and codec columns (`timestamp({ mode: 'string' })`) are decoded.
 * The document itself is returned when nothing changes (no copy).
 */
export function readRow(table: TableConfig, doc: Doc): Doc {
  let row: Doc | undefined;
  for (const [field, column] of Object.entries(table.columns)) {
    const value = doc[field];
    if (value === undefined) {
      row ??= { ...doc };
      row[field] = null;
    } else if (value !== null && hasReadCodec(column.definition)) {
      row ??= { ...doc };
      row[field] = decodeColumnValue(column.definition, value);
    }
  }
  return row ?? doc;
}
