import { evaluateFilter, type Truth } from '../filter/evaluate.js';
import { type FilterNode, type RelationFilterNode, relationNodes } from '../filter/tree.js';
import type { ExecutionContext } from './context.js';
import type { Doc } from './readIndex.js';

/**
 * Compiles a residual filter of `table` into a row test. Column conditions
 * are evaluated in memory with SQL three-valued logic. Relation filters read
 * related rows (through the same context and budget), so they are resolved
 * one at a time and only while the answer is still open: Kleene logic is
 * monotone, so a TRUE or FALSE reached with some relations still UNKNOWN
 * stays the answer whatever they turn out to be.
 */
export function residualTest(
  context: ExecutionContext,
  table: string,
  residual: FilterNode | null,
): (row: Doc) => boolean | Promise<boolean> {
  if (residual === null) return () => true;
  const relations = relationNodes(residual);
  if (relations.length === 0) return (row) => evaluateFilter(residual, row) === true;
  return async (row) => {
    const truths = new Map<RelationFilterNode, Truth>();
    const evaluate = () => evaluateFilter(residual, row, (node) => truths.get(node) ?? null);
    let truth = evaluate();
    for (const node of relations) {
      if (truth !== null) break;
      truths.set(node, await context.resolveRelation(table, node, row));
      truth = evaluate();
    }
    return truth === true;
  };
}
