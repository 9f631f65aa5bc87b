import { evaluateFilter } from '../filter/evaluate.js';
import type { FilterNode, RelationFilterNode } from '../filter/tree.js';
import type { ExecutionContext } from './context.js';
import type { Doc } from './readIndex.js';

/**
 * The relation (EXISTS) nodes of a filter, outermost first, each with
 * whether it sits under an even number of NOTs (then a related row helps
 * the row pass; under an odd number it hurts).
 */
function relationPolarities(
  node: FilterNode,
  positive = true,
  found = new Map<RelationFilterNode, boolean>(),
): Map<RelationFilterNode, boolean> {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) relationPolarities(child, positive, found);
      break;
    case 'not':
      relationPolarities(node.child, !positive, found);
      break;
    case 'relation':
      found.set(node, positive);
  }
  return found;
}

/**
 * Compiles a residual filter of `table` into a row test. Column conditions
 * are evaluated in memory with SQL three-valued logic. Relation filters read
 * related rows (through the same context and budget), so they are resolved
 * one at a time and only while the answer is open. Kleene AND/OR are
 * monotone and NOT reverses, so evaluating with every open relation set
 * against the row gives a lower bound and set for it an upper bound: the
 * row passes once the lower bound is TRUE and fails once the upper bound is
 * not (`{ age: { gt: 30 }, posts: true }` reads no posts when age is null).
 */
export function residualTest(
  context: ExecutionContext,
  table: string,
  residual: FilterNode | null,
): (row: Doc) => boolean | Promise<boolean> {
  if (residual === null) return () => true;
  const polarities = relationPolarities(residual);
  if (polarities.size === 0) return (row) => evaluateFilter(residual, row) === true;
  const relations: RelationResidual = { context, table, residual, polarities, nodes: [...polarities.keys()] };
  return (row) => decide(relations, row, new Map(), 0);
}

/** A residual filter with relation filters, and what resolving them needs. */
interface RelationResidual {
  readonly context: ExecutionContext;
  readonly table: string;
  readonly residual: FilterNode;
  readonly polarities: ReadonlyMap<RelationFilterNode, boolean>;
  readonly nodes: readonly RelationFilterNode[];
}

/**
 * Whether `row` passes, resolving relation `next` and those after it while
 * the bounds leave the answer open (`known`: the ones resolved so far). A
 * chain of `.then`s, not an async function: this runs once per row read.
 */
function decide(
  relations: RelationResidual,
  row: Doc,
  known: Map<RelationFilterNode, boolean>,
  next: number,
): boolean | Promise<boolean> {
  if (passesWith(relations, row, known, false)) return true;
  if (!passesWith(relations, row, known, true)) return false;
  if (next === relations.nodes.length) return true;
  const node = relations.nodes[next]!;
  return relations.context.resolveRelation(relations.table, node, row).then((exists) => {
    known.set(node, exists);
    return decide(relations, row, known, next + 1);
  });
}

/** The row's bound with every open relation set to help it (`hopeful`: the upper bound) or not (the lower one). */
function passesWith(
  relations: RelationResidual,
  row: Doc,
  known: ReadonlyMap<RelationFilterNode, boolean>,
  hopeful: boolean,
): boolean {
  const { residual, polarities } = relations;
  return evaluateFilter(residual, row, (node) => known.get(node) ?? polarities.get(node) === hopeful) === true;
}
