import { OrmError } from '../errors.js';
import { EmptyFilter } from '../filter/emptyFilter.js';
import { collectPlaceholders, Placeholder } from '../filter/placeholder.js';
import { hasOwn } from '../hasOwn.js';
import { isPlainObject } from '../isPlainObject.js';
import { nonNegativeInteger, type ParsedQuery, type ParsedWith } from './parseQuery.js';
import { parseRelationWhere } from './parseRelationWhere.js';
import type { SchemaContext } from './schemaContext.js';
import { visibleRows } from './visibleRows.js';

/** The parts of one query level that hold placeholders, kept raw until the values are known. */
interface DeferredLevel {
  readonly where?: unknown;
  readonly limit?: unknown;
  readonly offset?: unknown;
}

/**
 * A query config split for preparing: `template` is the config with every
 * placeholder-holding `where` replaced by `EmptyFilter` and every
 * placeholder `limit`/`offset` by 0, so it parses once; `deferred` holds
 * those parts by relation path (`''` for the root, `posts.comments` below).
 */
export interface SplitConfig {
  readonly template: unknown;
  readonly deferred: ReadonlyMap<string, DeferredLevel>;
  /** Every placeholder name the config uses. */
  readonly names: ReadonlySet<string>;
}

/**
 * Splits a query config (see {@link SplitConfig}), down `with` and `_count`;
 * a placeholder outside `where`/`limit`/`offset` throws `INVALID_QUERY`.
 */
export function splitConfig(config: unknown): SplitConfig {
  const deferred = new Map<string, DeferredLevel>();
  const names = new Set<string>();
  const split = (level: unknown, path: readonly string[]): unknown => {
    if (!isPlainObject(level)) return level;
    const template: Record<string, unknown> = {};
    const held: Record<string, unknown> = {};
    for (const [option, value] of Object.entries(level)) {
      if (option === 'with' && isPlainObject(value)) {
        template.with = Object.fromEntries(
          Object.entries(value).map(([relation, nested]) => [relation, split(nested, [...path, relation])]),
        );
      } else if (option === '_count' && isPlainObject(value)) {
        // A count's `{ where }` is a level of its own (path `_count.<relation>`, as the parser names it).
        template._count = Object.fromEntries(
          Object.entries(value).map(([relation, nested]) => [relation, split(nested, [...path, `_count.${relation}`])]),
        );
      } else if (!collectPlaceholders(value, names)) {
        template[option] = value;
      } else if (option === 'where') {
        held.where = value;
        template.where = EmptyFilter;
      } else if ((option === 'limit' || option === 'offset') && value instanceof Placeholder) {
        held[option] = value;
        template[option] = 0;
      } else {
        const at = path.length ? ` of relation "${path.join('.')}"` : '';
        throw new OrmError(
          'INVALID_QUERY',
          `Placeholders are allowed in "where", "limit" and "offset"; found one in "${option}"${at}.`,
        );
      }
    }
    if (Object.keys(held).length > 0) deferred.set(path.join('.'), held);
    return template;
  };
  return { template: split(config, []), deferred, names };
}

/** A `limit` / `offset` placeholder's value. */
const boundValue = (placeholder: unknown, values: Readonly<Record<string, unknown>>): unknown =>
  placeholder instanceof Placeholder ? values[placeholder.name] : placeholder;

/**
 * Throws `INVALID_QUERY` unless `values` is a plain object (or undefined: no values) giving every
 * placeholder of the query and nothing else.
 */
export function checkPlaceholderValues(names: ReadonlySet<string>, values: unknown, query: string): void {
  if (values !== undefined && !isPlainObject(values)) {
    const got =
      values === null
        ? 'null'
        : Array.isArray(values)
          ? 'an array'
          : `a ${typeof values === 'object' ? 'class instance' : typeof values}`;
    throw new OrmError(
      'INVALID_QUERY',
      `The values of prepared query ${query} are an object of placeholder values ({ name: value }); got ${got}.`,
    );
  }
  const given = values ?? {};
  for (const name of names) {
    if (!hasOwn(given, name) || given[name] === undefined) {
      throw new OrmError('INVALID_QUERY', `Missing value for placeholder "${name}" of prepared query ${query}.`);
    }
  }
  for (const name of Object.keys(given)) {
    if (!names.has(name)) {
      throw new OrmError('INVALID_QUERY', `Prepared query ${query} has no placeholder "${name}".`);
    }
  }
}

/**
 * The parsed template with the deferred parts parsed for `values`: the
 * `where` of a level through the same parser as unprepared queries, `limit`
 * and `offset` through the same checks. Levels without placeholders are
 * shared, not copied.
 */
export function bindQuery(
  schema: SchemaContext,
  query: ParsedQuery,
  deferred: ReadonlyMap<string, DeferredLevel>,
  values: Readonly<Record<string, unknown>>,
): ParsedQuery {
  const withs = bindEntries(schema, query.with, deferred, values);
  const counts = bindEntries(schema, query.counts, deferred, values);
  const level = deferred.get(query.path);
  if (!level && withs === query.with && counts === query.counts) return query;
  const table = query.table.name;
  return {
    ...query,
    with: withs,
    counts,
    ...(level && 'where' in level
      ? {
          filter: visibleRows(
            schema,
            query.tableKey,
            // The placeholders' values stand where they do, as operands (never read as filter syntax).
            parseRelationWhere(schema, query.tableKey, level.where, undefined, values),
            !query.withDeleted,
          ),
        }
      : {}),
    ...(level && 'limit' in level
      ? { limit: nonNegativeInteger('limit', boundValue(level.limit, values), table) }
      : {}),
    ...(level && 'offset' in level
      ? { offset: nonNegativeInteger('offset', boundValue(level.offset, values), table) ?? 0 }
      : {}),
  };
}

/** `entries` (a level's `with` or `_count`) bound for `values`: the same array when no entry changed. */
function bindEntries(
  schema: SchemaContext,
  entries: readonly ParsedWith[],
  deferred: ReadonlyMap<string, DeferredLevel>,
  values: Readonly<Record<string, unknown>>,
): readonly ParsedWith[] {
  let bound: ParsedWith[] | undefined;
  entries.forEach((entry, i) => {
    const query = bindQuery(schema, entry.query, deferred, values);
    if (query === entry.query) return;
    bound ??= [...entries];
    bound[i] = { ...entry, query };
  });
  return bound ?? entries;
}
