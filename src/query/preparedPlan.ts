import type { Value } from 'convex/values';
import { filterOperand } from '../filter/operand.js';
import { Placeholder } from '../filter/placeholder.js';
import { type ComparisonOp, conjunctsOf, type FilterNode, filterFields } from '../filter/tree.js';
import { binder, bindFilter, bindPlan, type PlanTemplate } from '../planner/bind.js';
import { comparisonInterval, type RangeOp } from '../planner/conditions.js';
import { holdsNoValue } from '../planner/interval.js';
import type { Interval, Plan } from '../planner/types.js';
import { hasOneZero } from '../schema/codec.js';
import type { AnyColumn } from '../schema/column.js';
import { columnOf } from '../schema/table.js';
import { planRoot } from './find.js';
import type { ParsedQuery } from './parseQuery.js';
import { parseRelationWhere } from './parseRelationWhere.js';
import type { SchemaContext } from './schemaContext.js';
import { visibleRows } from './visibleRows.js';
import { windowEnd } from './window.js';

/** One placeholder compared with a column of the root `where`, in the order the template's params stand for them. */
interface Slot {
  readonly name: string;
  readonly column: AnyColumn;
  readonly op: ComparisonOp;
  /** Written `{ column: placeholder }`: an object value there would be an operator map, not a value. */
  readonly shorthand: boolean;
}

/**
 * The root read of a prepared query, planned once with params for the
 * placeholders of its `where`; valid for every non-null value, since
 * planning depends on a comparison's field and operator, not its value.
 */
export interface RootTemplate {
  readonly plan: PlanTemplate;
  readonly filter: FilterNode | null;
  readonly slots: readonly Slot[];
  /** `offset + limit` the template was planned for (0 plans no read). */
  readonly wanted: number | undefined;
  /**
   * The interval of each field compared with a placeholder and bounded on both sides (`{ gte: from,
   * lt: to }`), params in its bounds: values that leave it empty read nothing, unlike the template.
   */
  readonly between: readonly Required<Interval>[];
}

/** Why the root read of a prepared query is planned per execution instead. */
export interface PerExecution {
  readonly reason: string;
}

const COMPARISONS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);
const LOWER: ReadonlySet<string> = new Set(['gt', 'gte']);
const UPPER: ReadonlySet<string> = new Set(['lt', 'lte']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !(value instanceof Placeholder);

/**
 * True when every placeholder of `where` is a top-level column's value or
 * comparison operand (`{ email: p }`, `{ age: { gt: p } }`), the only
 * places whose value cannot change the plan's shape. Anywhere else (`in`
 * lists, `like` patterns, `OR`/`NOT`, relation filters) it could.
 */
function placeholdersComparable(table: ParsedQuery['table'], where: unknown): boolean {
  if (!isObject(where)) return false;
  return Object.entries(where).every(([key, value]) => {
    if (!holdsPlaceholder(value)) return true;
    if (!columnOf(table, key)) return false;
    if (value instanceof Placeholder) return true;
    return (
      isObject(value) &&
      Object.entries(value).every(([op, operand]) => !holdsPlaceholder(operand) || COMPARISONS.has(op))
    );
  });
}

/**
 * The interval of each slot's field that has both a lower and an upper bound ({@link fieldsPlannable}
 * allows one of each), as the planner reads it: with the values bound, it may hold none.
 */
function betweenBounds(filter: FilterNode | null, slots: readonly Slot[]): (Required<Interval> & { field: string })[] {
  const conjuncts = conjunctsOf(filter);
  const fields = new Set(slots.map(({ column }) => column.name));
  return [...fields].flatMap((field) => {
    const lower = comparisonOn(conjuncts, field, LOWER)?.lower;
    const upper = comparisonOn(conjuncts, field, UPPER)?.upper;
    return lower && upper ? [{ field, lower, upper }] : [];
  });
}

/** `interval` with its bounds' params bound by `bind`. */
function boundInterval({ lower, upper }: Required<Interval>, bind: (value: Value) => Value): Required<Interval> {
  return { lower: { ...lower, value: bind(lower.value) }, upper: { ...upper, value: bind(upper.value) } };
}

/** The interval of the first comparison on `field` by one of `ops` among `conjuncts`, if any. */
function comparisonOn(conjuncts: readonly FilterNode[], field: string, ops: ReadonlySet<string>): Interval | undefined {
  const node = conjuncts.find((n) => n.kind === 'compare' && n.field === field && ops.has(n.op));
  return node?.kind === 'compare' ? comparisonInterval(node.op as RangeOp, node.value) : undefined;
}

function holdsPlaceholder(value: unknown): boolean {
  if (value instanceof Placeholder) return true;
  if (Array.isArray(value)) return value.some(holdsPlaceholder);
  return isObject(value) && Object.values(value).some(holdsPlaceholder);
}

/** An `OR` reading more than one field. */
const crossFieldOr = (node: FilterNode): boolean => node.kind === 'or' && filterFields(node).size > 1;

/**
 * The planner compares two conditions on one field (the tighter bound wins,
 * the first equality serves the index); with a param that comparison would
 * be made without the value. So a field compared with a placeholder may
 * have at most one lower and one upper bound, or a single eq / ne, and
 * nothing else on the field itself. An equality's param beside other
 * conditions reading its field (an OR of its values) is weighed when bound
 * (`ParamEquality`); a bound's or a `ne`'s is not: the planner would
 * intersect the OR's values or intervals with the stand-in, so such a
 * placeholder beside any other condition reading its field plans per execution.
 * So does an equality's beside an OR across fields one branch of which reads
 * its field: the value may rule that branch out, which decides whether the OR
 * is read as a union (src/planner/union.ts), and the stand-in cannot.
 */
function fieldsPlannable(filter: FilterNode | null, slots: readonly Slot[]): boolean {
  const conjuncts = conjunctsOf(filter);
  return slots.every(({ column, op }) => {
    const onField = conjuncts.filter((node) => 'field' in node && node.field === column.name);
    if (onField.some((node) => node.kind !== 'compare')) return false;
    const readers = conjuncts.filter((node) => !onField.includes(node) && filterFields(node).has(column.name));
    if (op !== 'eq' ? readers.length > 0 : readers.some(crossFieldOr)) return false;
    const ops = onField.map((node) => (node.kind === 'compare' ? node.op : ''));
    const bounds = ops.filter((o) => LOWER.has(o)).length <= 1 && ops.filter((o) => UPPER.has(o)).length <= 1;
    return ops.length === 1 || (bounds && ops.every((o) => LOWER.has(o) || UPPER.has(o)));
  });
}

/**
 * The root template of a prepared query (see {@link RootTemplate}), or why
 * there is none. `query` is the parsed template config with the window the
 * template plans for; `where` is the root's raw `where` when it holds
 * placeholders.
 */
export function rootTemplate(schema: SchemaContext, query: ParsedQuery, where: unknown): RootTemplate | PerExecution {
  const wanted = windowEnd({ offset: query.offset, ...(query.limit === undefined ? {} : { limit: query.limit }) });
  if (where === undefined)
    return { plan: { plan: planRoot(query), params: [] }, filter: query.filter, slots: [], wanted, between: [] };
  if (!placeholdersComparable(query.table, where)) {
    return { reason: 'a placeholder in "in", "like", OR/AND/NOT or a relation filter can change the plan' };
  }
  const shorthands = new Set(Object.values(where as Record<string, unknown>));
  const slots: Slot[] = [];
  const params: Value[] = [];
  const parsed = parseRelationWhere(schema, query.tableKey, where, (column, op, placeholder) => {
    slots.push({ name: placeholder.name, column, op, shorthand: shorthands.has(placeholder) });
    const param = { param: params.length };
    params.push(param);
    return param;
  });
  const filter = visibleRows(schema, query.tableKey, parsed, !query.withDeleted);
  if (!fieldsPlannable(filter, slots)) {
    return { reason: 'a field compared with a placeholder has other conditions the planner weighs by value' };
  }
  const between = betweenBounds(filter, slots);
  // Bounds that allow one value filter a search by that value (planSearch): which they are, values say.
  if (query.search && between.some(({ field }) => query.search!.index.filterFields.includes(field))) {
    return { reason: 'a search filter field between placeholders filters the search when they allow one value' };
  }
  return { plan: { plan: planRoot({ ...query, filter }, params), params }, filter, slots, wanted, between };
}

/**
 * The template's plan and filter for `values` and the execution's window,
 * the values checked as an unprepared query checks them; undefined when a
 * value would shape the plan (a comparison with null, or a window of 0
 * rows, plans no read), so this execution plans itself. Values that leave
 * no value between a field's bounds (`{ gte: 380, lt: 153 }`) bind to a
 * read of nothing, as planning them would.
 */
export function bindRoot(
  template: RootTemplate,
  values: Readonly<Record<string, unknown>>,
  wanted: number | undefined,
): { plan: Plan; filter: FilterNode | null } | undefined {
  if ((wanted === 0) !== (template.wanted === 0)) return undefined;
  const encoded: Value[] = [];
  for (const slot of template.slots) {
    const value = values[slot.name];
    if (value === null || (slot.shorthand && typeof value === 'object' && !(value instanceof ArrayBuffer))) {
      return undefined;
    }
    const operand = filterOperand(slot.column, slot.op, value);
    // An integer zero compares as both stored zeros: another shape than the template's (`comparisonNode`).
    if (operand === null || (operand === 0 && hasOneZero(slot.column.definition))) return undefined;
    encoded.push(operand);
  }
  const bind = binder(template.plan.params, encoded);
  const filter = bindFilter(template.filter, bind);
  // Bounds no value lies between: planned with these values, the read is of nothing.
  if (template.between.some((interval) => holdsNoValue(boundInterval(interval, bind)))) {
    return { plan: { kind: 'empty', table: template.plan.plan.table }, filter };
  }
  return { plan: bindPlan(template.plan, encoded), filter };
}
