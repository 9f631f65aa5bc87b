import type { FieldJson, ValidatorJson } from '../migrations/validatorJson.js';
import { fromConvexJson } from './convexJson.js';
import { tsKey, tsString, valueSource } from './source.js';

/** A literal's value as TypeScript source (`'a'`, `2`, `true`, `3n`). */
const literalSource = (json: ValidatorJson & { type: 'literal' }) => valueSource(fromConvexJson(json.value));

function objectType(fields: Record<string, FieldJson>): string {
  const entries = Object.entries(fields).map(
    ([name, field]) => `${tsKey(name)}${field.optional ? '?' : ''}: ${tsType(field.fieldType)}`,
  );
  return entries.length === 0 ? 'Record<string, never>' : `{ ${entries.join('; ')} }`;
}

/** The TypeScript type of the values a validator accepts (ids as `string`, `any` as `unknown`). */
export function tsType(json: ValidatorJson): string {
  switch (json.type) {
    case 'any':
      return 'unknown';
    case 'null':
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'string':
      return json.type;
    case 'commitTs':
      // As stored: the placeholder a mutation writes is an int64 once it commits.
      return 'bigint';
    case 'bytes':
      return 'ArrayBuffer';
    case 'id':
      return 'string';
    case 'literal': {
      // NaN and the infinities have no literal type.
      const value = fromConvexJson(json.value);
      return typeof value === 'number' && !Number.isFinite(value) ? 'number' : valueSource(value);
    }
    case 'array':
      return `Array<${tsType(json.value)}>`;
    case 'object':
      return objectType(json.value);
    case 'record':
      return `Record<${tsType(json.keys)}, ${tsType(json.values.fieldType)}>`;
    case 'union':
      // `v.union()` of no member accepts no value.
      return json.value.length === 0 ? 'never' : json.value.map(tsType).join(' | ');
  }
}

/** The `v.*` expression of an object field: `v.optional(...)` when it may be absent. */
export function fieldSource(field: FieldJson): string {
  const code = validatorSource(field.fieldType);
  return field.optional ? `v.optional(${code})` : code;
}

function fieldsSource(fields: Record<string, FieldJson>): string {
  const entries = Object.entries(fields).map(([name, field]) => `${tsKey(name)}: ${fieldSource(field)}`);
  return `{ ${entries.join(', ')} }`;
}

/** The `v.*` expression that builds a validator with this JSON. */
export function validatorSource(json: ValidatorJson): string {
  switch (json.type) {
    case 'number':
      return 'v.float64()';
    case 'bigint':
      return 'v.int64()';
    case 'commitTs':
      return 'v.commitTs()';
    case 'any':
    case 'null':
    case 'boolean':
    case 'string':
    case 'bytes':
      return `v.${json.type}()`;
    case 'id':
      return `v.id(${tsString(json.tableName)})`;
    case 'literal':
      return `v.literal(${literalSource(json)})`;
    case 'array':
      return `v.array(${validatorSource(json.value)})`;
    case 'object':
      return `v.object(${fieldsSource(json.value)})`;
    case 'record':
      return `v.record(${validatorSource(json.keys)}, ${validatorSource(json.values.fieldType)})`;
    case 'union':
      return `v.union(${json.value.map(validatorSource).join(', ')})`;
  }
}
