import type { GenericDatabaseReader } from 'convex/server';
import { describeAggregatePlan, planAggregates } from '../aggregate/plan.js';
import { type FilterNode, type RelationFilterNode, relationNodes } from '../filter/tree.js';
import { describeFilter, describePlan, type PlanDescription } from '../planner/describe.js';
import { planQuery } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import type { AnyRelation } from '../relations/relation.js';
import { readsById } from '../relations/relation.js';
import { COUNT_SPEC } from './aggregateGroups.js';
import { countingLoad } from './countingLoad.js';
import { besideSelection, loadBesideFilter } from './filterBesideLoad.js';
import { planRoot } from './find.js';
import { type HeldRead, heldReads, takesHeldRows } from './heldReads.js';
import { spannable } from './loadRelated.js';
import { columnSpecs, type OrderTerm } from './orderTerms.js';
import type { ParsedQuery, ParsedWith } from './parseQuery.js';
import { planAsRead } from './readIndex.js';
import { existsSelection, junctionPlan, plansNothing, targetFilter, targetPlan, targetWindow } from './relatedRows.js';
import { keysWithRowsPlan, matchingTargetsPlan, scansAllTargets } from './relationExists.js';
import type { SchemaContext } from './schemaContext.js';
import { orderRows, type RelatedSelection } from './selection.js';
import { readLimit } from './selectRows.js';

/** What `explain()` returns: the root read, its budget, and how each relation is read. */
export interface QueryExplain extends PlanDescription {
  readonly scanBudget?: number;
  /** `count` / `aggregate` / `groupBy`: the aggregate index that serves it, or why the scan runs. */
  readonly aggregate?: string;
  /**
   * How a relation is read, and so how many index ranges it opens: `db.get`
   * per distinct id; one range per distinct parent key (`with`), or per
   * candidate row (relation filters); through a junction. A `with` over a
   * single-column join reads one range over the parents' key span instead
   * when the distinct keys outnumber half the ranges the transaction has left.
   */
  readonly load?: string;
  /** A predefined filter inherited from the reverse relation: tested on the parent row, which has no related rows when it fails. */
  readonly parentFilter?: string;
  readonly junction?: PlanDescription;
  /** The reads of relation filters (`where: { posts: ... }`), per candidate row, stopping at the first match. */
  readonly exists?: Readonly<Record<string, QueryExplain>>;
  readonly with?: Readonly<Record<string, QueryExplain>>;
  /**
   * The reads of relation orders (`orderBy: { posts: 'desc(count)' }`), by relation path
   * (`author`, `author.invitedBy`): every related row along the path, read once per distinct
   * key for all the rows sorted (past half the ranges left, one range over the key span).
   */
  readonly orderReads?: Readonly<Record<string, QueryExplain>>;
  /**
   * A prepared query's planning: `'once'` when its root read was planned at
   * the first execution and only its values are bound per execution, else
   * `'per execution'` and why.
   */
  readonly prepared?: string;
  /** `paginate`: how a page reads and where the next one resumes (see `explainPage`). */
  readonly page?: string;
  /**
   * `paginate`: `'sealed'` when the page's cursors are encrypted
   * (`createOrm({ cursorSecret })`), `'plain'` when they are readable index
   * keys (a page under rules then rejects).
   */
  readonly cursors?: 'sealed' | 'plain';
  /** `_count` per relation: the aggregate index that serves it per row, the bounded scan, or the `with` load whose rows it counts. */
  readonly _count?: Readonly<Record<string, string>>;
  /**
   * A `with` load whose rows the query read already for the parent keys it reached (a relation
   * order's every visible match, or a root relation filter's every match; the same where): those
   * rows, sorted and windowed in memory, not read again.
   */
  readonly fromEarlierRead?: string;
}

// Relation reads are planned before the parent values are known; `?` stands for them.
const PARENT_VALUE = '?';
const unknown = (fields: readonly string[]): string[] => fields.map(() => PARENT_VALUE);

/** A relation's plan as it reads on `db` ({@link planAsRead}, the parents' values kept); as planned without one. */
const asRead = (plan: Plan, db: GenericDatabaseReader<any> | undefined): Plan =>
  planAsRead(db, plan, (value) => value === PARENT_VALUE);

/** Relation orders are sorted in memory after reading every match. */
const orderSource = (terms: readonly OrderTerm[]) => (columnSpecs(terms) ? {} : { order: 'memory (relation order)' });

/** What relation order terms read: the related rows along each relation path, once per path and distinct key. */
function explainOrderReads(
  schema: SchemaContext,
  terms: readonly OrderTerm[],
  db?: GenericDatabaseReader<any>,
): { orderReads?: Record<string, QueryExplain> } {
  const reads: Record<string, QueryExplain> = {};
  for (const { path, withDeleted = false } of terms) {
    path.forEach((relation, i) => {
      const name = path
        .slice(0, i + 1)
        .map((step) => step.fieldName)
        .join('.');
      reads[name] ??= explainRelation(schema, relation, orderRows(schema, relation, withDeleted), {
        per: 'per distinct parent key',
        withDeleted,
        db,
      });
    });
  }
  return Object.keys(reads).length > 0 ? { orderReads: reads } : {};
}

/**
 * The reads of a filter's relation filters, each reading junction rows as it says (`deletedLinks`);
 * `key` is the filter's table's. `whole`: the relation filter that reads every match, and the
 * `with` load that takes those rows ({@link loadBesideFilter}).
 */
export function explainExists(
  schema: SchemaContext,
  key: string,
  filter: FilterNode | null,
  whole: { node: RelationFilterNode; load: ParsedWith } | null = null,
  db?: GenericDatabaseReader<any>,
): { exists?: Record<string, QueryExplain> } {
  const nodes = relationNodes(filter);
  if (nodes.length === 0) return {};
  const entries = nodes.map((node, i) => {
    const relation = schema.relation(key, node.relation)!;
    const name =
      nodes.findIndex((other) => other.relation === node.relation) === i ? node.relation : `${node.relation}#${i}`;
    const links = node.deletedLinks === true;
    if (whole?.node === node) {
      const selection = besideSelection(whole.load);
      const read = explainRelation(schema, relation, selection, { per: 'per parent', withDeleted: links, db });
      if (read.load === NOTHING) return [name, read] as const;
      const span = spanNote(schema, relation, selection, 'per parent');
      const loader = `with.${whole.load.key}`;
      // Past the switch to reading the keys at once, the load reads the keys it was not given.
      const after = span ? `${span}; ${loader} reads the keys after that itself` : '';
      const matches = whole.load.relation.kind === 'one' ? 'the first match' : 'every match';
      return [name, { ...read, load: `per parent, ${matches}, which ${loader} takes${after}` }] as const;
    }
    const selection = existsSelection(node.filter);
    return [name, explainRelation(schema, relation, selection, { per: 'per parent', withDeleted: links, db })] as const;
  });
  return { exists: Object.fromEntries(entries) };
}

/**
 * How a relation read is explained: per parent (a relation filter) or per distinct parent key (a
 * load, an order's read), soft-deleted rows included or not, the `with` loads under it and the
 * reads held before it ({@link HeldRead}), and the database it would run on ({@link asRead}).
 */
interface RelationRead {
  readonly per: 'per parent' | 'per distinct parent key';
  readonly withDeleted: boolean;
  readonly withs?: readonly ParsedWith[];
  readonly held?: readonly HeldRead[];
  readonly db?: GenericDatabaseReader<any> | undefined;
}

function explainRelation(
  schema: SchemaContext,
  relation: AnyRelation,
  selection: RelatedSelection,
  { per, withDeleted, withs = [], held = [], db }: RelationRead,
): QueryExplain {
  const plan = targetPlan(schema, relation, selection, unknown(relation.targetColumns));
  const read = asRead(plan, db);
  // As readPerParent and throughRows: no junction, target or span read, nor any nested one (nor
  // when the run, asking the database, reads no id the where names).
  if (plansNothing(read, selection)) {
    return { ...describePlan({ kind: 'empty', table: plan.table }), load: NOTHING };
  }
  const nested = {
    ...(relation.whereAppliesTo === 'source' && relation.where ? { parentFilter: describeFilter(relation.where) } : {}),
    ...explainExists(schema, relation.targetTable, selection.filter, null, db),
    ...explainOrderReads(schema, selection.orderBy, db),
    ...explainWith(schema, withs, withDeleted, held, db),
  };
  const specs = columnSpecs(selection.orderBy);
  if (relation.through) {
    const junction = junctionPlan(schema, relation.through, unknown(relation.through.sourceColumns), withDeleted);
    // Targets are read per junction row, then sorted in memory when ordered.
    const order = selection.orderBy.length === 0 ? 'junction' : specs ? 'memory' : 'memory (relation order)';
    return {
      ...describePlan(read),
      order,
      load: `through ${relation.through.table}${spanNote(schema, relation, selection, per)}`,
      junction: describePlan(junction),
      ...nested,
    };
  }
  const load = readsById(relation)
    ? 'db.get per distinct id'
    : `${perParentLoad(plan, selection, relation, specs !== null, per)}${spanNote(schema, relation, selection, per)}`;
  return { ...describePlan(read), ...orderSource(selection.orderBy), load, ...nested };
}

/**
 * How far each parent's range is read, as runOrdered reads it: every match for
 * an order the read does not give (or a relation order); else `take(n)`, or
 * until n rows pass when a residual filter may reject some of those read.
 */
function perParentLoad(
  plan: Plan,
  selection: RelatedSelection,
  relation: AnyRelation,
  columnOrder: boolean,
  per: string,
): string {
  const wanted = columnOrder ? readLimit(plan, targetWindow(relation, selection)) : undefined;
  if (wanted === undefined) return `${per}, every match`;
  const residual = plan.kind !== 'empty' && plan.residual !== null;
  return residual ? `${per}, until ${wanted} pass` : `${per}, take(${wanted})`;
}

/** What a relation that {@link plansNothing} reads: nothing, every parent gets no row. */
const NOTHING = 'none: a window of no rows or a filter no row passes, so every parent has none';

/** How a load of one range per distinct key reads when the keys outnumber half the ranges left (a select join's too). */
export const SPAN = '; one range over the key span past half the ranges left';

/** {@link SPAN} of a through load to targets read by id, as readPerParent's sampledReads decides it. */
const THROUGH_SPAN =
  '; one range over the key span when the junction reads pass half the ranges left (targets: a db.get each ' +
  "either way); short of that, when they and a db.get per key would, the smallest key's junction rows first, " +
  "then, when that many targets per key would pass the ranges left, the other keys' junction rows as one " +
  'range over their span';

/**
 * How a load that may open one range per key switches to one read when the
 * keys would not fit; a relation filter, to reading the keys with related
 * rows at once (as relationExists does: through a junction, the junction rows first).
 */
function spanNote(
  schema: SchemaContext,
  relation: AnyRelation,
  selection: RelatedSelection,
  per: 'per parent' | 'per distinct parent key',
): string {
  if (!spannable(relation)) return '';
  if (per === 'per distinct parent key') {
    const byId =
      relation.through && targetPlan(schema, relation, selection, unknown(relation.targetColumns)).kind === 'get';
    return byId ? THROUGH_SPAN : SPAN;
  }
  const atOnce = '; the keys with related rows read at once past half the ranges left';
  if (!relation.through) {
    const keyed = keysWithRowsPlan(schema, relation, selection);
    return `${atOnce}: the matching ${keyed.table} rows (${scanRead(keyed)})`;
  }
  const matching = matchingTargetsPlan(schema, relation, selection);
  // As linkedMatches: the gets while they fit half the ranges left (all of them under strict); past them, the scan strict refuses.
  const targets = scansAllTargets(matching)
    ? `each ${matching.table} row they name once, or, when those reads would pass half the ranges left (under strict, all of them), ` +
      `a full scan of ${matching.table} (strict refuses it and probes the rows left one at a time)` +
      indexAdvice(describePlan(matching))
    : `the matching ${matching.table} rows (${scanRead(matching)})`;
  return `${atOnce}: every visible ${relation.through.table} row, then ${targets}`;
}

/**
 * How each `_count` of `query` is counted: the rows of a `with` load of every match, else those
 * the query read before ({@link heldReads}), else per distinct parent key (an aggregate index, or
 * reading the related rows).
 */
function explainCounts(
  schema: SchemaContext,
  query: ParsedQuery,
  held: readonly HeldRead[],
  db?: GenericDatabaseReader<any>,
): { _count?: Record<string, string> } {
  if (query.counts.length === 0) return {};
  return {
    _count: Object.fromEntries(
      query.counts.map((entry) => {
        const load = countingLoad(query, entry);
        if (load !== -1) return [entry.key, `the rows of with.${query.with[load]!.key} counted`];
        const counted = explainCount(schema, entry, db);
        // A count that reads nothing takes nothing and reads nothing per row.
        if (counted === NOTHING) return [entry.key, counted];
        const how = counted + existsPerRow(schema, entry);
        const taken = takesHeldRows(held, entry.relation, entry.query);
        return [entry.key, taken ? `${READ_BEFORE}, counted; ${OTHER_KEYS}: ${how}` : how];
      }),
    ),
  };
}

/** What a load or count takes when the query read its rows before ({@link heldReads}). */
const READ_BEFORE =
  'for each parent key the query read the relation of before (a relation order, or a relation filter beside this load, with the same where), the rows it read';
/** The keys not read before: elsewhere along an order's path, later in the query, or in a group of fewer than two rows an order did not sort. */
const OTHER_KEYS = 'another parent key';

function explainCount(schema: SchemaContext, { relation, query }: ParsedWith, db?: GenericDatabaseReader<any>): string {
  const plan = targetPlan(schema, relation, query, unknown(relation.targetColumns));
  if (plansNothing(asRead(plan, db), query)) return NOTHING;
  const span = spanNote(schema, relation, query, 'per distinct parent key');
  if (relation.through)
    return `per distinct parent key: reads the related rows through ${relation.through.table}${span}`;
  const table = schema.table(relation.targetTable);
  const keys = unknown(relation.targetColumns);
  const filter = targetFilter(relation, keys, query);
  const plans = planAggregates(table, filter, COUNT_SPEC, [], keys);
  const scan = `a bounded scan of the related rows (${scanRead(planQuery({ table, filter, pinned: relation.targetColumns, params: keys }))})`;
  // This explain reads nothing, so it cannot know which index is backfilled yet; it says what runs
  // in each case (an awaited `db.query.<table>.count(...).explain()` reads the states and says which).
  return plans.length > 0
    ? `per distinct parent key: ${plans.map(describeAggregatePlan).join(', else ')}, the first one backfilled; while none is, ${scan}${span}`
    : `per distinct parent key: ${scan}${span}`;
}

/**
 * The reads a count's relation filters (its `where`'s, its target's read rule's) make per row it
 * counts, as a clause: empty without any. A `with` load shows them under `exists`.
 */
function existsPerRow(schema: SchemaContext, { relation, query }: ParsedWith): string {
  const { exists } = explainExists(schema, relation.targetTable, query.filter);
  if (!exists) return '';
  const reads = Object.entries(exists).map(([name, read]) => {
    const where = read.read === 'index' ? `index ${read.index} of ${read.table}` : `${read.read} on ${read.table}`;
    return `exists ${name}: ${where}, ${read.load}`;
  });
  return `; per row counted, ${reads.join('; ')}`;
}

/** The index a full scan suggests adding, as a clause: empty when none would narrow it. */
const indexAdvice = (described: PlanDescription) =>
  described.suggestedIndex ? `; add index on ${described.table}(${described.suggestedIndex.join(', ')})` : '';

/** How a count's scan reads: its index, or the full scan strict mode refuses. */
function scanRead(plan: Plan): string {
  const described = describePlan(plan);
  if (described.fullScan) return `full scan of ${described.table}, refused under strict${indexAdvice(described)}`;
  return described.read === 'index'
    ? `index ${described.index} of ${described.table}`
    : `${described.read} on ${described.table}`;
}

/** The `with` loads of a level of a query that reads `held` before its loads. */
function explainWith(
  schema: SchemaContext,
  withs: readonly ParsedWith[],
  withDeleted: boolean,
  held: readonly HeldRead[],
  db?: GenericDatabaseReader<any>,
): { with?: Record<string, QueryExplain> } {
  if (withs.length === 0) return {};
  return {
    with: Object.fromEntries(
      withs.map(({ key, relation, query }) => {
        const read = explainRelation(schema, relation, query, {
          per: 'per distinct parent key',
          withDeleted,
          withs: query.with,
          held,
          db,
        });
        // A load that reads nothing takes nothing either.
        const taken = read.load !== NOTHING && takesHeldRows(held, relation, query);
        const explained: QueryExplain = {
          ...read,
          ...(taken
            ? { fromEarlierRead: `${READ_BEFORE}, sorted and windowed in memory; ${OTHER_KEYS}: as load says` }
            : {}),
          ...explainCounts(schema, query, held, db),
        };
        return [key, explained];
      }),
    ),
  };
}

/**
 * The plan of a query (its root `plan`, when planned already) and of its relation reads, without
 * reading anything. With the `db` it runs on, each read as it runs there ({@link planAsRead}: ids
 * of other tables are not read).
 */
export function explainQuery(
  schema: SchemaContext,
  query: ParsedQuery,
  scanBudget: number,
  {
    plan = planRoot(query),
    db,
  }: { readonly plan?: Plan | undefined; readonly db?: GenericDatabaseReader<any> | undefined } = {},
): QueryExplain {
  const held = heldReads(schema, query, plan);
  return {
    ...describePlan(planAsRead(db, plan)),
    ...orderSource(query.orderBy),
    scanBudget,
    ...explainExists(schema, query.tableKey, query.filter, loadBesideFilter(query, plan), db),
    ...explainOrderReads(schema, query.orderBy, db),
    ...explainWith(schema, query.with, query.withDeleted, held, db),
    ...explainCounts(schema, query, held, db),
  };
}
