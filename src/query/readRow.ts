import { copyFields, storedField } from '../ownField.js';
import { decodeColumnValue, hasReadCodec } from '../schema/codec.js';
import type { ColumnDefinition } from '../schema/column.js';
import type { TableConfig } from '../schema/table.js';
import type { Doc } from './readIndex.js';

interface ReadColumn {
  readonly field: string;
  readonly definition: ColumnDefinition;
  readonly decodes: boolean;
}

// Per table, once: every document read goes through `readRow`.
const readColumns = new WeakMap<TableConfig, readonly ReadColumn[]>();

/**
 * A stored document as the ORM reads it: an absent nullable column reads
 * as `null` and codec columns (`timestamp({ mode: 'string' })`) are decoded.
 * The document itself is returned when nothing changes (no copy).
 */
export function readRow(table: TableConfig, doc: Doc): Doc {
  let columns = readColumns.get(table);
  if (!columns) {
    columns = Object.entries(table.columns).map(([field, column]) => ({
      field,
      definition: column.definition,
      decodes: hasReadCodec(column.definition),
    }));
    readColumns.set(table, columns);
  }
  let row: Doc | undefined;
  for (const { field, definition, decodes } of columns) {
    const value = storedField(doc, field);
    if (value === undefined) {
      row ??= copyFields(doc);
      row[field] = null;
    } else if (value !== null && decodes) {
      row ??= copyFields(doc);
      row[field] = decodeColumnValue(definition, value);
    }
  }
  return row ?? doc;
}
