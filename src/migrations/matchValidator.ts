import { compareValues, jsonToConvex, type Value } from 'convex/values';
import { isCommitTsPlaceholder } from '../commitTs.js';
import { hasOwn } from '../hasOwn.js';
import { ownField } from '../ownField.js';
import type { IsId } from '../schema/conforms.js';
import type { FieldJson, ValidatorJson } from './validatorJson.js';

export type { IsId };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof ArrayBuffer) &&
  Object.getPrototypeOf(value) === Object.prototype;

/** True when `value` passes the validator, as Convex's schema validation would decide. */
export function matchesValidator(validator: ValidatorJson, value: unknown, isId: IsId): boolean {
  switch (validator.type) {
    case 'any':
      return value !== undefined;
    case 'null':
      return value === null;
    case 'number':
      return typeof value === 'number';
    case 'bigint':
      return typeof value === 'bigint';
    case 'commitTs':
      // An int64 as committed; `ctx.db.vars.commitTs` in the mutation that writes it.
      return typeof value === 'bigint' || isCommitTsPlaceholder(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'bytes':
      return value instanceof ArrayBuffer;
    case 'id':
      return typeof value === 'string' && isId(validator.tableName, value);
    case 'literal':
      return value !== undefined && compareValues(value as Value, jsonToConvex(validator.value)) === 0;
    case 'array':
      return Array.isArray(value) && value.every((element) => matchesValidator(validator.value, element, isId));
    case 'object':
      return isPlainObject(value) && fieldProblems(validator.value, value, isId, NO_FIELDS).length === 0;
    case 'record':
      return (
        isPlainObject(value) &&
        Object.entries(value).every(
          ([key, field]) =>
            matchesValidator(validator.keys, key, isId) && matchesValidator(validator.values.fieldType, field, isId),
        )
      );
    case 'union':
      return validator.value.some((member) => matchesValidator(member, value, isId));
  }
}

/** Why a field of an object fails its validator. */
export type FieldProblem = 'missing' | 'unexpected' | 'invalid';

/** A field of a document that its table's validator rejects. */
export interface DocumentProblem {
  field: string;
  problem: FieldProblem;
}

const NO_FIELDS: ReadonlySet<string> = new Set();
const SYSTEM_FIELDS: ReadonlySet<string> = new Set(['_id', '_creationTime']);

/**
 * The fields of a document that break its table's document validator (an object validator,
 * `documentType` of `defineSchema(...).export()`): a required field absent, a field the
 * validator does not know, a value of the wrong type. System fields are Convex's own.
 */
export function documentProblems(
  documentType: ValidatorJson,
  doc: Record<string, unknown>,
  isId: IsId,
): DocumentProblem[] {
  if (documentType.type === 'any') return [];
  if (documentType.type !== 'object') {
    const { _id, _creationTime, ...fields } = doc;
    return matchesValidator(documentType, fields, isId) ? [] : [{ field: '', problem: 'invalid' }];
  }
  return fieldProblems(documentType.value, doc, isId, SYSTEM_FIELDS);
}

function fieldProblems(
  fields: Record<string, FieldJson>,
  value: Record<string, unknown>,
  isId: IsId,
  ignore: ReadonlySet<string>,
): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  for (const [field, spec] of Object.entries(fields)) {
    const held = ownField(value, field);
    if (held === undefined && !spec.optional) problems.push({ field, problem: 'missing' });
    else if (held !== undefined && !matchesValidator(spec.fieldType, held, isId))
      problems.push({ field, problem: 'invalid' });
  }
  for (const field of Object.keys(value)) {
    if (ignore.has(field) || hasOwn(fields, field)) continue;
    if (value[field] !== undefined) problems.push({ field, problem: 'unexpected' });
  }
  return problems;
}
