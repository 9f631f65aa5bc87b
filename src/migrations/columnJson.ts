import type { ColumnDefinition, ColumnKind } from '../schema/column.js';
import { type ValidatorJson, validatorJson } from './validatorJson.js';

/**
 * A column in JSON form: what the ORM checks a value written to it against (its Convex validator
 * and, for some kinds, more: a whole number, a `YYYY-MM-DD` date, a vector's dimensions, the same
 * of nested elements and fields). `migrate generate` records it in its snapshot and writes the new
 * one into a type change's migration, which checks stored values with `columnProblem`: the
 * migration keeps the rule it was generated for, whatever the schema becomes later.
 */
export interface ColumnJson {
  kind: ColumnKind;
  /** The validator of a present, non-null value. */
  validator: ValidatorJson;
  notNull: boolean;
  mode?: 'number' | 'string';
  enumValues?: string[];
  dimensions?: number;
  idTable?: string;
  element?: ColumnJson;
  fields?: Record<string, ColumnJson>;
}

/** The JSON form of a column: its rule, without its defaults, constraints or references. */
export function columnJson(definition: ColumnDefinition): ColumnJson {
  const { kind, notNull, mode, enumValues, dimensions, idTable, element, fields } = definition;
  return {
    kind,
    validator: validatorJson(definition.validator),
    notNull,
    ...(mode === undefined ? {} : { mode }),
    ...(enumValues === undefined ? {} : { enumValues: [...enumValues] }),
    ...(dimensions === undefined ? {} : { dimensions }),
    ...(idTable === undefined ? {} : { idTable }),
    ...(element === undefined ? {} : { element: columnJson(element) }),
    ...(fields === undefined
      ? {}
      : { fields: Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, columnJson(field)])) }),
  };
}
