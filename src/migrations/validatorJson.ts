import type { GenericValidator, JSONValue } from 'convex/values';

/**
 * A validator in Convex's JSON form (`validator.json`, as `defineSchema(...).export()` writes
 * it). The CLI sends these to the deployment because the deployed code may be older than the
 * local schema being checked.
 */
export type ValidatorJson =
  | { type: 'any' | 'null' | 'number' | 'bigint' | 'commitTs' | 'boolean' | 'string' | 'bytes' }
  | { type: 'id'; tableName: string }
  | { type: 'literal'; value: JSONValue }
  | { type: 'array'; value: ValidatorJson }
  | { type: 'object'; value: Record<string, FieldJson> }
  | { type: 'record'; keys: ValidatorJson; values: FieldJson }
  | { type: 'union'; value: ValidatorJson[] };

/** A field of an object validator: its type and whether it may be absent. */
export interface FieldJson {
  fieldType: ValidatorJson;
  optional: boolean;
}

/** The JSON form of a validator (Convex keeps `.json` out of its public types). */
export function validatorJson(validator: GenericValidator): ValidatorJson {
  return (validator as unknown as { json: ValidatorJson }).json;
}
