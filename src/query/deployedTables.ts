import { undeployedTables } from '../schema/deployedSchemas.js';
import type { ParsedQuery } from './parseQuery.js';
import type { SchemaContext } from './schemaContext.js';

/**
 * Throws the `INVALID_SCHEMA` of the first of `tables` (Convex names) that is in the relations but
 * in no `defineSchema` of the app ({@link undeployedTables}), before a read fails with Convex's own
 * error. `tables` is called only when some table is: every query runs this, and a point lookup
 * pays one lookup for it.
 */
export function assertDeployed(schema: SchemaContext, tables: () => Iterable<string>): void {
  const undeployed = undeployedTables(schema.schema.registry);
  if (undeployed === null) return;
  for (const name of tables()) {
    const error = undeployed.get(name);
    if (error) throw error;
  }
}

/** The tables a relational query reads: its own, and those of its `with` and `_count` relations, junctions included. */
export function* queryTables(schema: SchemaContext, query: ParsedQuery): Generator<string> {
  yield query.table.name;
  for (const { relation, query: nested } of [...query.with, ...query.counts]) {
    if (relation.through) yield schema.table(relation.through.table).name;
    yield* queryTables(schema, nested);
  }
}
