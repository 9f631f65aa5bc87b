import type { GenericValidator } from 'convex/values';
import { isPlainObject } from '../isPlainObject.js';
import { ownField } from '../ownField.js';
import type { ColumnDefinition } from '../schema/column.js';

// A `notNull()` column (or a nested field or element of one) whose data type admits null
// (`custom(v.union(v.null(), v.string())).notNull()`, `json().notNull()`) is deployed with the data
// type's validator: Convex admits a null there, which only a raw write stores. The ORM refuses it
// on write and types it away on read, so `check` reports it as a broken NOT NULL.

/** True when a null in the column (or a nested field or element of it) could pass Convex's validator and break its NOT NULL. */
export function mayHoldNullInNotNull(definition: ColumnDefinition): boolean {
  if (definition.notNull && admitsNull(definition.validator)) return true;
  if (definition.element) return mayHoldNullInNotNull(definition.element);
  return Object.values(definition.fields ?? {}).some(mayHoldNullInNotNull);
}

/**
 * Where `value`, stored in a column of `definition` named `path`, holds a null its NOT NULL
 * refuses: `path`, `path.field`, `path[]` (an element, named once however many hold null).
 */
export function nullsInNotNull(definition: ColumnDefinition, value: unknown, path: string): string[] {
  if (value === null) return definition.notNull && admitsNull(definition.validator) ? [path] : [];
  if (definition.element && Array.isArray(value)) {
    const element = definition.element;
    return [...new Set(value.flatMap((item) => nullsInNotNull(element, item, `${path}[]`)))];
  }
  if (definition.fields && isPlainObject(value)) {
    return Object.entries(definition.fields).flatMap(([name, field]) =>
      nullsInNotNull(field, ownField(value, name), `${path}.${name}`),
    );
  }
  return [];
}

/** Each column definition with its nested nulls admitted, made once per definition (a check judges every document). */
const nullsAdmitted = new WeakMap<ColumnDefinition, ColumnDefinition>();

/**
 * `definition` with the NOT NULL of each nested field or element whose data type admits null taken
 * off: {@link nullsInNotNull} reports the nulls there, so a type check with this one reports the
 * value's other problems (a fraction in an `integer()` field beside a null in a `notNull()` one),
 * and not those nulls a second time.
 */
export function withNestedNullsAdmitted(definition: ColumnDefinition): ColumnDefinition {
  let made = nullsAdmitted.get(definition);
  if (made === undefined) {
    const { element, fields } = definition;
    made = {
      ...definition,
      ...(element === undefined ? {} : { element: nestedNullAdmitted(element) }),
      ...(fields === undefined
        ? {}
        : {
            fields: Object.fromEntries(
              Object.entries(fields).map(([name, field]) => [name, nestedNullAdmitted(field)]),
            ),
          }),
    };
    nullsAdmitted.set(definition, made);
  }
  return made;
}

/** A nested field's or element's definition for {@link withNestedNullsAdmitted}: not NOT NULL where its data type admits null. */
function nestedNullAdmitted(definition: ColumnDefinition): ColumnDefinition {
  const admitted = withNestedNullsAdmitted(definition);
  return definition.notNull && admitsNull(definition.validator) ? { ...admitted, notNull: false } : admitted;
}

/** True when `validator` accepts null: `v.null()`, `v.any()`, or a union with either. */
function admitsNull(validator: GenericValidator): boolean {
  if (validator.kind === 'null' || validator.kind === 'any') return true;
  return validator.kind === 'union' && (validator.members as GenericValidator[]).some(admitsNull);
}
