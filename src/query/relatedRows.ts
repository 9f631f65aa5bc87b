import type { Value } from 'convex/values';
import { matchesFilter } from '../filter/evaluate.js';
import { andNodes, type FilterNode } from '../filter/tree.js';
import { storedField } from '../ownField.js';
import { binder, bindFilter, bindPlan, bindsWithin, type PlanTemplate, planParams } from '../planner/bind.js';
import { planQuery } from '../planner/plan.js';
import type { GetPlan, Plan } from '../planner/types.js';
import type { AnyRelation, Through } from '../relations/relation.js';
import { columnOf } from '../schema/table.js';
import { countMatching } from './aggregateGroups.js';
import type { QueryExecution } from './execution.js';
import { sortByTerms } from './orderTerms.js';
import { type Doc, indexComparator } from './readIndex.js';
import type { SchemaContext } from './schemaContext.js';
import { ANY_ROW, cached, type RelatedSelection } from './selection.js';
import { planOrdered, runOrdered } from './selectOrdered.js';
import { matchingRows, selectRows, selectStoredId } from './selectRows.js';
import { keyOf } from './spanGroups.js';
import { ruleFilter, visibleRows } from './visibleRows.js';
import { type Window, windowEnd, windowRows } from './window.js';

const equalities = (fields: readonly string[], values: readonly Value[]): FilterNode[] =>
  fields.map((field, i) => ({ kind: 'compare', field, op: 'eq', value: values[i]! }));

/** The values of `fields` in `row`, or undefined when one is null or absent (a SQL join never matches null). */
export function keyValues(row: Doc, fields: readonly string[]): Value[] | undefined {
  const values = fields.map((field) => storedField(row, field) as Value | undefined);
  return values.some((value) => value === undefined || value === null) ? undefined : (values as Value[]);
}

/** The distinct target keys `links` (a through relation's junction rows) name, by {@link keyOf}; null keys name none. */
export function linkedKeys(relation: AnyRelation, links: Iterable<Doc>): Map<string, Value[]> {
  const named = new Map<string, Value[]>();
  for (const link of links) {
    const values = keyValues(link, relation.through!.targetColumns);
    if (values) named.set(keyOf(values), values);
  }
  return named;
}

/** The filter of a relation's target rows for the parent key `values`: the join, the predefined filter on the target, the nested filter. */
export function targetFilter(
  relation: AnyRelation,
  values: readonly Value[],
  selection: RelatedSelection,
): FilterNode | null {
  return joinedFilter(relation, equalities(relation.targetColumns, values), selection);
}

/** `join` (the target-side key condition) with the predefined filter on the target and the nested filter. */
export function joinedFilter(
  relation: AnyRelation,
  join: readonly FilterNode[],
  selection: RelatedSelection,
): FilterNode | null {
  const predefined = relation.whereAppliesTo === 'target' ? relation.where : null;
  return andNodes([...join, predefined, selection.filter]);
}

const WHOLE: Window = {};

/** How many targets one read takes: the nested window, except through a junction, which windows after merging. */
export function targetWindow(relation: AnyRelation, selection: RelatedSelection): Window {
  return relation.through ? WHOLE : selection;
}

/**
 * The plan of a relation's target rows, `keys` standing for the parent's key
 * values (what `explain()` shows with `?`): read by an index that pins the
 * target columns when the table has one (DESIGN.md sections 6 and 14).
 */
export function targetPlan(
  schema: SchemaContext,
  relation: AnyRelation,
  selection: RelatedSelection,
  keys: readonly Value[],
): Plan {
  const table = schema.table(relation.targetTable);
  const filter = targetFilter(relation, keys, selection);
  return planOrdered(
    table,
    filter,
    selection.orderBy,
    targetWindow(relation, selection),
    false,
    relation.targetColumns,
    keys,
  );
}

/**
 * The plan of a through relation's junction rows, `keys` standing for the
 * parent's key values: the rows the caller may see (the junction's `read`
 * rule, and not soft-deleted unless the query said `withDeleted`). A hidden
 * or deleted link hides the target it names, from loads, relation filters,
 * `_count` and relation order alike.
 */
export function junctionPlan(
  schema: SchemaContext,
  through: Through,
  keys: readonly Value[],
  withDeleted: boolean,
): Plan {
  const filter = visibleLinks(schema, through, equalities(through.sourceColumns, keys), withDeleted);
  return planQuery({ table: schema.table(through.table), filter, pinned: through.sourceColumns, params: keys });
}

/** `join` (conditions on a junction's rows) limited to the links the caller may see (see {@link junctionPlan}). */
export function visibleLinks(
  schema: SchemaContext,
  through: Through,
  join: readonly FilterNode[],
  withDeleted: boolean,
): FilterNode | null {
  return visibleRows(schema, through.table, andNodes(join), !withDeleted);
}

/**
 * A relation's target plan with placeholders for the parent's key values.
 * `storedId`: the plan reads the one id the key holds, from a column of ids
 * of the target table, so the id needs no `normalizeId` ({@link selectStoredId}).
 */
interface TargetTemplate extends PlanTemplate {
  readonly storedId: boolean;
}

// Relation reads are planned once per relation and nested query (and junction), with placeholders
// for the parent's key values, then bound per parent: the plan does not depend on those values.
const targetTemplates = new WeakMap<RelatedSelection, WeakMap<AnyRelation, TargetTemplate>>();
// Junction reads: per `withDeleted`, then per junction read rule (a function rule's filter is its
// caller's; NO_RULE without one), then per relation.
const junctionTemplates = [
  new WeakMap<object, WeakMap<AnyRelation, PlanTemplate>>(),
  new WeakMap<object, WeakMap<AnyRelation, PlanTemplate>>(),
] as const;
const NO_RULE = {};

function targetTemplate(execution: QueryExecution, relation: AnyRelation, selection: RelatedSelection): TargetTemplate {
  const byRelation = cached(targetTemplates, selection, () => new WeakMap<AnyRelation, TargetTemplate>());
  return cached(byRelation, relation, () => {
    const params = planParams(relation.targetColumns.length);
    const plan = targetPlan(execution.schema, relation, selection, params);
    const storedId =
      plan.kind === 'get' &&
      plan.ids.length === 1 &&
      plan.ids[0] === params[0] &&
      bindFilter(plan.residual, binder(params, [null])) === plan.residual &&
      keyHoldsIds(execution.schema, relation);
    return { plan, params, storedId };
  });
}

/**
 * True when the parent key of a relation read by `_id` is a column of ids
 * of the target table (`_id` itself, or `id(target)`): the column the
 * junction names the target by, or the relation's own source column.
 */
function keyHoldsIds(schema: SchemaContext, relation: AnyRelation): boolean {
  const [table, columns] = relation.through
    ? [relation.through.table, relation.through.targetColumns]
    : [relation.sourceTable, relation.sourceColumns];
  const column = columnOf(schema.table(table), columns[0]!);
  return columns.length === 1 && column?.definition.idTable === schema.table(relation.targetTable).name;
}

function junctionTemplate(execution: QueryExecution, relation: AnyRelation, through: Through): PlanTemplate {
  const { schema, withDeleted } = execution;
  const rule = ruleFilter(schema, through.table, 'read') ?? NO_RULE;
  const templates = cached(
    junctionTemplates[withDeleted ? 1 : 0],
    rule,
    () => new WeakMap<AnyRelation, PlanTemplate>(),
  );
  return cached(templates, relation, () => {
    const params = planParams(through.sourceColumns.length);
    return { plan: junctionPlan(schema, through, params, withDeleted), params };
  });
}

/**
 * The target rows of a parent whose key is `values`, or through a junction
 * of a link naming the target key `values`: one read of the planned template
 * (a `db.get` without `normalizeId` when the key is a stored id).
 */
export function targetRows(
  execution: QueryExecution,
  relation: AnyRelation,
  values: readonly Value[],
  selection: RelatedSelection,
): Promise<Doc[]> {
  const template = targetTemplate(execution, relation, selection);
  const window = targetWindow(relation, selection);
  if (template.storedId) {
    // The stored id is read without binding the plan, so the plan's `paramEqualities` (a rule's
    // `_id` equalities beside the key) are checked here, as bindPlan would: an id they do not
    // allow reads nothing (explain's boundWithin).
    return bindsWithin(template, values)
      ? selectStoredId(execution.context, template.plan as GetPlan, values[0] as string, window)
      : Promise.resolve([]);
  }
  return runOrdered(execution, bindPlan(template, values), selection.orderBy, window);
}

/**
 * The order one key's target rows come in from their own read, before any
 * in-memory sort: the per-key plan's index order in its direction (the key
 * fields after its equalities, `_creationTime`, `_id`), or null when it
 * reads nothing. A read over many keys' span puts each key's rows in this
 * order first, so ties on the nested order come out as a per-key read gives them.
 */
export function keyReadOrder(
  execution: QueryExecution,
  relation: AnyRelation,
  selection: RelatedSelection,
): ((a: Doc, b: Doc) => number) | null {
  const { plan } = targetTemplate(execution, relation, selection);
  return plan.kind === 'index' ? indexComparator(plan) : null;
}

/** {@link keyReadOrder} of a through relation's junction rows: the order one key's links come in. */
export function junctionReadOrder(
  execution: QueryExecution,
  relation: AnyRelation,
): ((a: Doc, b: Doc) => number) | null {
  const { plan } = junctionTemplate(execution, relation, relation.through!);
  return plan.kind === 'index' ? indexComparator(plan) : null;
}

/**
 * True when no parent has related rows to read: a window of no rows
 * (`limit: 0`), or a target plan that reads nothing (a filter no row passes).
 */
export function readsNothing(execution: QueryExecution, relation: AnyRelation, selection: RelatedSelection): boolean {
  return plansNothing(targetTemplate(execution, relation, selection).plan, selection);
}

/** {@link readsNothing} of a relation whose target plan is `plan`: what `explain()` asks too. */
export const plansNothing = (plan: Plan, selection: RelatedSelection) =>
  windowEnd(selection) === 0 || plan.kind === 'empty';

/** Index ranges one read of `plan` opens (a `db.get` is one). */
export const rangesOf = (plan: Plan) => (plan.kind === 'index' ? Math.max(1, plan.ranges.length) : 1);

/** Index ranges one target key's read opens (an `in` list in the nested where multiplies them). */
export function rangesPerTarget(execution: QueryExecution, relation: AnyRelation, selection: RelatedSelection): number {
  return rangesOf(targetTemplate(execution, relation, selection).plan);
}

/**
 * True when a relation's targets are `db.get`s by id: each distinct target is
 * read once per query (the execution's document cache), whichever parents link it.
 */
export const readsTargetsById = (execution: QueryExecution, relation: AnyRelation, selection: RelatedSelection) =>
  targetTemplate(execution, relation, selection).plan.kind === 'get';

/**
 * The target reader the per-key reads of one load share: {@link cachedTargetReader} for a through
 * relation to targets named by another column than `_id`; none (each read's own) otherwise, as
 * targets read by id are each read once by the document cache.
 */
export function sharedTargetReader(
  execution: QueryExecution,
  relation: AnyRelation,
  selection: RelatedSelection,
): TargetReader | undefined {
  if (!relation.through || readsTargetsById(execution, relation, selection)) return undefined;
  return cachedTargetReader(execution, relation, selection);
}

/** The read of a through relation's junction rows for the parent key `values` (the caller may see). */
export const junctionRead = (execution: QueryExecution, relation: AnyRelation, values: readonly Value[]): Plan =>
  bindPlan(junctionTemplate(execution, relation, relation.through!), values);

/** Index ranges one key's junction read opens (a through relation's). */
export const rangesPerJunction = (execution: QueryExecution, relation: AnyRelation) =>
  rangesOf(junctionTemplate(execution, relation, relation.through!).plan);

/**
 * Index ranges one key's own read opens: its targets' ({@link rangesPerTarget}),
 * through a junction its junction rows' too (counting one link); none when
 * the relation {@link readsNothing}.
 */
export function rangesPerKey(execution: QueryExecution, relation: AnyRelation, selection: RelatedSelection): number {
  if (readsNothing(execution, relation, selection)) return 0;
  const links = relation.through ? rangesPerJunction(execution, relation) : 0;
  return links + rangesPerTarget(execution, relation, selection);
}

/** True when a through relation's targets come in junction order until the window is full: no order, and a limit. */
export const linksStopEarly = (selection: RelatedSelection) =>
  selection.orderBy.length === 0 && windowEnd(selection) !== undefined;

/**
 * Rows of a through relation: junction rows by index, then the target rows each one names, read
 * by `targets` (a load's, shared by its keys: {@link cachedTargetReader}).
 */
async function throughRows(
  execution: QueryExecution,
  relation: AnyRelation,
  values: readonly Value[],
  selection: RelatedSelection,
  targets?: TargetReader,
): Promise<Doc[]> {
  // A window of no rows (`limit: 0`), or a target filter no row passes: no junction row is worth reading.
  if (readsNothing(execution, relation, selection)) return [];
  const junction = junctionRead(execution, relation, values);
  // The read stops once the window is full; otherwise every link is needed, and the
  // junction range is read whole first (no per-link iterator step).
  const links = linksStopEarly(selection)
    ? matchingRows(execution.context, junction)
    : await selectRows(execution.context, junction);
  return linkedTargets(execution, relation, links, selection, targets);
}

/** The target rows of a through relation for the target key `values` a junction row names. */
export type TargetReader = (values: readonly Value[]) => Promise<Doc[]>;

/**
 * Reads of a through relation's targets, each distinct target key read once, on first use, for
 * every link that names it: the reads of one load's keys share one, so a target two parents link
 * to is read once. By id, the execution's document cache does so already ({@link sharedTargetReader}).
 */
export function cachedTargetReader(
  execution: QueryExecution,
  relation: AnyRelation,
  selection: RelatedSelection,
): TargetReader {
  const targets = new Map<string, Promise<Doc[]>>();
  return (values) => cached(targets, keyOf(values), () => targetRows(execution, relation, values, selection));
}

/**
 * The target rows `links` (one parent's junction rows, in junction order)
 * name, `targets` reading those of one link's key: in junction order until
 * the window is full when no order is asked for, else every link's, sorted,
 * then windowed.
 */
export async function linkedTargets(
  execution: QueryExecution,
  relation: AnyRelation,
  links: AsyncIterable<Doc> | Iterable<Doc>,
  selection: RelatedSelection,
  targets: TargetReader = (values) => targetRows(execution, relation, values, selection),
): Promise<Doc[]> {
  const wanted = linksStopEarly(selection) ? windowEnd(selection)! : Number.POSITIVE_INFINITY;
  const rows: Doc[] = [];
  // An array is walked by a plain loop: `for await` over one costs three promises per link.
  if (Array.isArray(links)) {
    for (const link of links) {
      const found = linkTargets(relation, link, targets);
      if (found) rows.push(...(await found));
      if (rows.length >= wanted) break;
    }
  } else {
    for await (const link of links) {
      const found = linkTargets(relation, link, targets);
      if (found) rows.push(...(await found));
      if (rows.length >= wanted) break;
    }
  }
  return windowRows(
    selection.orderBy.length === 0 ? rows : await sortByTerms(execution, rows, selection.orderBy),
    selection,
  );
}

/** The read of the targets `link` names, or null when its key is null (it names no target). */
function linkTargets(relation: AnyRelation, link: Doc, targets: TargetReader): Promise<Doc[]> | null {
  const targetValues = keyValues(link, relation.through!.targetColumns);
  return targetValues ? targets(targetValues) : null;
}

/** The parent's key values for `relation`, or undefined when it has no related rows (a null key, or the inherited filter fails). */
export function parentKey(relation: AnyRelation, parent: Doc): Value[] | undefined {
  if (relation.whereAppliesTo === 'source' && !matchesFilter(relation.where, parent)) return undefined;
  return keyValues(parent, relation.sourceColumns);
}

/** The rows related to a parent whose key is `values`; through a junction, its targets read by `targets`. */
export function rowsForKey(
  execution: QueryExecution,
  relation: AnyRelation,
  values: readonly Value[],
  selection: RelatedSelection,
  targets?: TargetReader,
): Promise<Doc[]> {
  if (relation.through) return throughRows(execution, relation, values, selection, targets);
  return targetRows(execution, relation, values, selection);
}

/**
 * How many rows are related to a parent whose key is `values` (`_count`):
 * one count read of the target rows (buckets when an aggregate index on the
 * foreign key serves the join and the nested where); through a junction,
 * the related rows are read.
 */
export async function countForKey(
  execution: QueryExecution,
  relation: AnyRelation,
  values: readonly Value[],
  selection: RelatedSelection,
  targets?: TargetReader,
): Promise<number> {
  if (relation.through) return (await throughRows(execution, relation, values, selection, targets)).length;
  const table = execution.schema.table(relation.targetTable);
  return countMatching(execution, table, targetFilter(relation, values, selection), relation.targetColumns);
}

const existsSelections = new WeakMap<FilterNode, RelatedSelection>();

/** The selection of an EXISTS check: the first related row matching `filter`. */
export function existsSelection(filter: FilterNode | null): RelatedSelection {
  return filter === null ? ANY_ROW : cached(existsSelections, filter, () => ({ ...ANY_ROW, filter }));
}
