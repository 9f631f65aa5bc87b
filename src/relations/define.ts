import { isOrmError, OrmError } from '../errors.js';
import { EmptyFilter } from '../filter/emptyFilter.js';
import { parseWhere } from '../filter/parseWhere.js';
import type { FilterNode } from '../filter/tree.js';
import { hasOwn } from '../hasOwn.js';
import { isPlainObject } from '../isPlainObject.js';
import { kindOf } from '../schema/conforms.js';
import { type AnyTable, getTableConfig, TableSymbol } from '../schema/table.js';
import { relationsBuilder } from './builder.js';
import { relationError } from './errors.js';
import { type DeclaredRelation, findReverse } from './inverse.js';
import type { AnyRelation, RelationDeclaration } from './relation.js';
import { schemaOf } from './relationsSchema.js';
import { RELATIONS_SCHEMA, type TableRelationalConfig } from './schema.js';
import { checkConfigKeys, type DirectColumns, declarationOf, validateDeclaration } from './validate.js';

type Declarations = Record<string, Record<string, RelationDeclaration>>;

/** The table entries of a schema object (other exports are ignored, as in Drizzle). */
function extractTables(schema: Readonly<Record<string, unknown>>): Record<string, AnyTable> {
  return Object.fromEntries(
    Object.entries(schema).filter(([, value]) => typeof value === 'object' && value !== null && TableSymbol in value),
  ) as Record<string, AnyTable>;
}

/** An argument of the wrong kind given to `defineRelations` (plain JavaScript, an `as` cast). */
const configError = (takes: string, given: unknown): OrmError =>
  new OrmError('RELATION_CONFIG', `${takes}; got ${kindOf(given)}.`);

/** Whether a relation's config gives no `where` of its own (none, or `EmptyFilter`): an inverse then inherits its reverse's. */
const givesNoWhere = (where: unknown): boolean => where === undefined || where === EmptyFilter;

/**
 * The predefined `where` of a relation, parsed on its target table (`null`
 * when it gives none). Its errors are `RELATION_CONFIG` naming the relation;
 * it takes the target's columns only, no relation filters (Drizzle v1).
 */
function parsePredefined(
  tables: Record<string, AnyTable>,
  declared: Declarations,
  { source, field, declaration }: DeclaredRelation,
): FilterNode | null {
  const { targetTable, input } = declaration;
  if (givesNoWhere(input.where)) return null;
  const table = getTableConfig(tables[targetTable]!);
  try {
    return parseWhere(input.where, {
      table,
      relation(key) {
        if (!hasOwn(declared[targetTable] ?? {}, key)) return undefined;
        throw new OrmError(
          'INVALID_FILTER',
          `"${key}" is a relation of table "${table.name}", and a predefined where takes columns only; filter by "${key}" in the queries instead.`,
          { table: table.name, details: { field: key } },
        );
      },
    });
  } catch (error) {
    if (!isOrmError(error)) throw error;
    throw relationError(source, field, declaration, `predefined where: ${error.message}`);
  }
}

/**
 * Validates and completes the declared relations of the tables in `keys`
 * (Drizzle v1 `processRelations`): relations with `from`/`to` first, then
 * the others from their reverse relation, inheriting its filter.
 */
function processRelations(
  tables: Record<string, AnyTable>,
  keys: readonly string[],
  declared: Declarations,
): Record<string, TableRelationalConfig> {
  const all: DeclaredRelation[] = [];
  const columns = new Map<DeclaredRelation, DirectColumns>();
  const byTable = new Map<string, DeclaredRelation[]>();
  for (const source of keys) {
    const list: DeclaredRelation[] = [];
    for (const [field, value] of Object.entries(declared[source] ?? {})) {
      const declaration = declarationOf(source, field, value);
      const direct = validateDeclaration(tables, source, field, declaration);
      const relation = { source, field, declaration, direct: direct !== undefined };
      if (direct) columns.set(relation, direct);
      list.push(relation);
    }
    byTable.set(source, list);
    all.push(...list);
  }
  const resolved = new Map<DeclaredRelation, AnyRelation>();
  const base = ({ source, field, declaration }: DeclaredRelation) => ({
    kind: declaration.kind,
    sourceTable: source,
    targetTable: declaration.targetTable,
    fieldName: field,
    alias: declaration.input.alias,
  });
  for (const relation of all.filter((r) => r.direct)) {
    const own = parsePredefined(tables, declared, relation);
    resolved.set(relation, { ...base(relation), ...columns.get(relation)!, where: own, whereAppliesTo: 'target' });
  }
  for (const relation of all.filter((r) => !r.direct)) {
    const reverse = findReverse(relation, byTable);
    const reverseColumns = columns.get(reverse)!;
    const { where } = relation.declaration.input;
    // Drizzle rc.5 inherits only into an inverse without a where of its own: `where: {}` keeps "no condition".
    const inherited = givesNoWhere(where) ? resolved.get(reverse)!.where : null;
    resolved.set(relation, {
      ...base(relation),
      sourceColumns: reverseColumns.targetColumns,
      targetColumns: reverseColumns.sourceColumns,
      through: reverseColumns.through && {
        table: reverseColumns.through.table,
        sourceColumns: reverseColumns.through.targetColumns,
        targetColumns: reverseColumns.through.sourceColumns,
      },
      where: inherited ?? parsePredefined(tables, declared, relation),
      whereAppliesTo: inherited === null ? 'target' : 'source',
    });
  }
  return Object.fromEntries(
    keys.map((key) => [
      key,
      {
        table: tables[key]!,
        name: key,
        tableName: getTableConfig(tables[key]!).name,
        relations: Object.fromEntries(
          (byTable.get(key) ?? []).map((relation) => [relation.field, resolved.get(relation)!]),
        ),
      },
    ]),
  );
}

/**
 * Builds a relations object over `schema`, keeping the schema under {@link RELATIONS_SCHEMA}.
 * Arguments of the wrong kind (plain JavaScript, an `as` cast) are `RELATION_CONFIG` naming
 * what `call` takes, not a TypeError.
 */
export function buildRelations(schema: unknown, config: unknown, partial: boolean): unknown {
  const call = partial ? 'defineRelationsPart' : 'defineRelations';
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw configError(`${call}(tables, config) takes the schema's tables as an object ({ users, posts })`, schema);
  }
  if (config !== undefined && typeof config !== 'function') {
    throw configError(
      `${call}(tables, config) takes a function of r returning each table's relations, or none`,
      config,
    );
  }
  const tables = extractTables(schema as Record<string, unknown>);
  // Before the relations: a table under two keys would otherwise surface as a reverse relation not found.
  const tablesSchema = schemaOf(tables);
  const declared: unknown = config ? config(relationsBuilder(tables)) : {};
  if (!isPlainObject(declared)) {
    throw configError(
      `The config function of ${call} must return an object of each table's relations ({ users: { posts: r.many.posts() } })`,
      declared,
    );
  }
  checkConfigKeys(tables, declared);
  const keys = partial && config ? Object.keys(declared) : Object.keys(tables);
  return { ...processRelations(tables, keys, declared as Declarations), [RELATIONS_SCHEMA]: tablesSchema };
}
