import type { GenericValidator } from 'convex/values';
import { OrmError } from '../errors.js';
import { describe } from './conforms.js';

const IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9_]*$/;
/** Convex's identifiers of object validator fields: `_` may start them, but not make up all of them. */
const FIELD_IDENTIFIER = /^(?!_+$)[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Convex's longest table, field and index name. */
export const MAX_NAME_LENGTH = 64;

/** Tables the migration runtime and the aggregate indexes own; user tables may not use these names. */
export const RESERVED_TABLE_NAMES: ReadonlySet<string> = new Set([
  'migration_state',
  'migration_run',
  'aggregate_bucket',
  'aggregate_state',
]);

/** Index names Convex gives its own indexes: no table may declare them, and no index the ORM adds takes them. */
export const RESERVED_INDEX_NAMES: ReadonlySet<string> = new Set(['by_id', 'by_creation_time']);

/**
 * `name` as given to `what` (`index()`, `unique()`, …), refused unless a string (or, where
 * `optional`, `undefined`): the messages that name it would otherwise fail on a Symbol.
 */
export function givenName<T>(what: string, name: T, optional = false): T {
  if (typeof name === 'string' || (optional && name === undefined)) return name;
  throw new OrmError(
    'INVALID_SCHEMA',
    `${what} takes a name, a string; got ${typeof name === 'symbol' ? 'a Symbol' : describe(name)}.`,
  );
}

/** `note` qualifies the rule (what else a name of this kind may not do). */
function checkIdentifier(what: string, name: string, table: string | undefined, note = ''): void {
  if (typeof name !== 'string' || !IDENTIFIER.test(name) || name.length > MAX_NAME_LENGTH) {
    const where = table === undefined ? '' : ` in table "${table}"`;
    throw new OrmError(
      'INVALID_SCHEMA',
      `Invalid ${what} name "${String(name)}"${where}: use letters, digits and "_", start with a letter${note}, at most ${MAX_NAME_LENGTH} characters.`,
      table === undefined ? {} : { table },
    );
  }
}

/** Convex table names are identifiers of at most 64 characters that do not start with `_`. */
export function validateTableName(name: string): void {
  checkIdentifier('table', name, undefined);
  if (RESERVED_TABLE_NAMES.has(name)) {
    throw new OrmError(
      'INVALID_SCHEMA',
      `Table name "${name}" is reserved for convex-orm's own state; rename the table.`,
      { table: name },
    );
  }
}

/** Column (top-level field) names follow the same rule; `_`-fields are Convex's own. */
export function validateColumnName(table: string, name: string): void {
  checkIdentifier('column', name, table, ' ("_" fields are Convex\'s)');
}

/** Index names are identifiers too, and `by_id` / `by_creation_time` belong to Convex. */
export function validateIndexName(table: string, name: string): void {
  checkIdentifier('index', name, table);
  if (RESERVED_INDEX_NAMES.has(name)) {
    throw new OrmError(
      'INVALID_SCHEMA',
      `Index name "${name}" in table "${table}" is reserved by Convex; choose another.`,
      { table },
    );
  }
}

/** What {@link isFieldIdentifier} asks of a name, as errors state it. */
export const FIELD_IDENTIFIER_RULE = `Convex's validators take identifiers as object field names (letters, digits and "_", not starting with a digit, not only "_", at most ${MAX_NAME_LENGTH} characters)`;

/** True when `name` may be a field of a Convex object validator (a schema's, or a function's `args` / `returns`). */
export function isFieldIdentifier(name: string): boolean {
  return FIELD_IDENTIFIER.test(name) && name.length <= MAX_NAME_LENGTH;
}

/**
 * The object field names in a nested column's validator (`objectOf`, `custom`)
 * must be identifiers, as Convex's schema keys an object validator's fields
 * (its `IdentifierFieldName`: letters, digits and `_`, not starting with a
 * digit, not only `_`, at most 64 characters): `v.object({ 'first-name' })`
 * builds, and convex-test runs it, but deploying it fails. Field names of
 * values a `record` or `json()` holds are not declared, and may be any name
 * Convex stores (`fieldNameProblem`). Nor `__proto__`, which a write can never give.
 */
export function validateFieldNames(what: string, validator: GenericValidator): void {
  switch (validator.kind) {
    case 'object':
      for (const [name, field] of Object.entries(validator.fields as Record<string, GenericValidator>)) {
        if (name === '__proto__') {
          throw new OrmError(
            'INVALID_SCHEMA',
            `${what} has field "__proto__", which no value can hold: JavaScript cannot hand a field of that name to Convex (an object's "__proto__" is its prototype); rename the field.`,
          );
        }
        if (!isFieldIdentifier(name)) {
          throw new OrmError(
            'INVALID_SCHEMA',
            `${what} has field "${name}": ${FIELD_IDENTIFIER_RULE}; rename the field.`,
          );
        }
        validateFieldNames(what, field);
      }
      return;
    case 'array':
      validateFieldNames(what, validator.element);
      return;
    case 'record':
      validateFieldNames(what, validator.value);
      return;
    case 'union':
      for (const member of validator.members) validateFieldNames(what, member);
      return;
  }
}
