import type { FilterNode } from './tree.js';

/** Whether a node can be TRUE, and whether it can be FALSE, for some row (never both no: it is then always UNKNOWN). */
interface Outcomes {
  readonly true: boolean;
  readonly false: boolean;
}

const EITHER: Outcomes = { true: true, false: true };
const UNKNOWN_ONLY: Outcomes = { true: false, false: false };

/**
 * What `node` can evaluate to, as evaluate.ts evaluates it, told
 * from the node alone: a comparison with null is always UNKNOWN, `x IN (1,
 * NULL)` never FALSE and `x NOT IN (1, NULL)` never TRUE; NOT swaps TRUE and
 * FALSE and keeps UNKNOWN (so `NOT (x = NULL)` is UNKNOWN too). Anything
 * else may be either, which only makes the answer less sure, never wrong.
 */
function outcomes(node: FilterNode): Outcomes {
  switch (node.kind) {
    case 'const':
      return { true: node.value, false: !node.value };
    case 'compare':
      return node.value === null ? UNKNOWN_ONLY : EITHER;
    case 'in': {
      if (!node.values.includes(null)) return EITHER;
      // A miss is UNKNOWN: only a listed value decides, and only when one is not null.
      const decides = node.values.some((value) => value !== null);
      return { true: decides && !node.negated, false: decides && node.negated };
    }
    case 'not': {
      const child = outcomes(node.child);
      return { true: child.false, false: child.true };
    }
    case 'and': {
      const children = node.children.map(outcomes);
      return { true: children.every((child) => child.true), false: children.some((child) => child.false) };
    }
    case 'or': {
      const children = node.children.map(outcomes);
      return { true: children.some((child) => child.true), false: children.every((child) => child.false) };
    }
    default:
      return EITHER;
  }
}

/**
 * True when no row can pass `node` (make it TRUE): `{ eq: null }` or any
 * comparison with null, `notIn` a list holding null, `in: []`, and NOT,
 * AND and OR of those as SQL's three-valued logic combines them. The
 * planner reads nothing for such a conjunct.
 */
export const neverTrue = (node: FilterNode): boolean => !outcomes(node).true;
