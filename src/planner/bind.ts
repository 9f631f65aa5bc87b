import type { Value } from 'convex/values';
import type { FilterNode } from '../filter/tree.js';
import type { Bound, IndexRange, Plan } from './types.js';

/**
 * A plan made before some equality values are known (the parent's key
 * values of a relation read): `params` stand in for them until
 * {@link bindPlan}. Planned with them as `PlanInput.params`, the plan does
 * not depend on their values, only on their fields, so one template serves
 * every parent.
 */
export interface PlanTemplate {
  readonly plan: Plan;
  readonly params: readonly Value[];
}

/** `count` placeholders; each is a fresh object, so only itself (by identity) is ever replaced. */
export function planParams(count: number): Value[] {
  return Array.from({ length: count }, (_, param) => ({ param }));
}

/** The template's plan with `values[i]` wherever `params[i]` stands: ids, index ranges and residual filter. */
export function bindPlan({ plan, params }: PlanTemplate, values: readonly Value[]): Plan {
  const bind = binder(params, values);
  switch (plan.kind) {
    case 'empty':
      return plan;
    case 'get':
      return { ...plan, ids: plan.ids.map(bind), residual: bindFilter(plan.residual, bind) };
    case 'index':
      return {
        ...plan,
        ranges: plan.ranges.map((range) => bindRange(range, bind)),
        residual: bindFilter(plan.residual, bind),
      };
    case 'search':
      return {
        ...plan,
        filters: plan.filters.map(({ field, value }) => ({ field, value: bind(value) })),
        residual: bindFilter(plan.residual, bind),
      };
  }
}

/** Maps each of `params` to its value in `values`, any other value to itself. */
export function binder(params: readonly Value[], values: readonly Value[]): (value: Value) => Value {
  return (value) => {
    const i = params.indexOf(value);
    return i < 0 ? value : values[i]!;
  };
}

function bindRange(range: IndexRange, bind: (value: Value) => Value): IndexRange {
  const { interval } = range;
  const eq = range.eq.map(bind);
  if (!interval) return { eq };
  const [lower, upper] = [bindBound(interval.lower, bind), bindBound(interval.upper, bind)];
  return { eq, interval: { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) } };
}

function bindBound(end: Bound | undefined, bind: (value: Value) => Value): Bound | undefined {
  return end && { ...end, value: bind(end.value) };
}

/** The filter with params bound; untouched subtrees are kept as they are (their compiled LIKE patterns too). */
export function bindFilter(node: FilterNode | null, bind: (value: Value) => Value): FilterNode | null {
  if (node === null) return null;
  switch (node.kind) {
    case 'compare': {
      const value = bind(node.value);
      return value === node.value ? node : { ...node, value };
    }
    case 'and':
    case 'or': {
      const children = node.children.map((child) => bindFilter(child, bind)!);
      return children.every((child, i) => child === node.children[i]) ? node : { ...node, children };
    }
    case 'not': {
      const child = bindFilter(node.child, bind)!;
      return child === node.child ? node : { ...node, child };
    }
    default:
      return node;
  }
}
