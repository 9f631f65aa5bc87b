import { storedField } from '../ownField.js';
import type { InsertChange, UpdateChange } from './changes.js';
import { matches, valuesKey } from './foreignKeys.js';

/** A row a statement's plan writes: one it inserts, or a stored row it patches. */
export type PlannedRow = InsertChange | UpdateChange;

interface FieldsIndex {
  readonly table: string;
  readonly fields: readonly string[];
  /** The rows that held each key when they were noted (a row moved on since is filtered out when read). */
  readonly byKey: Map<string, Set<PlannedRow>>;
}

/**
 * The rows a statement's plan writes, found by the values they will hold in
 * some fields (a foreign key's referencing or referenced fields). One index
 * per table and fields, built on first use from the plan's rows and kept up
 * as actions merge values into them: a lookup is one map access, not a scan
 * of the plan, so a 1,000-row statement stays linear.
 */
export class PlannedRows {
  private readonly indexes = new Map<string, FieldsIndex>();

  /** `patched` is the plan's live map: rows patched later are noted through {@link note}. */
  constructor(
    private readonly inserted: readonly InsertChange[],
    private readonly patched: ReadonlyMap<string, UpdateChange>,
  ) {}

  /** The planned rows of `table` whose `fields` hold `values` (none null) now. */
  holding(table: string, fields: readonly string[], values: readonly unknown[]): PlannedRow[] {
    const rows = this.index(table, fields).byKey.get(valuesKey(values));
    return rows ? [...rows].filter((row) => matches(row.new, fields, values)) : [];
  }

  /** Takes in the values `row` holds now (a new patch, or values merged into a planned row). */
  note(row: PlannedRow): void {
    for (const index of this.indexes.values()) if (index.table === row.table.name) add(index, row);
  }

  private index(table: string, fields: readonly string[]): FieldsIndex {
    const name = JSON.stringify([table, fields]);
    let index = this.indexes.get(name);
    if (!index) {
      index = { table, fields, byKey: new Map() };
      for (const row of this.inserted) if (row.table.name === table) add(index, row);
      for (const row of this.patched.values()) if (row.table.name === table) add(index, row);
      this.indexes.set(name, index);
    }
    return index;
  }
}

function add(index: FieldsIndex, row: PlannedRow): void {
  const values = index.fields.map((field) => storedField(row.new, field));
  if (values.some((value) => value === null || value === undefined)) return;
  const key = valuesKey(values);
  const rows = index.byKey.get(key);
  if (rows) rows.add(row);
  else index.byKey.set(key, new Set([row]));
}
