import { type FilterNode, relationNodes } from '../filter/tree.js';
import { undeployedTables } from '../schema/deployedSchemas.js';
import type { ParsedQuery } from './parseQuery.js';
import type { SchemaContext } from './schemaContext.js';
import { ruleFilter } from './visibleRows.js';

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

/**
 * The tables a relational query reads: its own, those its filter's relation filters read (the
 * rules' included: they are in the filter), and those of its `with` and `_count` relations, at
 * any depth, junctions included.
 */
export function* queryTables(schema: SchemaContext, query: ParsedQuery): Generator<string> {
  yield query.table.name;
  yield* filterTables(schema, query.tableKey, query.filter);
  for (const { relation, query: nested } of [...query.with, ...query.counts]) {
    if (relation.through) yield* junctionTables(schema, relation.through.table);
    yield* queryTables(schema, nested);
  }
}

/**
 * The tables the relation filters of `filter` (on table `key`) read, at any depth: each one's
 * target and junction (whose links pass the junction's read rule, and what its relation filters
 * read), by schema key into Convex names.
 */
export function* filterTables(schema: SchemaContext, key: string, filter: FilterNode | null): Generator<string> {
  for (const node of relationNodes(filter)) {
    const relation = schema.relation(key, node.relation)!;
    if (relation.through) yield* junctionTables(schema, relation.through.table);
    yield schema.table(relation.targetTable).name;
    yield* filterTables(schema, relation.targetTable, node.filter);
  }
}

/** A junction's table and those its read rule's relation filters read (applied to the links as they are read). */
function* junctionTables(schema: SchemaContext, key: string): Generator<string> {
  yield schema.table(key).name;
  yield* filterTables(schema, key, ruleFilter(schema, key, 'read'));
}
