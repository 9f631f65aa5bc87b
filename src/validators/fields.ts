import { type GenericValidator, v } from 'convex/values';
import { OrmError } from '../errors.js';
import { hasOwn } from '../hasOwn.js';
import { hasReadCodec } from '../schema/codec.js';
import type { AnyColumn, ColumnDefinition } from '../schema/column.js';
import { describe } from '../schema/conforms.js';
import type { TableConfig } from '../schema/table.js';

/**
 * How a field travels through a Convex function: as a read row has it
 * (`select`: nullable is `T | null`, always present), as `insert` takes it
 * (optional when nullable or defaulted) or as `update().set()` takes it.
 */
export type FieldUse = 'select' | 'insert' | 'update';

/**
 * The validator of a column's application value: what queries return and
 * inserts take. It is the stored validator except for codec columns:
 * `timestamp({ mode: 'string' })` is stored as milliseconds but read and
 * written as an ISO 8601 string (src/schema/codec.ts), and for `null` where a
 * `notNull()` refuses it ({@link valueValidator}).
 */
function applicationValidator(column: AnyColumn): GenericValidator {
  return hasReadCodec(column.definition) ? v.string() : valueValidator(column.definition);
}

/**
 * The validator of a value of `definition` as the ORM takes it: `null` left out wherever a
 * `notNull()` takes it out of a data type that admits it
 * (`custom(v.union(v.null(), v.string())).notNull()`), `arrayOf` elements and `objectOf` fields
 * included, as the ORM refuses null there. A `v.any()` (`json<T | null>()`) cannot say so; the ORM
 * still refuses null.
 */
function valueValidator(definition: ColumnDefinition): GenericValidator {
  if (definition.element) return v.array(nestedValidator(definition.element, false));
  if (definition.fields) {
    const fields: Record<string, GenericValidator> = {};
    for (const [name, field] of Object.entries(definition.fields)) fields[name] = nestedValidator(field, true);
    return v.object(fields);
  }
  return definition.notNull ? withoutNull(definition.validator) : definition.validator;
}

/** An element's validator, or a field's (`field`: it may also be absent): a nullable one also takes `null`. */
function nestedValidator(definition: ColumnDefinition, field: boolean): GenericValidator {
  const value = valueValidator(definition);
  if (definition.notNull) return value;
  const nullable = v.union(v.null(), value);
  return field ? v.optional(nullable) : nullable;
}

/**
 * `validator` without its `null` members, nested unions' included; unchanged (as declared, nested
 * unions kept) when it has none, or nothing else.
 */
function withoutNull(validator: GenericValidator): GenericValidator {
  if (validator.kind !== 'union') return validator;
  const all = unionMembers(validator);
  const members = all.filter((member) => member.kind !== 'null');
  if (members.length === 0 || members.length === all.length) return validator;
  return members.length === 1 ? members[0]! : v.union(...members);
}

/** The members of a union, nested unions flattened. */
function unionMembers(validator: GenericValidator): GenericValidator[] {
  if (validator.kind !== 'union') return [validator];
  return (validator.members as GenericValidator[]).flatMap(unionMembers);
}

/** The validator of one column for `use`. */
export function columnValidator(column: AnyColumn, use: FieldUse): GenericValidator {
  const { definition } = column;
  const value = definition.notNull ? applicationValidator(column) : v.union(v.null(), applicationValidator(column));
  // An insert fills a `default` / `$defaultFn` column, and a `$onUpdateFn` one too (its type has them optional).
  const filled = definition.default !== undefined || definition.onUpdate !== undefined;
  const optional = use === 'update' || (use === 'insert' && (!definition.notNull || filled));
  return optional ? v.optional(value) : value;
}

/** Which fields of a table a validator covers: `pick` (if given) minus `omit`. */
export interface FieldSelection {
  readonly pick?: readonly string[];
  readonly omit?: readonly string[];
}

/**
 * The Convex validator fields of `columns` (a table's user columns, or its
 * system and user columns) for `use`, restricted by `selection`. An unknown
 * key in `pick`/`omit` throws `UNKNOWN_COLUMN`.
 */
export function tableFields(
  table: TableConfig,
  columns: Readonly<Record<string, AnyColumn>>,
  use: FieldUse,
  selection: FieldSelection = {},
): Record<string, GenericValidator> {
  if (!isSelection(selection)) {
    throw new OrmError(
      'INVALID_QUERY',
      `A ${use} validator for table "${table.name}" takes { pick?: [columns], omit?: [columns] } or nothing; got ${describe(selection)}.`,
      { table: table.name },
    );
  }
  for (const key of [...(selection.pick ?? []), ...(selection.omit ?? [])]) {
    if (!hasOwn(columns, key)) {
      throw new OrmError(
        'UNKNOWN_COLUMN',
        `Unknown column "${key}" in pick/omit of a ${use} validator for table "${table.name}".`,
        { table: table.name, details: { column: key } },
      );
    }
  }
  const keys = selection.pick ?? Object.keys(columns);
  const omitted = new Set(selection.omit);
  const fields: Record<string, GenericValidator> = {};
  for (const key of keys) if (!omitted.has(key)) fields[key] = columnValidator(columns[key]!, use);
  return fields;
}

/** True for `{ pick?, omit? }` with lists (or nothing): anything else is refused before it is read. */
function isSelection(selection: unknown): selection is FieldSelection {
  if (typeof selection !== 'object' || selection === null) return false;
  const { pick, omit } = selection as FieldSelection;
  return (pick === undefined || Array.isArray(pick)) && (omit === undefined || Array.isArray(omit));
}
