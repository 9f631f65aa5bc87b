import { OrmError } from '../errors.js';
import { hasOwn } from '../hasOwn.js';
import type { AnyColumn } from './column.js';
import { describe } from './conforms.js';
import type { TableExtra } from './constraints.js';

// The checks a table's indexes and constraints pass when the table is defined (`planTableIndexes`,
// tableIndexes.ts): Convex's limits and rules, refused as `INVALID_SCHEMA` naming the table, index or
// constraint, before Convex would refuse the schema at deploy.

/** Convex's per-table and per-index limits (search and vector indexes count toward the 32). */
export const LIMITS = {
  indexesPerTable: 32,
  fieldsPerIndex: 16,
  searchIndexes: 4,
  vectorIndexes: 4,
  filterFields: 16,
  vectorDimensions: { min: 2, max: 4096 },
} as const;

/** Throws the `INVALID_SCHEMA` of `table`. */
export function fail(table: string, message: string): never {
  throw new OrmError('INVALID_SCHEMA', message, { table });
}

/** Fails when `count` passes one of Convex's {@link LIMITS}: `what` has `count` of `things`. */
export function checkLimit(table: string, what: string, count: number, things: string, limit: number): void {
  if (count > limit) fail(table, `${what} has ${count} ${things}; Convex allows ${limit}.`);
}

/** Fails when a name is in `names` twice (`kind`: what they name). */
export function checkUniqueNames(table: string, kind: string, names: readonly string[]): void {
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) fail(table, `Table "${table}" defines ${kind} "${twice}" twice; rename one.`);
}

/** Fails when `fields` is empty: Convex refuses an index of no field, and a constraint on none constrains nothing. */
export function checkSomeColumn(table: string, what: string, fields: readonly string[]): void {
  if (fields.length === 0) fail(table, `${what} lists no column; give its columns (.on(t.a, ...)).`);
}

/**
 * Fails when two indexes of one kind index the same thing (`key`: their fields, a search or vector
 * index's field): Convex refuses such a table when it deploys it ("have the same fields. Indexes
 * must be unique within a table"). `advice` follows "keep one".
 */
export function checkDistinctFields(
  table: string,
  kind: string,
  indexes: readonly { name: string; key: string }[],
  advice = '',
): void {
  const seen = new Map<string, string>();
  for (const { name, key } of indexes) {
    const first = seen.get(key);
    if (first !== undefined) {
      fail(
        table,
        `Table "${table}" has ${kind} "${first}" and "${name}" on the same fields (${key}); Convex refuses two such indexes when it deploys the schema: keep one${advice}.`,
      );
    }
    seen.set(key, name);
  }
}

/** Convex counts the implicit `_creationTime` among an index's fields, so an index takes at most 15 of its own. */
export function checkIndexWidth(table: string, what: string, fields: readonly string[]): void {
  if (fields.length + 1 > LIMITS.fieldsPerIndex) {
    fail(
      table,
      `${what} has ${fields.length} fields; Convex allows ${LIMITS.fieldsPerIndex} per index including the implicit _creationTime.`,
    );
  }
}

/** The filter fields of a search or vector index, within Convex's 16. */
export function filterFieldNames(table: string, what: string, columns: readonly AnyColumn[]): string[] {
  const fields = fieldNames(table, what, columns);
  checkLimit(table, what, fields.length, 'filter fields', LIMITS.filterFields);
  return fields;
}

/** A primary key's columns: at least one, each `notNull()` (a primary key holds no null). */
export function checkPrimaryKey(table: string, columns: readonly AnyColumn[], fields: readonly string[]): void {
  if (fields.length === 0) fail(table, 'primaryKey({ columns }) lists no column; give the columns of the key.');
  const nullable = columns.find((column) => !column.definition.notNull);
  if (nullable) {
    fail(
      table,
      `Primary key (${fields.join(', ')}) has the nullable column "${nullable.name}"; a primary key holds no null: make it .notNull().`,
    );
  }
}

/** Resolves columns given to an index or constraint into field names of `table`. */
export function fieldNames(table: string, what: string, columns: readonly AnyColumn[], allowSystem = false): string[] {
  // From plain JavaScript, one column without its list (`columns: t.x`), or none.
  if (!Array.isArray(columns)) fail(table, `${what} takes a list of columns ([t.x]); got ${describe(columns)}.`);
  const names: string[] = [];
  for (const column of columns) {
    if (!column || column.tableName !== table) {
      fail(
        table,
        `${what} uses column "${column?.tableName}.${column?.name}", which is not a column of table "${table}".`,
      );
    }
    if (!allowSystem && column.name.startsWith('_')) {
      fail(table, `${what} cannot list system field "${column.name}"; Convex appends _creationTime and _id itself.`);
    }
    if (names.includes(column.name)) fail(table, `${what} lists column "${column.name}" twice.`);
    names.push(column.name);
  }
  return names;
}

/** ` "name"` of a named constraint, for a message; nothing for an unnamed one. */
export function constraintLabel(name: string | undefined): string {
  return name === undefined ? '' : ` "${name}"`;
}

// Every kind of extra, by the union's own type: one added there must be added here.
const EXTRA_KINDS: Readonly<Record<TableExtra['kind'], true>> = {
  index: true,
  unique: true,
  searchIndex: true,
  vectorIndex: true,
  check: true,
  foreignKey: true,
  deletion: true,
  aggregateIndex: true,
};

/**
 * Throws unless entry `at` of a table's indexes and constraints is one: an `index(name)` without
 * `.on(...)`, a column or anything else would otherwise be dropped without a word (a unique
 * constraint not enforced).
 */
export function checkExtra(table: string, extra: unknown, at: number): void {
  const kind = typeof extra === 'object' && extra !== null ? (extra as { kind?: unknown }).kind : undefined;
  if (typeof kind === 'string' && hasOwn(EXTRA_KINDS, kind)) return;
  const on = typeof extra === 'object' && extra !== null && typeof (extra as { on?: unknown }).on === 'function';
  const what = on
    ? 'an index or constraint without its columns: add .on(t.column)'
    : `${describe(extra)}, not an index or constraint (index(), uniqueIndex(), unique(), foreignKey(), check(), deletion(), ...)`;
  fail(table, `Entry ${at} of the indexes and constraints of "${table}" is ${what}.`);
}
