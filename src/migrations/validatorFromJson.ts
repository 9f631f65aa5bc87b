import { type GenericValidator, jsonToConvex, v } from 'convex/values';
import type { FieldJson, ValidatorJson } from './validatorJson.js';

type LiteralValue = string | number | bigint | boolean;

/** The Convex validator whose JSON form (`validator.json`) is `json`. */
export function validatorFromJson(json: ValidatorJson): GenericValidator {
  switch (json.type) {
    case 'any':
      return v.any();
    case 'null':
      return v.null();
    case 'number':
      return v.float64();
    case 'bigint':
      return v.int64();
    case 'commitTs':
      return v.commitTs();
    case 'boolean':
      return v.boolean();
    case 'string':
      return v.string();
    case 'bytes':
      return v.bytes();
    case 'id':
      return v.id(json.tableName);
    case 'literal':
      return v.literal(jsonToConvex(json.value) as LiteralValue);
    case 'array':
      return v.array(validatorFromJson(json.value));
    case 'object':
      return v.object(Object.fromEntries(Object.entries(json.value).map(([name, field]) => [name, fieldOf(field)])));
    case 'record':
      // A record's values are never optional (Convex refuses `v.optional` there): the flag is always false.
      return v.record(validatorFromJson(json.keys) as never, validatorFromJson(json.values.fieldType));
    case 'union':
      return v.union(...json.value.map(validatorFromJson));
  }
}

const fieldOf = (field: FieldJson) =>
  field.optional ? v.optional(validatorFromJson(field.fieldType)) : validatorFromJson(field.fieldType);
