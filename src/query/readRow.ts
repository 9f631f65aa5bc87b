import { copyFields, setOwnField, storedField } from '../ownField.js';
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
 * as `null`, codec columns (`timestamp({ mode: 'string' })`) are decoded, and
 * fields the table does not declare are left out (a document stored under
 * `schemaValidation: false` may hold them, as Drizzle selects declared columns
 * only). The document itself is returned when nothing changes (no copy).
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
  let present = 0;
  for (const { field, definition, decodes } of columns) {
    const value = storedField(doc, field);
    if (value === undefined) {
      row ??= copyFields(doc);
      row[field] = null;
      continue;
    }
    present++;
    if (value !== null && decodes) {
      row ??= copyFields(doc);
      row[field] = decodeColumnValue(definition, value);
    }
  }
  // A validated document holds the system fields and declared columns only: counted, not looked up.
  if (fieldCount(doc) > SYSTEM_FIELDS.length + present) return declaredOnly(row ?? doc, columns);
  return row ?? doc;
}

const SYSTEM_FIELDS = ['_id', '_creationTime'] as const;

function fieldCount(doc: Doc): number {
  let count = 0;
  for (const _ in doc) count++;
  return count;
}

/** The system fields and declared columns of `row`, a document holding others too. */
function declaredOnly(row: Doc, columns: readonly ReadColumn[]): Doc {
  const declared: Doc = {};
  for (const field of SYSTEM_FIELDS) declared[field] = row[field];
  for (const { field } of columns) setOwnField(declared, field, storedField(row, field));
  return declared;
}
