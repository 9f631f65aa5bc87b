import { OrmError } from '../errors.js';
import type { AnyTable } from '../schema/table.js';
import { getTableConfig } from '../schema/table.js';
import {
  RelationDeclaration as Declaration,
  RelationColumn,
  type RelationDeclaration,
  type RelationInput,
} from './relation.js';

/** The builder's own keys: a table under one of them would replace `r.one` / `r.many`. */
export const RELATIONS_BUILDER_KEYS: ReadonlySet<string> = new Set(['one', 'many']);

/**
 * `r` in `defineRelations(tables, (r) => ...)`: columns per table, and `r.one.X` / `r.many.X`.
 * Throws `RELATION_CONFIG` for a table under the key `one` or `many`.
 */
export function relationsBuilder(tables: Readonly<Record<string, AnyTable>>): unknown {
  const one: Record<string, (input?: RelationInput) => RelationDeclaration> = {};
  const many: Record<string, (input?: RelationInput) => RelationDeclaration> = {};
  const builder: Record<string, unknown> = { one, many };
  for (const [key, table] of Object.entries(tables)) {
    const config = getTableConfig(table);
    if (RELATIONS_BUILDER_KEYS.has(key)) {
      throw new OrmError(
        'RELATION_CONFIG',
        `Table "${config.name}" is under the key "${key}", which defineRelations keeps for r.${key}.<table>(); export it under another key ({ ${key}Table: convexTable(${JSON.stringify(config.name)}, ...) } keeps its Convex table name).`,
        { table: config.name },
      );
    }
    const columns = { ...config.columns, ...config.systemColumns };
    builder[key] = Object.fromEntries(
      Object.entries(columns).map(([name, column]) => [name, new RelationColumn(key, column)]),
    );
    one[key] = (input = {}) => new Declaration('one', key, input);
    many[key] = (input = {}) => new Declaration('many', key, input);
  }
  return builder;
}
