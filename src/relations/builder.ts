import type { AnyTable } from '../schema/table.js';
import { getTableConfig } from '../schema/table.js';
import {
  RelationDeclaration as Declaration,
  RelationColumn,
  type RelationDeclaration,
  type RelationInput,
} from './relation.js';

/** `r` in `defineRelations(tables, (r) => ...)`: columns per table, and `r.one.X` / `r.many.X`. */
export function relationsBuilder(tables: Readonly<Record<string, AnyTable>>): unknown {
  const one: Record<string, (input?: RelationInput) => RelationDeclaration> = {};
  const many: Record<string, (input?: RelationInput) => RelationDeclaration> = {};
  const builder: Record<string, unknown> = { one, many };
  for (const [key, table] of Object.entries(tables)) {
    const config = getTableConfig(table);
    const columns = { ...config.columns, ...config.systemColumns };
    builder[key] = Object.fromEntries(
      Object.entries(columns).map(([name, column]) => [name, new RelationColumn(key, column)]),
    );
    one[key] = (input = {}) => new Declaration('one', key, input);
    many[key] = (input = {}) => new Declaration('many', key, input);
  }
  return builder;
}
