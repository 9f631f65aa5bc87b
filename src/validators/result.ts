import { type GenericValidator, v } from 'convex/values';
import { OrmError } from '../errors.js';
import { isPlainObject } from '../isPlainObject.js';
import { type ParsedQuery, parseQuery } from '../query/parseQuery.js';
import { splitConfig } from '../query/placeholders.js';
import { SchemaContext } from '../query/schemaContext.js';
import type { KnownKeysOnly, ManyRelationConfig, QueryConfig } from '../query/types/config.js';
import type { BuildQueryResult } from '../query/types/result.js';
import type { RelationTarget } from '../query/types/where.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../relations/schema.js';
import { describe } from '../schema/conforms.js';
import { FIELD_IDENTIFIER_RULE, isFieldIdentifier } from '../schema/names.js';
import { columnValidator } from './fields.js';
import type { ObjectValidator } from './table.js';

/**
 * The part of a query config that decides the shape of its rows: `columns`, `with` (nested configs
 * in full but `extras`, which have no validator at any depth) and `_count`.
 */
export type ResultShape<TSchema extends TablesRelationalConfig, TKey extends keyof TSchema> = Pick<
  QueryConfig<TSchema, TSchema[TKey]>,
  'columns' | '_count'
> & { with?: ShapeWith<TSchema, TSchema[TKey]> };

/** A `with` of a {@link ResultShape}: per relation `true`, `false` or its nested config without `extras`. */
type ShapeWith<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig> = {
  [R in keyof TConfig['relations']]?:
    | boolean
    | (Omit<
        TConfig['relations'][R]['kind'] extends 'many'
          ? ManyRelationConfig<TSchema, RelationTarget<TSchema, TConfig, R>>
          : QueryConfig<TSchema, RelationTarget<TSchema, TConfig, R>>,
        'extras' | 'with'
      > & { with?: ShapeWith<TSchema, RelationTarget<TSchema, TConfig, R>> });
};

/** The keys of a {@link ResultShape} at its root. */
const SHAPE_KEYS: ReadonlySet<string> = new Set(['columns', 'with', '_count']);

/** A relation's name becomes a field of the validator: Convex refuses a function whose `returns` has one not an identifier. */
function checkFieldName(query: ParsedQuery, relation: string): void {
  if (isFieldIdentifier(relation)) return;
  throw new OrmError(
    'INVALID_QUERY',
    `Relation "${relation}" of "${query.path || query.tableKey}" cannot be a field of a validator: ${FIELD_IDENTIFIER_RULE}, and Convex refuses a function whose \`returns\` has another at deploy. Rename the relation in defineRelations.`,
    { table: query.table.name, details: { relation } },
  );
}

function shapeValidator(query: ParsedQuery): GenericValidator {
  const { table } = query;
  if (query.extras.length > 0) {
    throw new OrmError(
      'INVALID_QUERY',
      `"extras" of "${query.path || query.tableKey}" have no validator: their values are whatever the functions return. Validate them in the function or leave them out of the shape.`,
      { table: table.name },
    );
  }
  const columns = { ...table.systemColumns, ...table.columns };
  const fields: Record<string, GenericValidator> = {};
  for (const key of query.columns ?? Object.keys(columns)) {
    fields[key] = columnValidator(columns[key as keyof typeof columns]!, 'select');
  }
  for (const { key, relation, query: nested } of query.with) {
    checkFieldName(query, key);
    const row = shapeValidator(nested);
    // A `one` target may be missing (or filtered out) whatever the relation's `optional` says.
    fields[key] = relation.kind === 'many' ? v.array(row) : v.union(v.null(), row);
  }
  // `_count` in a nested config (its type allows it there): one number per counted relation.
  if (query.counts.length > 0) {
    for (const { key } of query.counts) checkFieldName(query, key);
    fields._count = v.object(Object.fromEntries(query.counts.map(({ key }) => [key, v.float64()])));
  }
  return v.object(fields);
}

/**
 * The validator of the rows a relational query returns with this `columns`
 * / `with` shape, for Convex function `returns`. `Infer` is the query's
 * result row type. `extras` have no validator (they throw `INVALID_QUERY`).
 *
 * @example
 * const userWithPosts = resultValidator(relations, 'users', { columns: { name: true }, with: { posts: true } });
 * export const get = query({
 *   args: { id: v.id('users') },
 *   returns: v.union(v.null(), userWithPosts),
 *   handler: async (ctx, { id }) =>
 *     (await orm.db(ctx).query.users.findFirst({ where: { _id: id }, columns: { name: true }, with: { posts: true } })) ?? null,
 * });
 */
export function resultValidator<
  TSchema extends TablesRelationalConfig,
  TKey extends keyof TSchema & string,
  const TShape extends ResultShape<TSchema, TKey> = {},
>(
  relations: TSchema,
  table: TKey,
  shape?: TShape & KnownKeysOnly<TShape, ResultShape<TSchema, TKey>>,
): ObjectValidator<BuildQueryResult<TSchema, TSchema[TKey], TShape>> {
  const schema = new SchemaContext(relations);
  const given: unknown = shape ?? {};
  if (!isPlainObject(given)) {
    const { name } = schema.table(table);
    throw new OrmError(
      'INVALID_QUERY',
      `The resultValidator shape of "${name}" must be an object of columns, with and _count, e.g. { columns: { name: true } }; got ${describe(given)}.`,
      { table: name },
    );
  }
  const other = Object.keys(given).find((key) => !SHAPE_KEYS.has(key));
  if (other !== undefined) {
    const { name } = schema.table(table);
    throw new OrmError(
      'INVALID_QUERY',
      `The resultValidator shape of "${name}" takes columns, with and _count, what shapes a row; "${other}" is no part of it: leave it out.`,
      { table: name },
    );
  }
  // Placeholders (a prepared query's shape) choose rows, not their shape: parsed as the template a prepared query plans.
  return shapeValidator(parseQuery(schema, table, splitConfig(given).template, 'one')) as never;
}
