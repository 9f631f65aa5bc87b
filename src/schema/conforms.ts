import type { GenericValidator } from 'convex/values';
import { isCommitTsPlaceholder } from '../commitTs.js';
import { hasOwn } from '../hasOwn.js';
import { isPlainObject } from '../isPlainObject.js';
import { ownField } from '../ownField.js';
import type { ColumnDefinition } from './column.js';

/** Whether a string is an id of the table (in a function: `ctx.db.normalizeId(table, id) !== null`). */
export type IsId = (table: string, value: string) => boolean;

/**
 * Without a database (a filter's operand, a column's constant default), any string may be an id:
 * a wrong table's id then matches nothing, or is refused when a row is written.
 */
export const anyString: IsId = () => true;

/**
 * Why `value` does not match a Convex validator, or `null` when it does.
 * Convex checks the schema again on write; checking here first lets a
 * statement fail before its first write, with an error naming the column.
 * `isId` checks the table of ids (`v.id(...)` anywhere in the validator).
 */
export function mismatch(validator: GenericValidator, value: unknown, isId: IsId = anyString): string | null {
  if (value === undefined) return validator.isOptional === 'optional' ? null : 'a value is required';
  switch (validator.kind) {
    case 'any':
      return null;
    case 'string':
      return typeof value === 'string' ? null : expected('a string', value);
    case 'float64':
      return typeof value === 'number' ? null : expected('a number', value);
    case 'int64':
      return typeof value === 'bigint' ? null : expected('a bigint', value);
    case 'commitTs':
      // An int64, or `ctx.db.vars.commitTs`, which becomes one as the mutation commits.
      return typeof value === 'bigint' || isCommitTsPlaceholder(value)
        ? null
        : expected('a bigint or ctx.db.vars.commitTs', value);
    case 'boolean':
      return typeof value === 'boolean' ? null : expected('a boolean', value);
    case 'null':
      return value === null ? null : expected('null', value);
    case 'bytes':
      return value instanceof ArrayBuffer ? null : expected('an ArrayBuffer', value);
    case 'id':
      return typeof value === 'string' && isId(validator.tableName, value)
        ? null
        : expected(`an id of table "${validator.tableName}"`, value);
    case 'literal':
      // As Convex compares values: -0 is not 0, NaN is NaN.
      return Object.is(value, validator.value) ? null : expected(describe(validator.value), value);
    case 'array': {
      if (!Array.isArray(value)) return expected('an array', value);
      for (const [i, item] of value.entries()) {
        const problem = mismatch(validator.element, item, isId);
        if (problem) return `element ${i}: ${problem}`;
      }
      return null;
    }
    case 'object': {
      if (!isPlainObject(value)) return expected('an object', value);
      for (const key of Object.keys(value)) {
        // An undefined key is no field: Convex stores the object without it.
        // Own keys only: `constructor` or `toString` is an unknown field, not the prototype's.
        if (value[key] !== undefined && !hasOwn(validator.fields, key)) return `unknown field "${key}"`;
      }
      for (const [key, field] of Object.entries(validator.fields as Record<string, GenericValidator>)) {
        const problem = mismatch(field, ownField(value, key), isId);
        if (problem) return `field "${key}": ${problem}`;
      }
      return null;
    }
    case 'record': {
      if (!isPlainObject(value)) return expected('an object', value);
      for (const [key, item] of Object.entries(value)) {
        if (item === undefined) continue; // no entry: Convex stores the record without it
        const problem = mismatch(validator.key, key, isId) ?? mismatch(validator.value, item, isId);
        if (problem) return `key "${key}": ${problem}`;
      }
      return null;
    }
    case 'union': {
      if (validator.members.some((member) => mismatch(member, value, isId) === null)) return null;
      const members = unionMembers(validator.members);
      const others = members.filter((member) => member.kind !== 'null');
      // An enum's union of literals names them, and null where the union (a nullable column's) takes it too.
      if (others.length > 0 && others.every((member) => member.kind === 'literal')) {
        const values = others.map((member) => describe(member.value));
        if (others.length < members.length) values.push('null');
        return expected(`one of ${values.join(', ')}`, value);
      }
      // A nullable column's or field's union (`null` or its type): a value other than null fails its type, which says why.
      if (others.length === 1 && value !== null) return mismatch(others[0]!, value, isId);
      if (others.length === 0) return expected('null', value);
      return expected('one of the union members', value);
    }
    default:
      return null;
  }
}

/** The members of a union, those of the unions among them in their place (a nullable enum's `null | ("a" | "b")`). */
function unionMembers(members: readonly GenericValidator[]): GenericValidator[] {
  return members.flatMap((member) => (member.kind === 'union' ? unionMembers(member.members) : [member]));
}

/** What kind of Convex value a value is, `null` aside: what {@link mayHold} asks of a validator. */
export type ValueType = 'string' | 'number' | 'bigint' | 'boolean' | 'bytes' | 'array' | 'object';

/** Every {@link ValueType}. */
export const VALUE_TYPES: readonly ValueType[] = ['string', 'number', 'bigint', 'boolean', 'bytes', 'array', 'object'];

/**
 * Whether a value of the validator may be of type `type`: a `'string'` (what `like` patterns
 * match), a `'number'` (what `sum` / `avg` add up), or any other {@link ValueType} (what a
 * foreign key's column must share with the column it references).
 */
export function mayHold(validator: GenericValidator, type: ValueType): boolean {
  switch (validator.kind) {
    case 'any':
      return true;
    case 'string':
    case 'id':
      return type === 'string';
    case 'float64':
      return type === 'number';
    case 'int64':
    case 'commitTs':
      return type === 'bigint';
    case 'boolean':
    case 'bytes':
    case 'array':
    case 'object':
      return type === validator.kind;
    case 'record':
      return type === 'object';
    case 'literal':
      return typeof validator.value === type;
    case 'union':
      return validator.members.some((member) => mayHold(member, type));
    default:
      return false;
  }
}

/**
 * Whether a value of column `a` may equal one of column `b` (what a foreign key or a relation
 * joins on): never for ids of two different tables, nor for columns that share no value type (a
 * number never equals an id or a string; Postgres refuses such a foreign key, 42804, or join).
 * Conservative: a `custom()` or `json()` column matches when any value it admits could
 * (`v.any()` matches everything).
 */
export function mayEqual(a: ColumnDefinition, b: ColumnDefinition): boolean {
  if (a.kind === 'id' && b.kind === 'id' && a.idTable !== b.idTable) return false;
  return VALUE_TYPES.some((type) => mayHold(a.validator, type) && mayHold(b.validator, type));
}

/**
 * Whether a filter may compare a value of column `a` with one of column `b` (`eq(a, b)`,
 * `gt(a, b)`): where they {@link mayEqual}, and also a float64 against an int64, which a filter
 * compares by value (`compareColumnValues`).
 */
export function mayCompare(a: ColumnDefinition, b: ColumnDefinition): boolean {
  return mayEqual(a, b) || floatAndInt(a, b) || floatAndInt(b, a);
}

function floatAndInt(float: ColumnDefinition, int: ColumnDefinition): boolean {
  return mayHold(float.validator, 'number') && mayHold(int.validator, 'bigint');
}

/** A column's type as messages name it: its kind, an id with its table (`id("users")`). */
export function columnTypeName(definition: ColumnDefinition): string {
  return definition.kind === 'id' ? `id("${definition.idTable}")` : definition.kind;
}

function expected(what: string, value: unknown): string {
  return `expected ${what}, got ${describe(value)}`;
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (value instanceof ArrayBuffer) return 'an ArrayBuffer';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  // An object by what it is (`an object`, `a Map`): `expected an object, got object` said nothing.
  if (typeof value === 'object') {
    if (isPlainObject(value)) return 'an object';
    return isCommitTsPlaceholder(value) ? 'ctx.db.vars.commitTs' : instanceKind(value);
  }
  return typeof value;
}

/** A name or word given where a string belongs, as a message shows it: the string, else {@link describe} (`String()` throws for a Symbol or an object of no prototype). */
export function givenText(value: unknown): string {
  return typeof value === 'string' ? value : describe(value);
}

/** What a value is, never what it holds (`a string`, `a Date`, `null`): for errors whose value may come from a row the caller's rules hide. */
export function kindOf(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return `a ${typeof value}`;
    default:
      // Every other value `describe` names by its kind already.
      return describe(value);
  }
}

/** `a Map`, `an Error`: a class instance by its class's name, which says what was given where an object literal was expected. */
function instanceKind(value: object): string {
  const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
  if (typeof name !== 'string' || name === '') return 'an object';
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}
