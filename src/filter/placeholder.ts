import { OrmError } from '../errors.js';
import { isPlainObject } from '../isPlainObject.js';

/**
 * A named value a prepared query takes at execution (Drizzle's
 * `sql.placeholder(name)`): allowed in `where` values, `limit` and `offset`
 * of a query prepared with `orm.query.<table>....prepare()` (its value type
 * is the type of the position it stands in: see `PlaceholderValues`), and in
 * the operators' values, `limit` and `offset` of a select prepared with
 * `orm.select(...)....prepare()`.
 */
export class Placeholder<TName extends string = string> {
  // Nominal, as Drizzle's: any object with a string `name` (a row, a column) would pass for one
  // structurally, and the operators and `limit` that take placeholders would take it too.
  declare private readonly brand: 'Placeholder';
  /**
   * Never there: a type alone. A placeholder stands for a value, never for a filter, but an object
   * with a string `name` would pass for the where-object `{ name: 'x' }` of a table with a `name`
   * column (a weak type: every key optional). Every where-object, and every field's operators,
   * have an `OR` that takes a list: this one refuses the placeholder there, saying why.
   */
  declare readonly OR: 'sql.placeholder() stands for a value, not for a filter';

  constructor(readonly name: TName) {}

  toString(): string {
    return `sql.placeholder('${this.name}')`;
  }
}

/**
 * How deep {@link collectPlaceholders} looks in a query config, a rule or a written value: deeper
 * than any real one nests (Convex values nest 16 levels; relation filters, `AND` / `OR` and
 * operators add a few), so a value nested without end ends the walk instead of the stack.
 */
const PLACEHOLDER_DEPTH = 64;

/**
 * Adds the names of the placeholders inside `value` (arrays and plain objects) to `names`; true
 * when any. Each object is walked once (`seen`): a value that holds itself, or one object held in
 * many places, costs one visit, not one per path to it.
 */
export function collectPlaceholders(
  value: unknown,
  names: Set<string>,
  depth = PLACEHOLDER_DEPTH,
  seen = new Set<object>(),
): boolean {
  if (value instanceof Placeholder) {
    names.add(value.name);
    return true;
  }
  if (depth === 0 || typeof value !== 'object' || value === null || seen.has(value)) return false;
  seen.add(value);
  const children = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
  let found = false;
  for (const child of children) found = collectPlaceholders(child, names, depth - 1, seen) || found;
  return found;
}

/** The name of a `sql.placeholder` in `value`, at any depth of its arrays and plain objects, if any. */
export function placeholderName(value: unknown): string | undefined {
  const names = new Set<string>();
  return collectPlaceholders(value, names) ? names.values().next().value : undefined;
}

/** A placeholder named `name`: `where: { email: placeholder('email') }`, then `.execute(ctx, { email })`. */
export function placeholder<TName extends string>(name: TName): Placeholder<TName> {
  return new Placeholder(name);
}

/** What a SQL template ported from Drizzle (`sql\`lower(name)\``, untyped code) throws: Convex runs no SQL. */
function noSql(): never {
  throw new OrmError(
    'INVALID_QUERY',
    'sql`...` is SQL, which Convex does not run: write an extra as a function of the row (extras: { n: (row) => ... }) and a filter as a where-object or operators; only sql.placeholder(name) exists, for prepared queries.',
  );
}

/**
 * Drizzle's import shape for placeholders: `sql.placeholder('id')`. Only placeholders exist:
 * Convex has no SQL, so its type is not callable, and a call from untyped code throws `INVALID_QUERY`.
 */
export const sql: { readonly placeholder: typeof placeholder } = Object.freeze(Object.assign(noSql, { placeholder }));

/** Throws `INVALID_QUERY` for a placeholder reaching a query that was not prepared. */
export function rejectPlaceholder(value: unknown, table?: string): void {
  if (value instanceof Placeholder) throw placeholderOutsidePrepared(value.name, table);
}

/** The `INVALID_QUERY` of the placeholder `name` in a query or statement that was not prepared. */
export function placeholderOutsidePrepared(name: string, table?: string): OrmError {
  return new OrmError(
    'INVALID_QUERY',
    `sql.placeholder('${name}') is only allowed in a prepared query: build it at module scope (orm.query.<table>.findMany(...) or orm.select(...).from(...)), call .prepare(), and pass the value to execute(ctx, { ${name} }).`,
    table === undefined ? {} : { table },
  );
}
