import type { Value } from 'convex/values';
import { matchesFilter } from '../filter/evaluate.js';
import { andNodes, type FilterNode } from '../filter/tree.js';
import { bindPlan, type PlanTemplate, planParams } from '../planner/bind.js';
import { planQuery } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import type { AnyRelation, Through } from '../relations/relation.js';
import type { TableConfig } from '../schema/table.js';
import { countMatching } from './aggregateGroups.js';
import type { QueryExecution } from './execution.js';
import { notDeleted } from './hideDeleted.js';
import { type OrderTerm, sortByTerms } from './orderTerms.js';
import type { Doc } from './readIndex.js';
import type { SchemaContext } from './schemaContext.js';
import { planOrdered, runOrdered } from './selectOrdered.js';
import { matchingRows, type Window } from './selectRows.js';

/** The part of a nested query that selects related rows. */
export interface RelatedSelection {
  readonly filter: FilterNode | null;
  readonly orderBy: readonly OrderTerm[];
  readonly limit: number | undefined;
  readonly offset: number;
}

const equalities = (fields: readonly string[], values: readonly Value[]): FilterNode[] =>
  fields.map((field, i) => ({ kind: 'compare', field, op: 'eq', value: values[i]! }));

/** The values of `fields` in `row`, or undefined when one is null or absent (a SQL join never matches null). */
function keyValues(row: Doc, fields: readonly string[]): Value[] | undefined {
  const values = fields.map((field) => row[field] as Value | undefined);
  return values.some((value) => value === undefined || value === null) ? undefined : (values as Value[]);
}

/** The filter of a relation's target rows for the parent key `values`: the join, the predefined filter on the target, the nested filter. */
export function targetFilter(
  relation: AnyRelation,
  values: readonly Value[],
  selection: RelatedSelection,
): FilterNode | null {
  const predefined = relation.whereAppliesTo === 'target' ? relation.where : null;
  return andNodes([...equalities(relation.targetColumns, values), predefined, selection.filter]);
}

/** How many targets one read takes: the nested window, except through a junction, which windows after merging. */
export function targetWindow(relation: AnyRelation, selection: RelatedSelection): Window {
  if (relation.through) return {};
  return selection.limit === undefined ? { offset: selection.offset } : selection;
}

/** The plan of a relation's target rows, `keys` standing for the parent's key values (what `explain()` shows with `?`). */
export function targetPlan(
  schema: SchemaContext,
  relation: AnyRelation,
  selection: RelatedSelection,
  keys: readonly Value[],
): Plan {
  const table = schema.table(relation.targetTable);
  const filter = targetFilter(relation, keys, selection);
  return planOrdered(table, filter, selection.orderBy, targetWindow(relation, selection));
}

/** The plan of a through relation's junction rows, `keys` standing for the parent's key values. */
export function junctionPlan(schema: SchemaContext, through: Through, keys: readonly Value[]): Plan {
  return planQuery({ table: schema.table(through.table), filter: andNodes(equalities(through.sourceColumns, keys)) });
}

// Relation reads are planned once per relation and nested query (and junction), with placeholders
// for the parent's key values, then bound per parent: the plan does not depend on those values.
const targetTemplates = new WeakMap<RelatedSelection, WeakMap<AnyRelation, PlanTemplate>>();
const junctionTemplates = new WeakMap<AnyRelation, PlanTemplate>();

/** The value cached for `key`, made on first use. */
function cached<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function boundTargetPlan(
  execution: QueryExecution,
  relation: AnyRelation,
  selection: RelatedSelection,
  values: readonly Value[],
): Plan {
  const byRelation = cached(targetTemplates, selection, () => new WeakMap<AnyRelation, PlanTemplate>());
  const template = cached(byRelation, relation, () => {
    const params = planParams(relation.targetColumns.length);
    return { plan: targetPlan(execution.schema, relation, selection, params), params };
  });
  return bindPlan(template, values);
}

function boundJunctionPlan(
  execution: QueryExecution,
  relation: AnyRelation,
  through: Through,
  values: readonly Value[],
): Plan {
  const template = cached(junctionTemplates, relation, () => {
    const params = planParams(through.sourceColumns.length);
    return { plan: junctionPlan(execution.schema, through, params), params };
  });
  return bindPlan(template, values);
}

function targetRows(
  execution: QueryExecution,
  relation: AnyRelation,
  values: readonly Value[],
  selection: RelatedSelection,
): Promise<Doc[]> {
  const plan = boundTargetPlan(execution, relation, selection, values);
  return runOrdered(execution, plan, selection.orderBy, targetWindow(relation, selection));
}

/** Rows of a through relation: junction rows by index, then the target rows each one names. */
async function throughRows(
  execution: QueryExecution,
  relation: AnyRelation,
  values: readonly Value[],
  selection: RelatedSelection,
): Promise<Doc[]> {
  const through = relation.through!;
  const wanted = selection.limit === undefined ? Infinity : selection.offset + selection.limit;
  const rows: Doc[] = [];
  for await (const link of matchingRows(execution.context, boundJunctionPlan(execution, relation, through, values))) {
    const targetValues = keyValues(link, through.targetColumns);
    if (targetValues) rows.push(...(await targetRows(execution, relation, targetValues, selection)));
    // Without an order, rows come in junction order and the read can stop early.
    if (selection.orderBy.length === 0 && rows.length >= wanted) break;
  }
  const sorted = await sortByTerms(execution, rows, selection.orderBy);
  return sorted.slice(selection.offset, selection.limit === undefined ? undefined : selection.offset + selection.limit);
}

/**
 * The rows related to `parent` through `relation`, with the relation's
 * predefined filter (on the target, or inherited on the parent) and the
 * nested filter, order and window applied per parent.
 */
export function relatedRows(
  execution: QueryExecution,
  relation: AnyRelation,
  parent: Doc,
  selection: RelatedSelection,
): Promise<Doc[]> {
  if (relation.whereAppliesTo === 'source' && !matchesFilter(relation.where, parent)) return Promise.resolve([]);
  const values = keyValues(parent, relation.sourceColumns);
  if (!values) return Promise.resolve([]);
  if (relation.through) return throughRows(execution, relation, values, selection);
  return targetRows(execution, relation, values, selection);
}

/**
 * How many rows are related to `parent` (`_count`): one count read of the
 * target rows (buckets when an aggregate index on the foreign key serves the
 * join and the nested where); through a junction, the related rows are read.
 */
export async function relatedCount(
  execution: QueryExecution,
  relation: AnyRelation,
  parent: Doc,
  selection: RelatedSelection,
): Promise<number> {
  if (relation.through) return (await relatedRows(execution, relation, parent, selection)).length;
  if (relation.whereAppliesTo === 'source' && !matchesFilter(relation.where, parent)) return 0;
  const values = keyValues(parent, relation.sourceColumns);
  if (!values) return 0;
  const table = execution.schema.table(relation.targetTable);
  return countMatching(execution, table, targetFilter(relation, values, selection));
}

// Selections are shared objects, so the read they plan is reused for every parent row.
/** The first related row. */
export const ANY_ROW: RelatedSelection = { filter: null, orderBy: [], limit: 1, offset: 0 };
/** Every related row. */
export const ALL_ROWS: RelatedSelection = { filter: null, orderBy: [], limit: undefined, offset: 0 };
const existsSelections = new WeakMap<FilterNode, RelatedSelection>();

const liveSelections = new WeakMap<RelatedSelection, WeakMap<TableConfig, RelatedSelection>>();

/**
 * The rows a relation `orderBy` term reads: the first related row of a `one`,
 * every row of a `many`, soft-deleted ones left out unless `withDeleted`.
 */
export function orderRows(schema: SchemaContext, relation: AnyRelation, withDeleted: boolean): RelatedSelection {
  const all = relation.kind === 'one' ? ANY_ROW : ALL_ROWS;
  const target = schema.table(relation.targetTable);
  const filter = withDeleted ? null : notDeleted(target);
  if (filter === null) return all;
  const byTable = cached(liveSelections, all, () => new WeakMap<TableConfig, RelatedSelection>());
  return cached(byTable, target, () => ({ ...all, filter }));
}

/** The selection of an EXISTS check: the first related row matching `filter`. */
export function existsSelection(filter: FilterNode | null): RelatedSelection {
  return filter === null ? ANY_ROW : cached(existsSelections, filter, () => ({ ...ANY_ROW, filter }));
}

/** A relation filter for one row: does a related row exist that matches `filter`? */
export async function relationExists(
  execution: QueryExecution,
  relation: AnyRelation,
  parent: Doc,
  filter: FilterNode | null,
): Promise<boolean> {
  const rows = await relatedRows(execution, relation, parent, existsSelection(filter));
  return rows.length > 0;
}
