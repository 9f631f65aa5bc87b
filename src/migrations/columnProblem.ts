import { type IdSource, idCheck } from '../mutation/validate.js';
import type { ColumnDefinition } from '../schema/column.js';
import { valueProblem } from '../schema/valueProblem.js';
import type { ColumnJson } from './columnJson.js';
import { validatorFromJson } from './validatorFromJson.js';

/** Each column's definition, made once (a generated migration checks every document against the same constant). */
const definitions = new WeakMap<ColumnJson, ColumnDefinition>();

/**
 * Why `column` refuses `value`, as the ORM refuses a write of it (`VALIDATION`), or `null` when it
 * accepts it: null in a `notNull` column, a value its validator rejects, and what Convex does not
 * check (a fraction in an `integer()`, a `date()` that is no `YYYY-MM-DD` date, a `vector(n)` of
 * another length, ids of another table, the same inside `arrayOf` / `objectOf`). Ids are looked
 * up in `db` (a migration's `ctx.db`). `undefined` (no value) is no problem: the column's
 * `notNull` is a fill's business.
 */
export function columnProblem(db: IdSource, column: ColumnJson, value: unknown): string | null {
  if (value === undefined) return null;
  if (value === null) return column.notNull ? 'expected a value (the column is notNull), got null' : null;
  let definition = definitions.get(column);
  if (definition === undefined) {
    definition = definitionOf(column);
    definitions.set(column, definition);
  }
  return valueProblem(idCheck(db), definition, value);
}

function definitionOf(column: ColumnJson): ColumnDefinition {
  const { element, fields, ...rule } = column;
  return {
    ...rule,
    validator: validatorFromJson(column.validator),
    ...(element === undefined ? {} : { element: definitionOf(element) }),
    ...(fields === undefined
      ? {}
      : { fields: Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, definitionOf(field)])) }),
  };
}
