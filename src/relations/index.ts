import { buildRelations } from './define.js';
import type { ExtractTables, Relations, RelationsBuilder, RelationsConfig, RelationsPart } from './types.js';

/**
 * Declares the relations of a schema (Drizzle v1): `defineRelations(tables,
 * (r) => ({ users: { posts: r.many.posts() }, posts: { author: r.one.users({
 * from: r.posts.authorId, to: r.users._id }) } }))`. Every table of
 * `tables` gets an entry; relations without `from`/`to` are completed from
 * their reverse. Invalid configs throw `RELATION_CONFIG` with Drizzle's texts.
 */
export function defineRelations<
  TSchema extends Record<string, unknown>,
  const TConfig extends RelationsConfig<ExtractTables<TSchema>> = {},
>(
  schema: TSchema,
  config?: (r: RelationsBuilder<ExtractTables<TSchema>>) => TConfig,
): Relations<ExtractTables<TSchema>, TConfig> {
  return buildRelations(schema, config as never, false) as never;
}

/**
 * Declares part of the relations (only the tables its config names; all
 * tables with no relations without a config). Merge parts with a spread:
 * `createOrm({ relations: { ...relations, ...part } })`.
 */
export function defineRelationsPart<
  TSchema extends Record<string, unknown>,
  const TConfig extends RelationsConfig<ExtractTables<TSchema>> = { [K in keyof ExtractTables<TSchema>]: {} },
>(
  schema: TSchema,
  config?: (r: RelationsBuilder<ExtractTables<TSchema>>) => TConfig,
): RelationsPart<ExtractTables<TSchema>, TConfig> {
  return buildRelations(schema, config as never, true) as never;
}

export { type AnyRelation, type Relation, RelationColumn, RelationDeclaration } from './relation.js';
export {
  RELATIONS_SCHEMA,
  type RelationsSchema,
  type TableRelationalConfig,
  type TablesRelationalConfig,
} from './schema.js';
export type {
  ExtractTables,
  ManyConfig,
  OneConfig,
  Relations,
  RelationsBuilder,
  RelationsPart,
  TableRelations,
} from './types.js';
