import { OrmError } from '../errors.js';

/**
 * A named value a prepared query takes at execution (Drizzle's
 * `sql.placeholder(name)`): allowed in `where` values, `limit` and `offset`
 * of a query prepared with `orm.query.<table>....prepare()`. Its value type
 * is the type of the position it stands in (see `PlaceholderValues`).
 */
export class Placeholder<TName extends string = string> {
  constructor(readonly name: TName) {}

  toString(): string {
    return `sql.placeholder('${this.name}')`;
  }
}

/** A placeholder named `name`: `where: { email: placeholder('email') }`, then `.execute(ctx, { email })`. */
export function placeholder<TName extends string>(name: TName): Placeholder<TName> {
  return new Placeholder(name);
}

/** Drizzle's import shape for placeholders: `sql.placeholder('id')`. Only placeholders exist: Convex has no SQL. */
export const sql: { readonly placeholder: typeof placeholder } = Object.freeze({ placeholder });

/** Throws `INVALID_QUERY` for a placeholder reaching a query that was not prepared. */
export function rejectPlaceholder(value: unknown, table?: string): void {
  if (value instanceof Placeholder) {
    throw new OrmError(
      'INVALID_QUERY',
      `${value} is only allowed in a prepared query: build it with orm.query.<table>.findMany(...).prepare() and pass the value to execute(ctx, { ${value.name} }).`,
      table === undefined ? {} : { table },
    );
  }
}
