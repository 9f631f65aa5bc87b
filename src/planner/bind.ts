import type { Value } from 'convex/values';
import type { FilterNode } from '../filter/tree.js';
import { valueKey } from '../filter/valueKey.js';
import { insideEach } from './interval.js';
import type { Bound, EmptyPlan, IndexPlan, IndexRange, ParamEquality, Plan } from './types.js';

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

/**
 * The template's plan with `values[i]` wherever `params[i]` stands: ids, index ranges and residual
 * filter. An equality read through params beside known equalities or ranges on its field (its
 * `paramEqualities`) is intersected with them now, as planning the values would: when none of its bound
 * values is one they allow, the plan reads nothing (a relation's parent key, a join's row key or a
 * prepared query's value another user holds under a rule `{ owner: viewer }`, or outside a rule's
 * `{ path: { like: 'mal/%' } }`, reads none of their rows).
 */
export function bindPlan({ plan, params }: PlanTemplate, values: readonly Value[]): Plan {
  const bind = binder(params, values);
  if (!allowedBy(plan, bind)) return { kind: 'empty', table: plan.table };
  switch (plan.kind) {
    case 'empty':
      return plan;
    case 'get':
      return { ...known(plan), ids: plan.ids.map(bind), residual: bindFilter(plan.residual, bind) };
    case 'index':
      return {
        ...known(plan),
        ranges: plan.ranges.map((range) => bindRange(range, bind)),
        residual: bindFilter(plan.residual, bind),
      };
    case 'search':
      return {
        ...known(plan),
        filters: plan.filters.map(({ field, value }) => ({ field, value: bind(value) })),
        residual: bindFilter(plan.residual, bind),
      };
    case 'union':
      return {
        ...known(plan),
        // A branch whose bound values its own conditions rule out reads nothing.
        branches: plan.branches.map((branch) => bindPlan({ plan: branch, params }, values)).filter(isIndexPlan),
        residual: bindFilter(plan.residual, bind)!,
      };
  }
}

const isIndexPlan = (plan: Plan): plan is IndexPlan => plan.kind === 'index';

/**
 * True when the template's plan, bound to `values`, reads what its `paramEqualities` allow (as
 * {@link bindPlan} checks; always without them): a read that binds the values its own way (a
 * relation's stored id, read without binding the plan) reads nothing when this is false.
 */
export function bindsWithin({ plan, params }: PlanTemplate, values: readonly Value[]): boolean {
  return plan.kind === 'empty' || !plan.paramEqualities || allowedBy(plan, binder(params, values));
}

/** True when every one of the plan's `paramEqualities`, bound by `bind`, is allowed (see {@link allowsBound}). */
function allowedBy(plan: Plan, bind: (value: Value) => Value): boolean {
  const checks = plan.kind === 'empty' ? undefined : plan.paramEqualities;
  return !checks || checks.every((equality) => allowsBound(equality, bind));
}

/**
 * True when some value of `equality`, bound, is one the known equalities on its field allow and
 * inside its range conditions. Keys and placeholders are single equalities, so that is the value
 * read; of a list holding params (which no query makes), a value they do not allow would still be
 * read, and rejected by them.
 */
function allowsBound({ values, allowedKeys, within }: ParamEquality, bind: (value: Value) => Value): boolean {
  return values.some((value) => {
    const bound = bind(value);
    return (!allowedKeys || allowedKeys.has(valueKey(bound))) && (!within || insideEach(bound, within));
  });
}

/** The plan as its bound copy keeps it: without `paramEqualities`, whose values are known now (and were checked). */
function known<T extends Exclude<Plan, EmptyPlan>>(plan: T): Omit<T, 'paramEqualities'> {
  if (!plan.paramEqualities) return plan;
  const { paramEqualities: _checked, ...rest } = plan;
  return rest;
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
