import { OrmError } from '../errors.js';
import { type AnyColumn, Column } from '../schema/column.js';
import { describe } from '../schema/conforms.js';
import { type AnyTable, getTableConfig, TableSymbol } from '../schema/table.js';
import { AliasSymbol } from '../schema/tableSymbol.js';

/**
 * A table under another name in a select (Drizzle's `alias(users, 'parent')`):
 * the same rows, row type (`$inferSelect`, `$inferInsert`, types only, as the table's) and indexes,
 * with columns that belong to the alias (`parent.name`), so a select can join a table to itself.
 */
export type AliasedTable<T extends AnyTable, TAlias extends string> = {
  readonly [K in keyof T as T[K] extends AnyColumn ? K : never]: T[K] extends Column<infer C, string, infer N>
    ? Column<C, TAlias, N>
    : never;
} & {
  readonly [TableSymbol]: T[typeof TableSymbol];
  readonly _: T['_'];
  readonly [AliasSymbol]: TAlias;
} & Pick<T, Extract<keyof T, '$inferSelect' | '$inferInsert'>>;

const NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/**
 * `alias(table, name)`: the table under another name, for self-joins
 * (`const parent = alias(users, 'parent'); db.select().from(users).leftJoin(parent,
 * eq(parent._id, users.invitedBy))`). Results without a selection are keyed
 * by the alias; reads, indexes, rules and soft delete are the table's own.
 */
export function alias<T extends AnyTable, TAlias extends string>(table: T, name: TAlias): AliasedTable<T, TAlias> {
  const config = getTableConfig(table);
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new OrmError(
      'INVALID_QUERY',
      `alias(${config.name}, ${describe(name)}): an alias is an identifier (letters, digits, _; a letter first).`,
      { table: config.name },
    );
  }
  const columns: Record<string, AnyColumn> = {};
  for (const [key, value] of Object.entries(table)) {
    if (value instanceof Column) columns[key] = new Column(name, value.name, value.definition);
  }
  return Object.freeze({ ...columns, [TableSymbol]: config, [AliasSymbol]: name }) as never;
}

/** The name `table` goes by in a select (its alias, or its Convex table name). */
export function scopeName(table: AnyTable): string {
  // `?.`: what is not a table (undefined) is refused by getTableConfig, with a typed error.
  return (
    (table as Partial<Record<typeof AliasSymbol, string>> | undefined)?.[AliasSymbol] ?? getTableConfig(table).name
  );
}
