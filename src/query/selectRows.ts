import { OrmError } from '../errors.js';
import { matchesFilter } from '../filter/evaluate.js';
import { conjunctsOf, type FilterNode } from '../filter/tree.js';
import type { GetPlan, IndexPlan, Plan, SearchPlan, UnionPlan } from '../planner/types.js';
import { indexAdvice, readEach } from './budget.js';
import type { ExecutionContext } from './context.js';
import { filterRows, type RowTest } from './filterRows.js';
import { onceEach } from './onceEach.js';
import { type Doc, documentId, documentIds, idBoundsHold, readIndex, readUnion } from './readIndex.js';
import { readSearch } from './readSearch.js';
import { residualTest } from './residual.js';
import { sortRows } from './sortRows.js';
import { type Window, windowEnd, windowRows } from './window.js';

/**
 * Reads one document by id through the per-query cache, charging the budget
 * once, and hands it to `then`. The cache holds the database's own read and
 * `then` is chained onto it directly: this runs per relation target, and a
 * promise in between would cost one more per read. The first reader of an id
 * reserves its read on the budget before it starts ({@link ReadBudget.reserve})
 * and charges it; its reaction runs before any later reader's.
 */
function getDocument<T>(
  context: ExecutionContext,
  plan: GetPlan,
  id: string,
  then: (doc: Doc | null) => T | Promise<T>,
): Promise<T> {
  if (!idConditionsPass(plan.residual, id)) return Promise.resolve(null).then(then);
  const cached = context.documents.get(id);
  if (cached) return cached.then(then);
  const { budget } = context;
  const room = budget.reserve();
  if (room === false) return Promise.reject(budget.exceeded(plan));
  // Asked again once a read in flight settles: it may have read this id meanwhile, and then this reader
  // reads nothing, so the turn it was woken for goes to the next read held back (else, with several
  // readers of one id held back, the last reads in flight would wake readers that start none, and the
  // rest would wait forever).
  if (room !== true) {
    return room.then(() => {
      if (context.documents.has(id)) budget.pass();
      return getDocument(context, plan, id, then);
    });
  }
  const read = context.db.get(plan.table, id as never) as Promise<Doc | null>;
  context.documents.set(id, read);
  return read.then(
    (doc) => {
      if (!budget.settle(doc !== null)) throw budget.exceeded(plan);
      return then(doc);
    },
    (error: unknown) => {
      budget.settle(false);
      throw error;
    },
  );
}

/**
 * True unless a condition of `residual` on `_id` alone rejects `id`: an
 * `_id` list (the query's or a rule's) beside the `_id` equality a get plan
 * reads by, such as a join or relation key bound per row, or its `NOT`
 * (`NOT: { _id: x }`). Such a condition reads nothing but the id, so an id it
 * rejects is skipped unread, as if missing; the residual still tests every
 * document read.
 */
function idConditionsPass(residual: FilterNode | null, id: string): boolean {
  if (residual === null) return true;
  const row = { _id: id };
  return conjunctsOf(residual).every((node) => !readsIdOnly(node) || matchesFilter(node, row));
}

/** True when `node` reads no field but `_id`, which every document has: the id alone decides it. */
function readsIdOnly(node: FilterNode): boolean {
  switch (node.kind) {
    case 'compare':
    case 'in':
      return node.field === '_id';
    case 'not':
      return readsIdOnly(node.child);
    case 'and':
    case 'or':
      return node.children.every(readsIdOnly);
    default:
      return false;
  }
}

/** In strict mode, a plan that must look at the whole table throws `FULL_SCAN_FORBIDDEN` before any read. */
export function assertNotForbidden(context: ExecutionContext, plan: IndexPlan): void {
  if (!context.strict) return;
  // A range of by_id whose bounds are no ids of the table reads the whole of it.
  const scans =
    plan.fullScan ||
    (plan.index === 'by_id' && plan.ranges.some(({ interval }) => interval) && !idBoundsHold(context.db, plan));
  if (!scans) return;
  throw new OrmError(
    'FULL_SCAN_FORBIDDEN',
    `Query on "${plan.table}" would scan the whole table (no index narrows it); ${indexAdvice(plan)}, or drop strict mode.`,
    { table: plan.table, details: plan.suggestedIndex ? { suggestedIndex: [...plan.suggestedIndex] } : {} },
  );
}

/** The documents of a get plan, read one id at a time (through the per-query cache), the missing skipped. */
function documentsById(context: ExecutionContext, plan: GetPlan): AsyncIterable<Doc> {
  return {
    [Symbol.asyncIterator]() {
      return new DocumentsById(context, plan, documentIds(context.db, plan).values());
    },
  };
}

/** One pass of {@link documentsById}: a method per step, so a pass makes one object, not a closure per step. */
class DocumentsById implements AsyncIterator<Doc> {
  constructor(
    private readonly context: ExecutionContext,
    private readonly plan: GetPlan,
    private readonly ids: Iterator<string>,
  ) {}

  next(): Promise<IteratorResult<Doc>> {
    const id = this.ids.next();
    if (id.done) return Promise.resolve(DONE);
    return getDocument(this.context, this.plan, id.value, (doc) => (doc ? { done: false, value: doc } : this.next()));
  }
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const NO_ROWS: AsyncIterable<Doc> = {
  [Symbol.asyncIterator]() {
    return {
      next() {
        return Promise.resolve(DONE);
      },
    };
  },
};

/** What a plan reads before its residual filter, in read order, and the test every document read must pass. */
interface PlanRead {
  readonly source: AsyncIterable<Doc>;
  readonly test: RowTest<Doc>;
  /**
   * The error of a document read past the budget, when the reader reserves each
   * of the source's reads on the budget (index ranges, search results); null
   * for reads by id, which reserve their own ({@link getDocument}).
   */
  readonly exceeded: (() => Error) | null;
}

/** The documents a plan's reader reserves on the budget itself (all but reads by id), before its residual. */
function readSource(context: ExecutionContext, plan: IndexPlan | SearchPlan | UnionPlan): AsyncIterable<Doc> {
  if (plan.kind === 'search') return readSearch(context.db, plan);
  if (plan.kind === 'union') return readUnion(context.db, plan, undefined, context.budget);
  assertNotForbidden(context, plan);
  return readIndex(context.db, plan, undefined, context.budget);
}

/** The read of a plan: ids, search results or index ranges, each document read charged to the budget. */
function planRead(context: ExecutionContext, plan: Exclude<Plan, { kind: 'empty' }>): PlanRead {
  const test = residualTest(context, plan.table, plan.residual);
  if (plan.kind === 'get') return { source: documentsById(context, plan), test, exceeded: null };
  return {
    source: readSource(context, plan),
    test: plan.kind === 'union' ? onceEach(test) : test,
    exceeded() {
      return context.budget.exceeded(plan);
    },
  };
}

/**
 * The rows of a plan that pass its whole filter, in read order (ids, or
 * index order), each document's read reserved on the budget before it starts
 * and charged as it arrives. Lazy: nothing is read (or checked) before the
 * first row is asked for, and a consumer that stops early reads no further.
 */
export function matchingRows(context: ExecutionContext, plan: Plan): AsyncIterable<Doc> {
  if (plan.kind === 'empty') return NO_ROWS;
  return {
    [Symbol.asyncIterator]: () => {
      const { source, test, exceeded } = planRead(context, plan);
      return filterRows(source, test, context.budget, exceeded)[Symbol.asyncIterator]();
    },
  };
}

/**
 * How many matches a read of `plan` takes before it stops (`offset + limit`;
 * none for a window of no rows), or undefined when it reads every match:
 * without a limit, or when the order is not the read's own (an in-memory
 * sort needs every match first) and the limit is no cap ({@link Window.capped}).
 */
export function readLimit(plan: Plan, window: Window): number | undefined {
  const end = windowEnd(window);
  return end === 0 || readsInOrder(plan) || window.capped ? end : undefined;
}

/** True when the plan's read yields its order (index order, relevance, or ids without an order), so no sort follows. */
function readsInOrder(plan: Plan): boolean {
  if (plan.kind === 'index' || plan.kind === 'union') return plan.orderServed;
  return plan.kind !== 'get' || plan.orderBy.length === 0;
}

/**
 * Executes a plan: the rows of its table that pass its whole filter, in its
 * order, windowed by `limit`/`offset`. The fill loop stops once `offset +
 * limit` rows passed when the read gives the order; otherwise every match is
 * read (bounded by the budget) and sorted in memory. The read path shared by
 * queries and by update/delete.
 */
export function selectRows(context: ExecutionContext, plan: Plan, window: Window = {}): Promise<Doc[]> {
  if (plan.kind === 'empty') return Promise.resolve([]);
  if (plan.kind === 'get' && plan.ids.length === 1 && readLimit(plan, window) !== 0) {
    // A get plan of one id (`where: { _id }`): one read, no iteration.
    const id = documentId(context.db, plan.table, plan.ids[0]);
    return id === null ? Promise.resolve([]) : selectDocument(context, plan, id, window);
  }
  return fillRows(context, plan, window);
}

/**
 * {@link selectRows} of a get plan of one id, reading `id` in place of the
 * plan's own (a relation's plan template holds a placeholder there). `id`
 * must name a document of the plan's table: a value of an `id(table)`
 * column, which Convex validated when the row was written. So it skips
 * `normalizeId`, which a user-supplied id needs: `db.get(table, id)` throws
 * on an id of another table (convex-test's `_validateId` and Convex alike)
 * where a `where: { _id }` with a foreign id must match nothing. Relation
 * loads run this once per parent row.
 */
export function selectStoredId(context: ExecutionContext, plan: GetPlan, id: string, window: Window): Promise<Doc[]> {
  return readLimit(plan, window) === 0 ? Promise.resolve([]) : selectDocument(context, plan, id, window);
}

/** The document `id` of a one-id get plan as the plan's rows: read through the cache, tested, windowed. */
function selectDocument(context: ExecutionContext, plan: GetPlan, id: string, window: Window): Promise<Doc[]> {
  return getDocument(context, plan, id, (doc) => {
    if (!doc) return [];
    if (plan.residual === null) return oneRow(doc, window);
    const passed = residualTest(context, plan.table, plan.residual)(doc);
    if (typeof passed === 'boolean') return passed ? oneRow(doc, window) : [];
    return passed.then((ok) => (ok ? oneRow(doc, window) : []));
  });
}

/** `windowRows([doc], window)` without the intermediate array. */
function oneRow(doc: Doc, { offset = 0, limit }: Window): Doc[] {
  return offset > 0 || limit === 0 ? [] : [doc];
}

/**
 * `rows` of `plan` (every match, in read order) in the plan's order: sorted when its read does not
 * give it (a union's branches read in turn sort by its total order, so ties come as its pages give them).
 */
export function inPlanOrder(plan: Plan, rows: Doc[]): Doc[] {
  return plan.kind === 'empty' || plan.kind === 'search' || readsInOrder(plan) ? rows : sortRows(rows, plan.orderBy);
}

/** The fill loop of {@link selectRows}: matches read in order until the window is full, sorted when the read is not in order. */
function fillRows(context: ExecutionContext, plan: Exclude<Plan, { kind: 'empty' }>, window: Window): Promise<Doc[]> {
  const wanted = readLimit(plan, window);
  const rows: Doc[] = [];
  if (wanted === 0) return Promise.resolve(rows);
  let read: PlanRead;
  try {
    read = planRead(context, plan);
  } catch (error) {
    return Promise.reject(error); // FULL_SCAN_FORBIDDEN, as the read's own failure
  }
  const { source, test, exceeded } = read;
  // The plan's read tested in the loop (no filterRows step): one promise less per document.
  return readEach(
    context.budget,
    source,
    exceeded,
    test,
    (doc) => {
      rows.push(doc);
      return rows.length !== wanted;
    },
    () => windowRows(inPlanOrder(plan, rows), window),
  );
}
