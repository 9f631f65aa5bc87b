import type { GenericDatabaseReader } from 'convex/server';
import { failedChecks } from '../mutation/checks.js';
import { referenceValues } from '../mutation/foreignKeys.js';
import { type Doc, StatementReader } from '../mutation/reader.js';
import { uniqueKey } from '../mutation/unique.js';
import { idCheck } from '../mutation/validate.js';
import { columnEntries } from '../mutation/values.js';
import { ownField } from '../ownField.js';
import type { AnyColumn } from '../schema/column.js';
import type { ResolvedForeignKey, SchemaRegistry } from '../schema/registry.js';
import type { TableConfig } from '../schema/table.js';
import { valueProblem } from '../schema/valueProblem.js';
import { preview } from './preview.js';
import { mayHoldNullInNotNull, nullsInNotNull, withNestedNullsAdmitted } from './storedNulls.js';

/**
 * A stored document that breaks a column's type or a unique, check, NOT NULL or foreign-key
 * constraint of the deployed schema.
 */
export interface ConstraintViolation {
  _id: string;
  kind: 'type' | 'unique' | 'check' | 'notNull' | 'foreignKey';
  /** The constraint's name; type: the column; NOT NULL: where the null is (`column`, `column.field`, `column[]`). */
  constraint: string;
  /** Unique: the document this one duplicates (the first its key's lookup finds, the same for every holder of the key). */
  other?: string;
  /** Type: the value; unique: the key; foreign key: the reference that finds no row. A JSON preview. */
  value?: string;
}

/** The constraints of one table that `check` verifies: its own, and its foreign keys resolved by the schema. */
export interface TableConstraints {
  readonly table: TableConfig;
  readonly foreignKeys: readonly ResolvedForeignKey[];
  readonly registry: SchemaRegistry;
  /** The columns whose NOT NULL Convex's validator does not enforce ({@link mayHoldNullInNotNull}). */
  readonly notNullUnvalidated: readonly AnyColumn[];
}

/** The constraints of `table` in `registry`, or `undefined` when the schema has no such table (a system table). */
export function tableConstraints(registry: SchemaRegistry, table: string): TableConstraints | undefined {
  const config = registry.tables.get(table);
  if (!config) return undefined;
  const notNullUnvalidated = Object.values(config.columns).filter((column) => mayHoldNullInNotNull(column.definition));
  return { table: config, foreignKeys: registry.foreignKeys(table), registry, notNullUnvalidated };
}

/**
 * The most index ranges the probes of one document can read: one per unique constraint (every
 * combination of null and absent for a nulls-not-distinct one, as both are its null) and one per
 * foreign key. A check reads nothing.
 */
export function rangesPerDocument({ table, foreignKeys }: TableConstraints): number {
  let ranges = foreignKeys.length;
  for (const unique of table.uniques) ranges += unique.nullsNotDistinct ? 2 ** unique.fields.length : 1;
  return ranges;
}

/**
 * The documents one `check` batch may read so that its page (one range) and the probes of every
 * document stay within `indexRanges`; `batchSize` when the probes leave room for it. At least 1.
 */
export function constraintBatchSize(batchSize: number, perDocument: number, indexRanges: number): number {
  if (perDocument === 0) return batchSize;
  return Math.max(1, Math.min(batchSize, Math.floor((indexRanges - 1) / perDocument)));
}

/**
 * A finder of the constraint violations of one document of `constraints.table` at a time (a
 * `check` batch judges its page document by document), read through `db`:
 * - a value its column refuses on write (`valueProblem`): what Convex's validator lets in but
 *   the ORM's type does not (a fraction in an `integer()`, a `date()` that is no `YYYY-MM-DD`
 *   date, a timestamp out of range, a `vector(n)` of another length, the same nested), as a
 *   column changed to such a type over stored values, or a raw write, leaves it;
 * - a check constraint that is FALSE for the document (UNKNOWN passes, as on write);
 * - a null in a `notNull()` column, field or element whose data type admits null (Convex's
 *   validator lets it in: {@link nullsInNotNull});
 * - a unique key (none null, unless nulls not distinct) whose lookup through the constraint's
 *   index finds another document first: each duplicate names that one, the same for every holder
 *   of the key whichever batch holds it, so a key held by n documents gives n - 1 violations;
 * - a reference (every field set, SQL `MATCH SIMPLE`) that finds no row of its target.
 * Lookups of one key are read once per finder (one per batch).
 */
export function violationFinder(
  db: GenericDatabaseReader<any>,
  { table, foreignKeys, registry, notNullUnvalidated }: TableConstraints,
): (doc: Doc) => Promise<ConstraintViolation[]> {
  const reader = new StatementReader(db);
  const isId = idCheck(db);
  return async (doc) => {
    const violations: ConstraintViolation[] = [];
    for (const check of failedChecks(table, doc)) {
      violations.push({ _id: doc._id, kind: 'check', constraint: check.name });
    }
    for (const column of notNullUnvalidated) {
      for (const path of nullsInNotNull(column.definition, ownField(doc, column.name), column.name)) {
        violations.push({ _id: doc._id, kind: 'notNull', constraint: path });
      }
    }
    // Judged with the nested nulls reported above admitted: its type refuses them too, and they are not
    // reported twice, but its other problems are.
    for (const [name, column] of columnEntries(table)) {
      const value = ownField(doc, name);
      if (value == null || valueProblem(isId, withNestedNullsAdmitted(column.definition), value) === null) continue;
      violations.push({ _id: doc._id, kind: 'type', constraint: name, ...shown([value]) });
    }
    for (const unique of table.uniques) {
      if (uniqueKey(unique, doc) === null) continue;
      const values = unique.fields.map((field) => ownField(doc, field) ?? null);
      const [first] = await reader.byFields(table, unique.fields, values, 1, unique.nullsNotDistinct);
      if (first && first._id !== doc._id) {
        violations.push({ _id: doc._id, kind: 'unique', constraint: unique.name, other: first._id, ...shown(values) });
      }
    }
    for (const fk of foreignKeys) {
      const values = referenceValues(fk, doc);
      if (!values) continue;
      const [target] = await reader.byFields(registry.table(fk.foreignTable), fk.foreignFields, values, 1);
      if (!target) violations.push({ _id: doc._id, kind: 'foreignKey', constraint: fk.name, ...shown(values) });
    }
    return violations;
  };
}

/** A key's preview: a one-field key as its value, a composite one as the array of its values. */
function shown(values: readonly unknown[]): { value?: string } {
  const value = preview(values.length === 1 ? values[0] : values);
  return value === undefined ? {} : { value };
}
