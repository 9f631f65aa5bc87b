import { OrmError } from '../errors.js';
import { rejectPlaceholder } from '../filter/placeholder.js';
import type { FilterNode } from '../filter/tree.js';
import type { AnyRelation } from '../relations/relation.js';
import { describe } from '../schema/conforms.js';
import type { TableConfig } from '../schema/table.js';
import { parseOrderBy } from './orderBy.js';
import { type OrderTerm, resolveTermPaths } from './orderTerms.js';
import { parseRelationWhere } from './parseRelationWhere.js';
import { type ParsedSearch, parseSearch } from './parseSearch.js';
import type { SchemaContext } from './schemaContext.js';
import { resolveJunctionRule, visibleRows } from './visibleRows.js';

/** Where a query config sits: the root of findMany/findFirst, or a `one`/`many` relation under `with`. */
/** What a query config is parsed for; `count`, `aggregate` and `groupBy` parse alike (their own keys taken out), and name the method in errors. */
export type QueryMode = 'many' | 'first' | 'paginate' | 'count' | 'aggregate' | 'groupBy' | 'one' | 'manyRelation';

/** A query config, validated and normalized for the planner, loader and shaper. */
export interface ParsedQuery {
  readonly tableKey: string;
  readonly table: TableConfig;
  /** Relation path from the root (`posts.comments`), empty at the root. */
  readonly path: string;
  /** The level's `where`, with `deletedAt isNull` for a soft-deleting table unless `withDeleted`. */
  readonly filter: FilterNode | null;
  /** Soft-deleted rows are included (the root query said `withDeleted: true`). */
  readonly withDeleted: boolean;
  readonly orderBy: readonly OrderTerm[];
  readonly limit: number | undefined;
  readonly offset: number;
  /** Selected fields in result order, or null for every field of the document. */
  readonly columns: readonly string[] | null;
  readonly extras: readonly (readonly [string, (row: Record<string, unknown>) => unknown])[];
  readonly with: readonly ParsedWith[];
  /** `_count` entries: per `many` relation, the count query of its target rows. */
  readonly counts: readonly ParsedWith[];
  /** The call's own scan budget (root queries only), else the ORM's. */
  readonly scanBudget: number | undefined;
  /** Full-text search (root queries only): read the search index in relevance order. */
  readonly search: ParsedSearch | null;
  /** Read in pages (`paginate`): the order must come from the index, which the planner then prefers. */
  readonly paged: boolean;
}

/** One `with` entry: the relation and the parsed nested query of its target. */
export interface ParsedWith {
  readonly key: string;
  readonly relation: AnyRelation;
  readonly query: ParsedQuery;
}

const BASE_KEYS = ['columns', 'with', 'where', 'orderBy', 'offset', 'extras', '_count'];
const COUNT_KEYS: ReadonlySet<string> = new Set(['where', 'scanBudget', 'withDeleted']);
const KEYS: Record<QueryMode, ReadonlySet<string>> = {
  many: new Set([...BASE_KEYS, 'limit', 'scanBudget', 'withDeleted', 'search']),
  first: new Set([...BASE_KEYS, 'scanBudget', 'withDeleted', 'search']),
  paginate: new Set([...BASE_KEYS.filter((key) => key !== 'offset'), 'scanBudget', 'withDeleted', 'search']),
  count: COUNT_KEYS,
  aggregate: COUNT_KEYS,
  groupBy: COUNT_KEYS,
  one: new Set(BASE_KEYS),
  manyRelation: new Set([...BASE_KEYS, 'limit']),
};

function invalid(table: TableConfig, message: string): OrmError {
  return new OrmError('INVALID_QUERY', message, { table: table.name });
}

/** `value` as a count (`limit`, `offset`, `scanBudget`), `undefined` when not given; throws `INVALID_QUERY` otherwise. */
export function nonNegativeInteger(name: string, value: unknown, table?: string): number | undefined {
  if (value === undefined) return undefined;
  rejectPlaceholder(value, table);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    const on = table === undefined ? '' : ` on "${table}"`;
    throw new OrmError('INVALID_QUERY', `"${name}"${on} must be a non-negative integer; got ${describe(value)}.`, {
      ...(table === undefined ? {} : { table }),
    });
  }
  return value;
}

/**
 * Drizzle's columns rules: true-mode (any truthy value, as Drizzle tests
 * them) keeps the truthy keys in config order; false-mode drops the falsy ones.
 */
function parseColumns(table: TableConfig, columns: unknown): string[] | null {
  if (columns === undefined) return null;
  if (typeof columns !== 'object' || columns === null) throw invalid(table, `"columns" must be an object.`);
  const all = [...Object.keys(table.systemColumns), ...Object.keys(table.columns)];
  const entries = Object.entries(columns).filter(([, value]) => value !== undefined);
  for (const [field] of entries) {
    if (!all.includes(field)) {
      throw new OrmError('UNKNOWN_COLUMN', `Unknown column "${field}" in "columns" of table "${table.name}".`, {
        table: table.name,
        details: { field },
      });
    }
  }
  if (entries.length === 0) return [];
  if (entries.some(([, value]) => value)) return entries.filter(([, value]) => value).map(([k]) => k);
  const dropped = new Set(entries.map(([field]) => field));
  return all.filter((field) => !dropped.has(field));
}

function parseExtras(table: TableConfig, extras: unknown): ParsedQuery['extras'] {
  if (extras === undefined) return [];
  if (typeof extras !== 'object' || extras === null) throw invalid(table, `"extras" must be an object of functions.`);
  // An `undefined` extra is none (as a relation given `undefined` in `with`): a conditional extra.
  return Object.entries(extras)
    .filter(([, fn]) => fn !== undefined)
    .map(([key, fn]) => {
      if (typeof fn !== 'function') {
        throw invalid(
          table,
          `Extra "${key}" on "${table.name}" must be a function of the row; SQL extras are not supported.`,
        );
      }
      return [key, fn as (row: Record<string, unknown>) => unknown] as const;
    });
}

/**
 * Validates a findMany/findFirst config (or a nested `with` config) of
 * table `key` and normalizes every part of it, recursively. Soft-deleted
 * rows are hidden at every level (`with` loads, relation filters) unless the
 * root query says `withDeleted: true`.
 */
export function parseQuery(
  schema: SchemaContext,
  key: string,
  config: unknown,
  mode: QueryMode,
  path: readonly string[] = [],
  withDeleted = false,
): ParsedQuery {
  const table = schema.table(key);
  const input = (config === undefined || config === true ? {} : config) as Record<string, unknown>;
  if (typeof input !== 'object' || input === null) throw invalid(table, `A query config must be an object.`);
  for (const option of Object.keys(input)) {
    if (!KEYS[mode].has(option)) {
      // A relation's config names the relation by its path, and its rows' table as what it loads.
      const where = path.length
        ? `relation "${path.join('.')}" (it loads ${mode === 'one' ? 'one row' : 'rows'} of "${table.name}")`
        : `${mode === 'many' ? 'findMany' : mode} on "${table.name}"`;
      throw invalid(table, `Unknown query option "${option}" for ${where}.`);
    }
  }
  if (input.withDeleted !== undefined && typeof input.withDeleted !== 'boolean') {
    throw invalid(table, `"withDeleted" on "${table.name}" must be true or false.`);
  }
  const allRows = withDeleted || input.withDeleted === true;
  const columns = parseColumns(table, input.columns);
  const extras = parseExtras(table, input.extras);
  const withs = parseWith(schema, key, table, input.with, path, allRows);
  const counts = parseCounts(schema, key, table, input._count, path, allRows);
  const selected = (columns?.length ?? 1) + extras.length + withs.length + counts.length;
  if (selected === 0 && KEYS[mode] !== COUNT_KEYS) {
    const at = path.length ? ` ("${path.join('.')}")` : '';
    throw invalid(table, `No fields selected for table "${key}"${at}`);
  }
  const limit = mode === 'one' || mode === 'first' ? 1 : nonNegativeInteger('limit', input.limit, table.name);
  const where = 'where' in input ? parseRelationWhere(schema, key, input.where) : null;
  const orderBy = parseOrderBy(schema, key, input.orderBy);
  resolveTermPaths(schema, orderBy, allRows);
  return {
    tableKey: key,
    table,
    path: path.join('.'),
    filter: visibleRows(schema, key, where, !allRows),
    withDeleted: allRows,
    orderBy: allRows ? orderBy.map((term) => ({ ...term, withDeleted: true })) : orderBy,
    limit,
    offset: nonNegativeInteger('offset', input.offset, table.name) ?? 0,
    scanBudget: nonNegativeInteger('scanBudget', input.scanBudget, table.name),
    search: parseSearch(table, input, orderBy.length > 0),
    paged: mode === 'paginate',
    columns,
    extras,
    with: withs,
    counts,
  };
}

/** `_count: { posts: true | { where } }`: `many` relations only; each parsed as a count of the target rows. */
function parseCounts(
  schema: SchemaContext,
  key: string,
  table: TableConfig,
  countConfig: unknown,
  path: readonly string[],
  withDeleted: boolean,
): ParsedWith[] {
  return relationEntries(table, '_count', countConfig, (name, value) => {
    const relation = schema.relation(key, name);
    if (relation?.kind !== 'many') {
      throw invalid(table, `"_count" names "${name}", which is not a many relation of "${key}".`);
    }
    if (
      value !== true &&
      (typeof value !== 'object' || value === null || Object.keys(value).some((k) => k !== 'where'))
    ) {
      throw invalid(table, `"_count.${name}" must be true or { where }.`);
    }
    resolveJunctionRule(schema, relation);
    const query = parseQuery(schema, relation.targetTable, value, 'count', [...path, `_count.${name}`], withDeleted);
    return { key: name, relation, query };
  });
}

function parseWith(
  schema: SchemaContext,
  key: string,
  table: TableConfig,
  withConfig: unknown,
  path: readonly string[],
  withDeleted: boolean,
): ParsedWith[] {
  return relationEntries(table, 'with', withConfig, (name, value) => {
    const relation = schema.relation(key, name);
    if (!relation) {
      throw new OrmError('UNKNOWN_RELATION', `Unknown relation "${key}" -> "${name}"`, {
        table: table.name,
        details: { relation: name },
      });
    }
    resolveJunctionRule(schema, relation);
    const mode = relation.kind === 'one' ? 'one' : 'manyRelation';
    return {
      key: name,
      relation,
      query: parseQuery(schema, relation.targetTable, value, mode, [...path, name], withDeleted),
    };
  });
}

/** The relations `option` (`with`, `_count`) names, each parsed by `parse`; `false` and `undefined` leave one out. */
function relationEntries(
  table: TableConfig,
  option: string,
  config: unknown,
  parse: (name: string, value: unknown) => ParsedWith,
): ParsedWith[] {
  if (config === undefined) return [];
  if (typeof config !== 'object' || config === null) throw invalid(table, `"${option}" must be an object.`);
  const parsed: ParsedWith[] = [];
  for (const [name, value] of Object.entries(config)) {
    if (value !== false && value !== undefined) parsed.push(parse(name, value));
  }
  return parsed;
}
