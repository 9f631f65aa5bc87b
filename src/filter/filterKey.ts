import type { FilterNode } from './tree.js';
import { valueKey } from './valueKey.js';

const name = (text: string) => JSON.stringify(text);

/**
 * A string naming a filter tree exactly: two trees have the same key only
 * when they are the same tree, values compared as Convex compares them
 * ({@link valueKey}: bytes by content, `-0`, NaNs and int64s apart), where
 * `explain()`'s text shows a bytes value as `<bytes>`. A row test (a function
 * rule) is named by its label: its closure has no name.
 */
export function filterKey(node: FilterNode): string {
  // Trees are immutable and shared (a rule's, a query's per execution): each is named once.
  let key = keys.get(node);
  if (key === undefined) {
    key = keyOf(node);
    keys.set(node, key);
  }
  return key;
}

const keys = new WeakMap<FilterNode, string>();

function keyOf(node: FilterNode): string {
  switch (node.kind) {
    case 'compare':
      return `${node.op}(${name(node.field)},${valueKey(node.value)})`;
    case 'columns':
      return `${node.op}(${name(node.field)},col ${name(node.other)})`;
    case 'in':
      return `${node.negated ? 'notIn' : 'in'}(${name(node.field)},${node.values.map(valueKey).join(',')})`;
    case 'like':
      return `${node.negated ? 'not' : ''}${node.caseInsensitive ? 'ilike' : 'like'}(${name(node.field)},${name(node.pattern)})`;
    case 'isNull':
      return `${node.negated ? 'isNotNull' : 'isNull'}(${name(node.field)})`;
    case 'array':
      return `${node.op}(${name(node.field)},${node.values.map(valueKey).join(',')})`;
    case 'and':
    case 'or':
      return `${node.kind}(${node.children.map(filterKey).join(',')})`;
    case 'not':
      return `not(${filterKey(node.child)})`;
    case 'relation':
      return `exists(${name(node.relation)},${node.filter ? filterKey(node.filter) : ''}${node.deletedLinks ? ',deletedLinks' : ''})`;
    case 'const':
      return String(node.value);
    case 'test':
      return `test(${name(node.label)})`;
  }
}

/** True when `a` and `b` are the same filter tree ({@link filterKey}), no filter (`null`) only the same as none. */
export function sameFilter(a: FilterNode | null, b: FilterNode | null): boolean {
  if (a === b) return true;
  return a !== null && b !== null && filterKey(a) === filterKey(b);
}
