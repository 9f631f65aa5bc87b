import { andNodes, type FilterNode } from '../filter/tree.js';
import { describePlan, type PlanDescription } from '../planner/describe.js';
import { planQuery } from '../planner/plan.js';
import type { AnyRelation } from '../relations/relation.js';
import { readsById } from '../relations/relation.js';
import { planRoot } from './find.js';
import { columnSpecs, type OrderTerm } from './orderTerms.js';
import type { ParsedQuery } from './parseQuery.js';
import type { SchemaContext } from './schemaContext.js';

/** What `explain()` returns: the root read, its budget, and how each relation is loaded. */
export interface QueryExplain extends PlanDescription {
  readonly scanBudget?: number;
  /** How a relation is read: `db.get` (deduplicated), per parent through an index, or through a junction. */
  readonly load?: string;
  readonly junction?: PlanDescription;
  readonly with?: Readonly<Record<string, QueryExplain>>;
}

// Relation reads are planned before the parent values are known; `?` stands for them.
const placeholder = (fields: readonly string[]): FilterNode[] =>
  fields.map((field) => ({ kind: 'compare', field, op: 'eq', value: '?' }));

/** Relation orders are sorted in memory after reading every match. */
const orderSource = (terms: readonly OrderTerm[]) => (columnSpecs(terms) ? {} : { order: 'memory (relation order)' });

function explainRelation(schema: SchemaContext, relation: AnyRelation, query: ParsedQuery): QueryExplain {
  const predefined = relation.whereAppliesTo === 'target' ? relation.where : null;
  const filter = andNodes([...placeholder(relation.targetColumns), predefined, query.filter]);
  const specs = columnSpecs(query.orderBy);
  const wanted = query.limit === undefined || relation.through || !specs ? undefined : query.offset + query.limit;
  const plan = planQuery({
    table: query.table,
    filter,
    orderBy: specs ?? [],
    ...(wanted === undefined ? {} : { limit: wanted }),
  });
  const nested = explainWith(schema, query);
  if (relation.through) {
    const junction = planQuery({
      table: schema.table(relation.through.table),
      filter: andNodes(placeholder(relation.through.sourceColumns)),
    });
    // Targets are read per junction row, then sorted in memory when ordered.
    const order = query.orderBy.length === 0 ? 'junction' : specs ? 'memory' : 'memory (relation order)';
    return {
      ...describePlan(plan),
      order,
      load: `through ${relation.through.table}`,
      junction: describePlan(junction),
      ...nested,
    };
  }
  const load = readsById(relation)
    ? 'db.get per distinct id'
    : `per parent${wanted === undefined ? '' : `, take(${wanted})`}`;
  return { ...describePlan(plan), ...orderSource(query.orderBy), load, ...nested };
}

function explainWith(schema: SchemaContext, query: ParsedQuery): { with?: Record<string, QueryExplain> } {
  if (query.with.length === 0) return {};
  return {
    with: Object.fromEntries(
      query.with.map(({ key, relation, query: nested }) => [key, explainRelation(schema, relation, nested)]),
    ),
  };
}

/** The plan of a query and of its relation loads, without reading anything. */
export function explainQuery(schema: SchemaContext, query: ParsedQuery, scanBudget: number): QueryExplain {
  return { ...describePlan(planRoot(query)), ...orderSource(query.orderBy), scanBudget, ...explainWith(schema, query) };
}
