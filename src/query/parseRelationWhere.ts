import { OrmError } from '../errors.js';
import { parseWhere, type WhereContext } from '../filter/parseWhere.js';
import { type FilterNode, relationNode } from '../filter/tree.js';
import type { SchemaContext } from './schemaContext.js';

/**
 * Parses a where-object of table `key` including relation filters
 * (Drizzle v1 EXISTS semantics): `{ posts: true }` has a related row,
 * `{ posts: false }` has none, `{ posts: { title: 'x' } }` has one that
 * matches; an empty relation filter is no condition (rc.5), one no row can pass
 * is FALSE. Nests to any depth.
 * `placeholder` stands in for placeholders compared with this table's columns
 * (not inside relation filters); `values` are the placeholders' values, at any depth.
 */
export function parseRelationWhere(
  schema: SchemaContext,
  key: string,
  where: unknown,
  placeholder?: WhereContext['placeholder'],
  values?: WhereContext['values'],
): FilterNode | null {
  const table = schema.table(key);
  return parseWhere(where, {
    table,
    ...(placeholder ? { placeholder } : {}),
    ...(values ? { values } : {}),
    relation(name, value) {
      const relation = schema.relation(key, name);
      if (!relation) return undefined;
      if (value === true) return { kind: 'relation', relation: name, filter: null };
      if (value === false) return { kind: 'not', child: { kind: 'relation', relation: name, filter: null } };
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new OrmError(
          'INVALID_FILTER',
          `Relation filter "${name}" on "${table.name}" takes true, false or a filter object.`,
          { table: table.name },
        );
      }
      const filter = parseRelationWhere(schema, relation.targetTable, value, undefined, values);
      return filter === null ? null : relationNode(name, filter);
    },
  });
}
