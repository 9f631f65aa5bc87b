import type { Value } from 'convex/values';
import { matchesFilter } from '../filter/evaluate.js';
import { andNodes, type FilterNode } from '../filter/tree.js';
import { planQuery } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import type { AnyRelation, Through } from '../relations/relation.js';
import type { QueryExecution } from './execution.js';
import { type OrderTerm, sortByTerms } from './orderTerms.js';
import type { Doc } from './readIndex.js';
import type { SchemaContext } from './schemaContext.js';
import { selectOrdered } from './selectOrdered.js';
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

/** The plan of a through relation's junction rows for the parent key `values`. */
export function junctionPlan(schema: SchemaContext, through: Through, values: readonly Value[]): Plan {
  return planQuery({ table: schema.table(through.table), filter: andNodes(equalities(through.sourceColumns, values)) });
}

function targetRows(
  execution: QueryExecution,
  relation: AnyRelation,
  values: readonly Value[],
  selection: RelatedSelection,
): Promise<Doc[]> {
  const table = execution.schema.table(relation.targetTable);
  const filter = targetFilter(relation, values, selection);
  return selectOrdered(execution, table, filter, selection.orderBy, targetWindow(relation, selection));
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
  for await (const link of matchingRows(execution.context, junctionPlan(execution.schema, through, values))) {
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

/** A relation filter for one row: does a related row exist that matches `filter`? */
export async function relationExists(
  execution: QueryExecution,
  relation: AnyRelation,
  parent: Doc,
  filter: FilterNode | null,
): Promise<boolean> {
  const rows = await relatedRows(execution, relation, parent, { filter, orderBy: [], limit: 1, offset: 0 });
  return rows.length > 0;
}
