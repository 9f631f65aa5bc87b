import type { CopiedColumn } from '../query/repeatedRows.js';
import { AggregateColumn } from './aggregates.js';
import { qualifiedKey } from './fields.js';
import type { SelectedField } from './parse.js';

/**
 * The column whose values one result row holds most often, when it holds some more than once: a
 * column selected under several keys (`select({ body: blobs.body, copy: blobs.body })`), or also
 * as its `min()` or `max()`, whose value is one of the column's. Such a result is up to that many
 * times what the rows read hold, which {@link RepeatedRows.check} counts. `null` when every value is
 * in a row at most once (whole rows, `select()` with no fields, hold each once).
 */
export function copiedColumn(fields: readonly SelectedField[] | null): CopiedColumn | null {
  if (!fields) return null;
  const copies = new Map<string, number>();
  let copied: CopiedColumn | null = null;
  for (const { field, column } of fields) {
    const source = column instanceof AggregateColumn ? valueSource(column) : field;
    if (source === null) continue;
    const times = (copies.get(source) ?? 0) + 1;
    copies.set(source, times);
    if (times > (copied?.copies ?? 1)) copied = { column: source, copies: times };
  }
  return copied;
}

/** The column whose values an aggregate gives (`min`, `max`), else null: a count or a sum is a number of its own. */
function valueSource(aggregate: AggregateColumn): string | null {
  return (aggregate.fn === 'min' || aggregate.fn === 'max') && aggregate.source ? qualifiedKey(aggregate.source) : null;
}
