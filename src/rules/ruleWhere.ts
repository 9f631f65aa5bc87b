import { OrmError } from '../errors.js';
import { FIELD_OPERATORS, isComparedValue } from '../filter/parseWhere.js';
import { placeholderName } from '../filter/placeholder.js';
import { isPlainObject } from '../isPlainObject.js';
import type { SchemaContext } from '../query/schemaContext.js';
import { columnOf } from '../schema/table.js';

// The keys a where-object holds besides its table's columns and relations.
const WHERE_KEYS = ['AND', 'OR', 'NOT', 'RAW'];

/**
 * A where-object rule of table `key` (its `name` rule), checked to say all it holds the way the
 * parser reads it: as the own enumerable keys of plain objects, at every depth (its operator
 * objects, the items of `AND` / `OR` / `NOT`, relation filters). A rule made on a shared base
 * (`Object.create(base)`), a Map, a class instance or a Proxy answering keys it does not list
 * would be read as fewer conditions than it holds (`{}` allows every row), so it is refused by
 * name, never read as allowing rows its conditions hide.
 */
export function checkRuleWhere(schema: SchemaContext, key: string, where: object, name: string): void {
  const placeholder = placeholderName(where);
  if (placeholder !== undefined) {
    throw new OrmError(
      'INVALID_FILTER',
      `The "${name}" rule of "${key}" holds sql.placeholder('${placeholder}'): a rule's values come from its rule function (its ctx), never from a query's placeholder values. Read the value in the rule function and write it into the rule.`,
      { table: schema.table(key).name },
    );
  }
  const hidden = hiddenCondition(schema, key, where);
  if (hidden === undefined) return;
  throw new OrmError(
    'INVALID_FILTER',
    `The "${name}" rule of "${key}" holds ${hidden}: a rule's conditions are read from the own keys of plain objects, so it would allow rows its conditions hide. Write it as object literals (spread a shared base: { ...base, owner }).`,
    { table: schema.table(key).name },
  );
}

/** What of `where` (a where-object of table `key`) the parser would not read, or undefined. */
function hiddenCondition(schema: SchemaContext, key: string, where: object): string | undefined {
  const table = schema.table(key);
  const known = [
    ...Object.keys(table.columns),
    ...Object.keys(table.systemColumns),
    ...Object.keys(schema.relations[key]?.relations ?? {}),
    ...WHERE_KEYS,
  ];
  const unread = unreadKeys(where, known);
  if (unread !== undefined) return unread;
  for (const [field, value] of Object.entries(where)) {
    // Where-objects (items of AND / OR / NOT, relation filters): any object, a Date too, is read as one.
    if (field === 'AND' || field === 'OR' || field === 'NOT') {
      for (const item of Array.isArray(value) ? value : [value]) {
        const inner = isObject(item) ? hiddenCondition(schema, key, item) : undefined;
        if (inner !== undefined) return inner;
      }
      continue;
    }
    const relation = schema.relation(key, field);
    const inner = relation
      ? isObject(value)
        ? hiddenCondition(schema, relation.targetTable, value)
        : undefined
      : columnOf(table, field) && isFilterObject(value)
        ? hiddenOperator(value)
        : undefined;
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** What of a field's filter object (`{ gt: 3, OR: [...] }`) the parser would not read, or undefined. */
function hiddenOperator(filter: object): string | undefined {
  const unread = unreadKeys(filter, FIELD_OPERATORS);
  if (unread !== undefined) return unread;
  for (const [op, operand] of Object.entries(filter)) {
    if (op !== 'AND' && op !== 'OR' && op !== 'NOT') continue;
    for (const item of Array.isArray(operand) ? operand : [operand]) {
      const inner = isFilterObject(item) ? hiddenOperator(item) : undefined;
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/**
 * What of `value` is not a key `Object.keys` lists of a plain object, among those it may hold
 * (`known`): an object of another kind, or a known key it gives otherwise (through its prototype,
 * a Proxy, or as a key `Object.keys` skips), as the parser reads only the keys it lists.
 */
function unreadKeys(value: object, known: readonly string[]): string | undefined {
  if (!isPlainObject(value)) return 'an object that is not a plain object';
  const given = value as Record<string, unknown>;
  const listed = new Set(Object.keys(given));
  const unread = known.find((k) => !listed.has(k) && givesOtherwise(given, k));
  return unread === undefined ? undefined : `the condition "${unread}" not as an own enumerable key`;
}

/** True when `given[k]` holds a value other than every object's own (`constructor` is Object's unless overridden). */
function givesOtherwise(given: Record<string, unknown>, k: string): boolean {
  const held = given[k];
  return held !== undefined && !(k in Object.prototype && held === (Object.prototype as Record<string, unknown>)[k]);
}

/** An object that is not an array: what the parser reads as a where-object. */
function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value the parser reads as a field's filter object (not a value to compare, {@link isComparedValue}). */
function isFilterObject(value: unknown): value is object {
  return !isComparedValue(value) && !Array.isArray(value);
}
