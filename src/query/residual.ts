import { evaluateFilter } from '../filter/evaluate.js';
import type { FilterNode, RelationFilterNode } from '../filter/tree.js';
import type { ExecutionContext } from './context.js';
import type { Doc } from './readIndex.js';

/** The relation (EXISTS) nodes of a filter, outside other relation nodes. */
function relationNodes(node: FilterNode, found: RelationFilterNode[] = []): RelationFilterNode[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) relationNodes(child, found);
      break;
    case 'not':
      relationNodes(node.child, found);
      break;
    case 'relation':
      found.push(node);
  }
  return found;
}

/**
 * Compiles a residual filter of `table` into a row test. Column conditions
 * are evaluated in memory; relation filters first read the related rows
 * (through the same context and budget), then the tree is evaluated with
 * SQL three-valued logic.
 */
export function residualTest(
  context: ExecutionContext,
  table: string,
  residual: FilterNode | null,
): (row: Doc) => boolean | Promise<boolean> {
  if (residual === null) return () => true;
  const relations = relationNodes(residual);
  if (relations.length === 0) return (row) => evaluateFilter(residual, row) === true;
  const resolve = context.resolveRelation;
  if (!resolve) throw new TypeError(`Relation filter on "${table}" without relations configured`);
  return async (row) => {
    const truths = new Map<RelationFilterNode, boolean | null>();
    for (const node of relations) truths.set(node, await resolve(table, node, row));
    return evaluateFilter(residual, row, (node) => truths.get(node) ?? null) === true;
  };
}
