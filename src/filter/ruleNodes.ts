import type { FilterNode } from './tree.js';

// The filter nodes that are a rule's, at any depth (`ruleFilter`'s results): a query's own conditions
// are made from its config, never these objects, so a stage that must tell the two apart asks here.
const ruleNodes = new WeakSet<FilterNode>();

/** Records `node` and every node under it as a rule's. */
export function markRuleNodes(node: FilterNode): void {
  if (ruleNodes.has(node)) return;
  ruleNodes.add(node);
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) markRuleNodes(child);
      break;
    case 'not':
      markRuleNodes(node.child);
      break;
    case 'relation':
      if (node.filter) markRuleNodes(node.filter);
  }
}

/** True when `node` is part of a rule (see {@link markRuleNodes}). */
export const isRuleNode = (node: FilterNode): boolean => ruleNodes.has(node);
