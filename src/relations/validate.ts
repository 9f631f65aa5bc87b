import { type ConfigKey, checkConfigShape } from '../configShape.js';
import { OrmError } from '../errors.js';
import { UNDEFINED_IN_FILTER } from '../filter/undefined.js';
import { hasOwn } from '../hasOwn.js';
import { isPlainObject } from '../isPlainObject.js';
import { columnTypeName, describe, kindOf, mayCompare, mayEqual } from '../schema/conforms.js';
import type { AnyTable } from '../schema/table.js';
import { columnOf, getTableConfig } from '../schema/table.js';
import { relationError } from './errors.js';
import { columnList, RelationColumn, RelationDeclaration, type RelationInput, type Through } from './relation.js';

/** The columns of a relation declared with `from` and `to`. */
export interface DirectColumns {
  readonly sourceColumns: readonly string[];
  readonly targetColumns: readonly string[];
  readonly through: Through | undefined;
}

/**
 * Throws `RELATION_CONFIG` naming a key of the config that is no table of the schema (a typo such
 * as `user`), which Drizzle skips: its relations would be silently missing; or one whose entry is
 * not an object of relations (`users: null` would declare none).
 */
export function checkConfigKeys(tables: Readonly<Record<string, AnyTable>>, declared: object): void {
  for (const [key, entry] of Object.entries(declared)) {
    if (!hasOwn(tables, key)) {
      throw new OrmError(
        'RELATION_CONFIG',
        `relations -> ${key}: "${key}" is not a key of the tables given (${Object.keys(tables).join(', ')}); key each table's relations by its schema key.`,
        { details: { key } },
      );
    }
    if (entry !== undefined && !isPlainObject(entry)) {
      throw new OrmError(
        'RELATION_CONFIG',
        `relations -> ${key}: expected an object of its relations ({ posts: r.many.posts() }), got ${kindOf(entry)}.`,
        { table: getTableConfig(tables[key]!).name, details: { key } },
      );
    }
  }
}

/**
 * `value` of relation `field` of table `source`, checked to be what `r.one.<table>()` or
 * `r.many.<table>()` returns; else `RELATION_CONFIG` naming the relation (Drizzle skips such a
 * value, and the relation then fails in a query, or is silently missing).
 */
export function declarationOf(source: string, field: string, value: unknown): RelationDeclaration {
  if (value instanceof RelationDeclaration) return value;
  const fix =
    typeof value === 'function'
      ? `a function: call it (r.one.<table>() or r.many.<table>(), with a config or none)`
      : value === undefined
        ? `undefined: leave the key out when there is no relation (...(flag ? { ${field}: r.many.<table>() } : {}))`
        : `${describe(value)}`;
  throw new OrmError(
    'RELATION_CONFIG',
    `relations -> ${source}: { ${field} }: expected r.one.<table>(...) or r.many.<table>(...), got ${fix}.`,
    { table: source, details: { relation: field } },
  );
}

/**
 * Checks one declared relation the way Drizzle v1 rc.5 does and returns its
 * columns, or `undefined` when it declares neither `from` nor `to` (it is
 * then completed from its reverse relation).
 */
export function validateDeclaration(
  tables: Readonly<Record<string, AnyTable>>,
  source: string,
  field: string,
  declaration: RelationDeclaration,
): DirectColumns | undefined {
  const fail = (message: string) => relationError(source, field, declaration, message);
  const sourceConfig = getTableConfig(tables[source]!);
  const targetConfig = getTableConfig(tables[declaration.targetTable]!);
  const { input } = declaration;
  checkConfigShape(input, 'a config object (from, to, where, optional, alias) or none', INPUT_KEYS, fail);
  if (columnOf(sourceConfig, field)) {
    throw fail(`relation name collides with column "${field}" of table "${sourceConfig.name}"`);
  }
  // `_count` is where a row holds its relation counts: a relation of that name would be replaced by them.
  if (field === '_count') throw fail(`"_count" is where queries put relation counts; name the relation otherwise`);
  if (input.alias === '') throw fail(`"alias" cannot be an empty string - omit it if you don't need it`);
  if ('where' in input && input.where === undefined) {
    throw new OrmError('RELATION_CONFIG', UNDEFINED_IN_FILTER, { table: source, details: { relation: field } });
  }
  const from = columnList(input.from);
  const to = columnList(input.to);
  if (from?.length === 0) throw fail(`"from" cannot be empty`);
  if (to?.length === 0) throw fail(`"to" cannot be empty`);
  if (!from && !to) return undefined;
  if (!from || !to) throw fail(`relation must have either both "from" and "to" defined, or none of them`);
  checkTable(from, source, sourceConfig.name, 'from', fail);
  checkTable(to, declaration.targetTable, targetConfig.name, 'to', fail);
  const junctions = [...from, ...to].map((column) => column.junction);
  if (junctions.some((junction) => junction === undefined) && junctions.some((junction) => junction !== undefined)) {
    throw fail(
      `".through(column)" must be used either on all columns in "from" and "to" or not defined on any of them`,
    );
  }
  const names = (columns: readonly RelationColumn[]) => columns.map((column) => column.column.name);
  if (junctions[0] === undefined) {
    if (from.length !== to.length) throw fail(`"from" and "to" fields without "through" must have the same length`);
    for (const [i, column] of from.entries()) checkJoinable(column, to[i]!, fail);
    return { sourceColumns: names(from), targetColumns: names(to), through: undefined };
  }
  const junctionTable = junctions[0].tableKey;
  if (junctions.some((junction) => junction!.tableKey !== junctionTable)) {
    throw fail(`".through(column)" must be used on the same table by all columns of the relation`);
  }
  for (const column of from) checkJoinable(column, column.junction!, fail);
  for (const column of to) checkJoinable(column.junction!, column, fail);
  return {
    sourceColumns: names(from),
    targetColumns: names(to),
    through: {
      table: junctionTable,
      sourceColumns: from.map((column) => column.junction!.column.name),
      targetColumns: to.map((column) => column.junction!.column.name),
    },
  };
}

/** What `r.one.X(config)` / `r.many.X(config)` take: Drizzle v1's keys, each of its kind. */
const INPUT_KEYS: Readonly<Record<keyof RelationInput, ConfigKey>> = {
  from: { takes: 'r.<table>.<column> or a list of them', holds: isColumns },
  to: { takes: 'r.<table>.<column> or a list of them', holds: isColumns },
  where: { takes: 'a filter', holds: () => true },
  optional: { takes: 'true or false', holds: (value) => typeof value === 'boolean' },
  alias: { takes: 'a string', holds: (value) => typeof value === 'string' },
};

function isColumns(value: unknown): boolean {
  return (
    value instanceof RelationColumn ||
    (Array.isArray(value) && value.every((column) => column instanceof RelationColumn))
  );
}

function checkTable(
  columns: readonly RelationColumn[],
  key: string,
  name: string,
  side: 'from' | 'to',
  fail: (message: string) => OrmError,
): void {
  const other = columns.find((column) => column.tableKey !== key);
  if (other) {
    throw fail(
      `all "${side}" columns must belong to table "${name}", found column of table "${other.column.tableName}"`,
    );
  }
}

/**
 * Refuses a pair of joined columns no two values of which can be equal (an
 * `integer()` and a `text()`, ids of two tables): the relation would match
 * no row, where Postgres refuses the join (`operator does not exist`).
 */
function checkJoinable(a: RelationColumn, b: RelationColumn, fail: (message: string) => OrmError): void {
  if (mayEqual(a.column.definition, b.column.definition)) return;
  if (mayCompare(a.column.definition, b.column.definition)) {
    // Equal by number (Postgres joins `bigint = integer`), but a relation reads the target by its key's index.
    throw fail(
      `columns "${qualified(a)}" (${typeName(a)}) and "${qualified(b)}" (${typeName(b)}) hold an int64 and a float64: a relation reads its target by the key's index, where Convex never matches the two types; store one number type in both (bigint() or integer() / number()), or join them with db.select(), which compares them by number`,
    );
  }
  throw fail(
    `columns "${qualified(a)}" (${typeName(a)}) and "${qualified(b)}" (${typeName(b)}) can never hold equal values, so the relation matches no row; relate columns of one type (id("<table>") to "<table>._id")`,
  );
}

const qualified = (column: RelationColumn) => `${column.column.tableName}.${column.column.name}`;

function typeName({ column: { definition } }: RelationColumn): string {
  return columnTypeName(definition);
}
