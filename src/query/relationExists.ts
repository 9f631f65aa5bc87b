import type { Value } from 'convex/values';
import type { FilterNode, RelationFilterNode } from '../filter/tree.js';
import { rangesLeft, spanPays } from '../limits/meteredDb.js';
import { storedField } from '../ownField.js';
import { planQuery } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import type { AnyRelation } from '../relations/relation.js';
import type { QueryExecution } from './execution.js';
import { besideReadFor } from './filterBesideLoad.js';
import { spannable } from './loadRelated.js';
import { mapBounded, readConcurrency } from './mapBounded.js';
import type { Doc } from './readIndex.js';
import { relatedOnce } from './relatedOnce.js';
import {
  existsSelection,
  joinedFilter,
  keyValues,
  linkedKeys,
  parentKey,
  rangesPerKey,
  rangesPerTarget,
  rowsForKey,
  targetRows,
  visibleLinks,
} from './relatedRows.js';
import type { SchemaContext } from './schemaContext.js';
import { cached, type RelatedSelection } from './selection.js';
import { selectRows } from './selectRows.js';
import { keyOf } from './spanGroups.js';

/** One relation filter in one execution: the rows it probed, its answers, and the keys with related rows once read at once. */
interface ExistsState {
  /** Index ranges the per-key reads opened so far. */
  probes: number;
  /** The answer for each parent key asked ({@link keyOf}): rows sharing a key (posts of one author) read it once. */
  readonly answers: Map<string, Promise<boolean>>;
  /** Index ranges one row's read opens (its plan's: an `in` list in the nested where has several). */
  readonly rangesPerKey: number;
  /** The keys with related rows, once read at once; null when that read would not run (rows are probed on). */
  keys?: Promise<Set<string> | null>;
}
const states = new WeakMap<QueryExecution, Map<RelatedSelection, Map<AnyRelation, ExistsState>>>();

function stateOf(execution: QueryExecution, relation: AnyRelation, selection: RelatedSelection): ExistsState {
  const bySelection = cached(states, execution, () => new Map<RelatedSelection, Map<AnyRelation, ExistsState>>());
  const byRelation = cached(bySelection, selection, () => new Map<AnyRelation, ExistsState>());
  return cached(byRelation, relation, () => ({
    probes: 0,
    answers: new Map<string, Promise<boolean>>(),
    rangesPerKey: rangesPerKey(execution, relation, selection),
  }));
}

/**
 * A relation filter for one row: does a related row exist that matches
 * `filter`? One index range per parent key, stopping at the first match, and
 * its answer kept for the rows that share the key (a query reads one
 * transaction's snapshot); once a filter of a single-column join has probed
 * more keys than half the ranges the transaction has left, the keys that
 * have a matching related row are read at once (one range over the target's
 * join index, or through a junction the visible junction rows and then the
 * targets they name: bounded by the scan budget, see {@link linkedMatches})
 * and later keys are answered from them.
 */
export function relationExists(
  execution: QueryExecution,
  relation: AnyRelation,
  parent: Doc,
  node: RelationFilterNode,
): Promise<boolean> {
  const selection = existsSelection(node.filter);
  const values = parentKey(relation, parent);
  if (!values) return Promise.resolve(false);
  const state = stateOf(execution, relation, selection);
  const key = keyOf(values);
  const known = state.answers.get(key);
  if (known) return known;
  const answer = answerFor(execution, relation, node, parent, values, key, selection, state);
  state.answers.set(key, answer);
  return answer;
}

/** The answer for a parent key (`values`, {@link keyOf} `key`) not asked yet: its own read, or the keys read at once. Not an async function: it runs once per key. */
function answerFor(
  execution: QueryExecution,
  relation: AnyRelation,
  node: RelationFilterNode,
  parent: Doc,
  values: readonly Value[],
  key: string,
  selection: RelatedSelection,
  state: ExistsState,
): Promise<boolean> {
  if (!state.keys && spannable(relation)) {
    state.probes += state.rangesPerKey;
    if (state.probes > rangesLeft(execution.context.db) / 2) state.keys = keysWithRows(execution, relation, selection);
  }
  if (state.keys) {
    return state.keys.then((keys) =>
      keys ? keys.has(key) : probe(execution, relation, node, parent, values, selection),
    );
  }
  return probe(execution, relation, node, parent, values, selection);
}

/**
 * True when `parent`, whose key is `values`, has a related row the selection matches: its own
 * read, of the first match, or of every match when a load of the query takes them ({@link besideReadFor}).
 */
function probe(
  execution: QueryExecution,
  relation: AnyRelation,
  node: RelationFilterNode,
  parent: Doc,
  values: readonly Value[],
  selection: RelatedSelection,
): Promise<boolean> {
  const beside = besideReadFor(execution, node);
  const rows = beside
    ? relatedOnce(execution, relation, [parent], beside).then((found) => found[0]!)
    : rowsForKey(execution, relation, values, selection);
  return rows.then((found) => found.length > 0);
}

const present = (field: string): FilterNode => ({ kind: 'isNull', field, negated: true });

/**
 * The join keys ({@link keyOf}) of every target row matching the selection's
 * filter, read as one index range (through a junction, see
 * {@link linkedKeysWithRows}); null when that read would not run.
 */
async function keysWithRows(
  execution: QueryExecution,
  relation: AnyRelation,
  selection: RelatedSelection,
): Promise<Set<string> | null> {
  if (relation.through) return linkedKeysWithRows(execution, relation, selection);
  const field = relation.targetColumns[0]!;
  const rows = await selectRows(execution.context, keysWithRowsPlan(execution.schema, relation, selection));
  return new Set(rows.map((row) => keyOf([storedField(row, field) as Value])));
}

/** The plan of the target rows {@link keysWithRows} reads at once: those matching the selection with a key. */
export function keysWithRowsPlan(schema: SchemaContext, relation: AnyRelation, selection: RelatedSelection): Plan {
  const table = schema.table(relation.targetTable);
  return planQuery({ table, filter: joinedFilter(relation, [present(relation.targetColumns[0]!)], selection) });
}

/** The plan of every target row matching the selection's filter (and the relation's own). */
export function matchingTargetsPlan(schema: SchemaContext, relation: AnyRelation, selection: RelatedSelection): Plan {
  const table = schema.table(relation.targetTable);
  return planQuery({ table, filter: joinedFilter(relation, [], selection) });
}

/** True when no index narrows the matching targets: reading them at once is a scan of the whole target table. */
export const scansAllTargets = (plan: Plan) => plan.kind === 'index' && plan.fullScan;

/**
 * Through a junction, the source keys of every visible junction row that
 * names a target matching the selection's filter: the junction rows as one
 * range over its source column, then the targets they name ({@link linkedMatches});
 * null when those targets would not be read at once.
 */
async function linkedKeysWithRows(
  execution: QueryExecution,
  relation: AnyRelation,
  selection: RelatedSelection,
): Promise<Set<string> | null> {
  const { context, schema, withDeleted } = execution;
  const through = relation.through!;
  const source = through.sourceColumns[0]!;
  const junction = schema.table(through.table);
  const plan = planQuery({ table: junction, filter: visibleLinks(schema, through, [present(source)], withDeleted) });
  const links = await selectRows(context, plan);
  const matches = await linkedMatches(execution, relation, selection, linkedKeys(relation, links));
  if (!matches) return null;
  const keys = new Set<string>();
  for (const link of links) {
    const values = keyValues(link, through.targetColumns);
    if (values && matches.has(keyOf(values))) keys.add(keyOf([storedField(link, source) as Value]));
  }
  return keys;
}

/**
 * The target keys among `named` (the distinct keys the junction rows name)
 * whose target matches the selection's filter: the matching targets read as
 * one read when an index narrows them; else each named target read once (a
 * `db.get` by id), as a through load reads them, unless those reads would
 * take more than half the ranges left (all of them under `strict`): then the scan of the whole target table,
 * or under `strict`, which refuses that scan, null (the rows left are probed
 * one at a time, as before the keys were read).
 */
async function linkedMatches(
  execution: QueryExecution,
  relation: AnyRelation,
  selection: RelatedSelection,
  named: ReadonlyMap<string, Value[]>,
): Promise<Set<string> | null> {
  const plan = matchingTargetsPlan(execution.schema, relation, selection);
  const lookups = named.size * rangesPerTarget(execution, relation, selection);
  const { db, strict } = execution.context;
  // Half the ranges left, as every keyed read weighs them (the rest of the query needs some); all of
  // them under strict, where the alternative is no scan but probing the rows one at a time.
  const lookupsFit = strict ? lookups <= rangesLeft(db) : !spanPays(db, lookups);
  if (scansAllTargets(plan) && !lookupsFit && strict) return null;
  if (scansAllTargets(plan) && lookupsFit) {
    const keys = [...named.keys()];
    const found = await mapBounded(
      keys,
      (key) => targetRows(execution, relation, named.get(key)!, selection),
      readConcurrency(db),
    );
    return new Set(keys.filter((_, i) => found[i]!.length > 0));
  }
  const matches = new Set<string>();
  for (const row of await selectRows(execution.context, plan)) {
    const values = keyValues(row, relation.targetColumns);
    if (values) matches.add(keyOf(values));
  }
  return matches;
}
