import type { PaginationOptions, PaginationResult } from 'convex/server';
import { OrmError } from '../errors.js';
import { CONVEX_VALUE_LIMITS } from '../limits/convexLimits.js';
import { documentSize } from '../limits/documentSize.js';
import { meterOf } from '../limits/meteredDb.js';
import { plannedRanges } from '../planner/indexPlan.js';
import type { IndexPlan, Plan, SearchPlan, UnionPlan } from '../planner/types.js';
import type { ExecutionContext } from './context.js';
import {
  type ConvexPageBounds,
  convexPaginateOffered,
  fitsConvexPage,
  type PageRows,
  readConvexPage,
  takeConvexPaginate,
} from './convexPage.js';
import { cursorRead, encodeCursor, notACursor, otherQueryCursor } from './cursor.js';
import type { CursorSeal, OpenedCursor } from './cursorSeal.js';
import type { QueryExecution } from './execution.js';
import type { QueryExplain } from './explain.js';
import { readBesideLoad } from './filterBesideLoad.js';
import { planRoot } from './find.js';
import { type IndexKey, indexKey } from './indexKey.js';
import { onceEach } from './onceEach.js';
import { checkPage } from './pageChecks.js';
import { PageShaper } from './pageShaper.js';
import { indexSource, type PageSource, searchSource, unionSource } from './pageSource.js';
import type { ParsedQuery } from './parseQuery.js';
import type { Doc } from './readIndex.js';
import { residualTest } from './residual.js';
import type { SchemaContext } from './schemaContext.js';
import { assertNotForbidden } from './selectRows.js';

/**
 * `explain()` of a page: the plan, how the page reads and resumes, whether
 * its end is pinned across reactive re-runs, and whether its cursors are
 * sealed. One index range and no residual filter: Convex's `.paginate()`,
 * one range a page (the function's first page from a cursor of such a page;
 * any other resumes after the cursor's index key), whose end Convex pins
 * across re-runs from the query journal. Otherwise each planned range
 * resumes after the index key, as one range per index field after its
 * equalities, and nothing pins the page's end across re-runs
 * (`usePaginatedQuery` sends `endCursor` only for the halves of a split):
 * the caller pins it by passing `endCursor`, and the ranges are then cut at
 * its key too, so the page reads no row past it. A search reads its results
 * from the first, skips those earlier pages read, and stops at a pinned
 * page's last. `plan` is the page's root read: a page the run refuses,
 * `explain()` refuses with the same error.
 */
export function explainPage(
  explain: QueryExplain,
  query: ParsedQuery,
  plan: Plan,
  schema: SchemaContext,
  sealed: boolean,
  given: PaginationOptions,
): QueryExplain {
  const cursors = sealed ? 'sealed' : 'plain';
  const plain = sealed ? undefined : checkPage(query, plan, schema, false, given, 'plain');
  const { options } = plain ?? checkPage(query, plan, schema, true, given, 'sealed');
  // A plain cursor without Convex's part (of a page read by index key) cannot resume a .paginate();
  // a sealed one is opened only as the page runs, so its page is described as it may run.
  const byIndexKey = plain !== undefined && plain.start.convex === undefined;
  const pinned = typeof options.endCursor === 'string';
  // As the run refuses it (a query that matches nothing reads no page).
  if (plan.kind !== 'empty' && explain.scanBudget !== undefined) {
    checkPageWithinBudget(plan.table, options.numItems, explain.scanBudget);
  }
  if (explain.read === 'search') {
    const rerun = pinned ? PINNED_BY_END_CURSOR : NOT_PINNED;
    return { ...explain, page: `search results from the first; the cursor counts them; ${rerun}`, cursors };
  }
  if (explain.read !== 'index' && explain.read !== 'union') return { ...explain, cursors };
  let page: string;
  if (pinned) page = `${BY_INDEX_KEY}, ${CUT_AT_END_CURSOR}; ${PINNED_BY_END_CURSOR}`;
  else if (explain.ranges.length === 1 && explain.residual === null && !byIndexKey) page = CONVEX_PAGINATE;
  else page = `${BY_INDEX_KEY}; ${NOT_PINNED}`;
  return { ...explain, page, cursors };
}

/** `SCAN_BUDGET_EXCEEDED` for a page of more rows than the scan budget: it could never be read whole. */
function checkPageWithinBudget(table: string, numItems: number, scanBudget: number): void {
  if (numItems <= scanBudget) return;
  throw new OrmError(
    'SCAN_BUDGET_EXCEEDED',
    `paginate on "${table}" asks for pages of ${numItems} documents, more than the scan budget (${scanBudget}); ask for smaller pages or raise scanBudget.`,
    { table, details: { budget: 'scanBudget', limit: scanBudget, scanBudget } },
  );
}

const CONVEX_PAGINATE =
  ".paginate(): one range a page, its end pinned by Convex across re-runs (the function's first page, from a cursor of such a page; others, and all pages inside a Convex component, resume after the index key, unpinned: pass endCursor)";
const BY_INDEX_KEY = 'merged from the index key: each range resumed as one range per index field after its equalities';
const CUT_AT_END_CURSOR = "then cut at endCursor's key as one range per index field up to it";
const NOT_PINNED =
  'not pinned across re-runs (usePaginatedQuery sends endCursor only to split a page): pass endCursor to keep pages adjacent';
const PINNED_BY_END_CURSOR =
  'pinned by endCursor: every row up to it, read whole (maximumRowsRead / maximumBytesRead ignored, as Convex does), and none past it';

/** The page options Convex documents and the ORM honours: where the page starts and ends, and how far it may read. */
interface PageBounds {
  readonly numItems: number;
  readonly start: IndexKey | null;
  readonly end: IndexKey | 'end' | undefined;
  readonly maximumRowsRead: number;
  /** Bytes the page may read before it stops (from `maximumBytesRead` and the transaction budget). */
  readonly maximumBytesRead: number;
  /**
   * What sets the two maximums, `details.budget` of an error they cause: `scanBudget`,
   * `maximumRowsRead` or `documentsRead`; `maximumBytesRead` or `bytesRead`.
   */
  readonly rowsBudget?: string;
  readonly bytesBudget?: string;
}

/**
 * One page in Convex's `PaginationResult` shape, filled: the planned index
 * ranges are read from the cursor's key on (several ranges merged in index
 * order), the residual filter applied and the rows shaped in the fill loop,
 * until `numItems` rows passed, the data ends, or `maximumRowsRead` / the
 * scan budget is reached (the rows' relation loads included): then the page
 * stops early with `pageStatus: 'SplitRequired'` and a `splitCursor`
 * halfway, as Convex does. With `endCursor` (usePaginatedQuery's split
 * halves, or a caller pinning its pages) the page holds every row up to that
 * key and reads none past it (as Convex's own `.paginate()` bounds its read
 * at the end cursor), the read maximums ignored as Convex ignores them, and
 * returns `endCursor` as its `continueCursor`; one the scan budget or the
 * transaction cannot read whole throws the typed error. Cursors are index
 * keys, so a function may read pages of several queries (Convex allows one
 * `.paginate()` per function); a page of one range and no residual filter is
 * Convex's own `.paginate()` when the function has not used it yet, which
 * resumes in one range where an index key needs two.
 */
export function runPaginate(
  execution: QueryExecution,
  query: ParsedQuery,
  given: PaginationOptions,
  plan?: Plan,
): Promise<PaginationResult<unknown>> {
  // Without a secret the page is read as it always was: not one promise more.
  const { cursorSeal } = execution;
  return cursorSeal === null
    ? readPage(execution, query, given, plan)
    : readSealedPage(cursorSeal, execution, query, given, plan);
}

/** A page whose cursors are sealed: the given ones opened first (`INVALID_QUERY` if one does not open), the new ones sealed. */
async function readSealedPage(
  seal: CursorSeal,
  execution: QueryExecution,
  query: ParsedQuery,
  given: PaginationOptions,
  plan: Plan = planRoot(query),
): Promise<PaginationResult<unknown>> {
  // What the page refuses, before its cursors are opened (as explain() refuses it).
  const { cursor, endCursor } = checkPage(query, plan, execution.schema, true, given, 'sealed').options;
  const read = cursorRead(plan);
  const opened = { ...given };
  if (cursor !== null) opened.cursor = openedFor(plan, await seal.open(cursor, read), 'cursor');
  if (typeof endCursor === 'string') opened.endCursor = openedFor(plan, await seal.open(endCursor, read), 'endCursor');
  const page = await readPage(execution, query, opened, plan);
  // A pinned page goes on from the endCursor it was given, as Convex returns it.
  const continueCursor = typeof endCursor === 'string' ? endCursor : await seal.seal(page.continueCursor, read);
  const sealed = { ...page, continueCursor };
  if (typeof page.splitCursor === 'string') sealed.splitCursor = await seal.seal(page.splitCursor, read);
  return sealed;
}

/** The plain cursor inside a sealed one opened for `plan`'s read (`INVALID_QUERY` when it did not open or is another read's). */
function openedFor(plan: Plan, opened: OpenedCursor | undefined, option: string): string {
  if (opened === undefined) throw notACursor(plan, option);
  if (!opened.sameRead) throw otherQueryCursor(plan, option);
  return opened.text;
}

/** One page with plain cursors (see {@link runPaginate}). */
async function readPage(
  execution: QueryExecution,
  query: ParsedQuery,
  given: PaginationOptions,
  root: Plan = planRoot(query),
): Promise<PaginationResult<unknown>> {
  const sealed = execution.cursorSeal !== null;
  const { options, plan, start, end } = checkPage(query, root, execution.schema, sealed, given, 'plain');
  readBesideLoad(execution, query, root);
  if (plan.kind === 'index') assertNotForbidden(execution.context, plan);
  // Like Convex: an empty page is not the end, and its cursor stays where it was (a pinned page
  // holds every row up to its end, whatever its size).
  if (options.numItems === 0 && end === undefined) {
    return { page: [], isDone: false, continueCursor: encodeCursor(plan, start.position, start.convex) };
  }
  // A pinned page returns its `endCursor` whatever it read, as Convex's does (the client keys its pages by it).
  const pinnedEnd = end === undefined ? undefined : (options.endCursor as string);
  if (plan.kind === 'empty') return { page: [], isDone: true, continueCursor: pinnedEnd ?? encodeCursor(plan, 'end') };
  // A page of more rows than the budget could never be read whole, so it is refused up front.
  const { limit: scanBudget } = execution.context.budget;
  checkPageWithinBudget(plan.table, options.numItems, scanBudget);
  const { context } = execution;
  const shaper = new PageShaper(execution, query, options.numItems);
  let read: PageEnd;
  if (start.position === 'end') read = { isDone: true, continueCursor: pinnedEnd ?? encodeCursor(plan, 'end') };
  else if (end !== undefined && pinnedEnd !== undefined) {
    // Pinned (usePaginatedQuery's split halves, or the caller's endCursor): as Convex does, every row up
    // to the end, with `maximumRowsRead` / `maximumBytesRead` ignored; a page that cannot be read whole
    // throws the typed error instead of coming back short.
    const filled =
      end.position === null
        ? { isDone: false }
        : await fillPage(execution, sourceOf(context, plan), shaper, {
            numItems: options.numItems,
            start: start.position,
            end: end.position,
            maximumRowsRead: Number.POSITIVE_INFINITY,
            maximumBytesRead: Number.POSITIVE_INFINITY,
          });
    read = { ...filled, continueCursor: pinnedEnd };
  } else {
    const maximumRowsRead = Math.min(options.maximumRowsRead ?? scanBudget, scanBudget);
    // What the transaction's read budget has left caps the page too, so it splits instead of failing;
    // a merge of several ranges reads one row ahead in each of the others.
    const left = meterOf(context.db)?.pageLimits(plan, options) ?? {};
    const lookahead = plan.kind === 'search' ? 0 : plannedRanges(plan) - 1;
    const bounds = {
      numItems: options.numItems,
      maximumRowsRead: Math.max(1, Math.min(maximumRowsRead, (left.maximumRowsRead ?? maximumRowsRead) - lookahead)),
      maximumBytesRead: left.maximumBytesRead ?? options.maximumBytesRead ?? Number.POSITIVE_INFINITY,
      // What sets each maximum: the transaction's budget where less is left of it than the page allows.
      rowsBudget:
        left.maximumRowsRead !== undefined && left.maximumRowsRead < maximumRowsRead
          ? 'documentsRead'
          : maximumRowsRead < scanBudget
            ? 'maximumRowsRead'
            : 'scanBudget',
      bytesBudget:
        left.maximumBytesRead !== undefined &&
        left.maximumBytesRead < (options.maximumBytesRead ?? Number.POSITIVE_INFINITY)
          ? 'bytesRead'
          : 'maximumBytesRead',
    };
    read =
      (await convexPaginatePage(context, plan, shaper, { ...bounds, start })) ??
      (await fillPage(execution, sourceOf(context, plan), shaper, {
        ...bounds,
        start: start.position,
        end: undefined,
      }));
  }
  return { ...read, page: shaper.page() };
}

/** A page without its rows (the shaper holds them): where it ends and whether it is split. */
type PageEnd = Omit<PaginationResult<unknown>, 'page'>;

function sourceOf(context: QueryExecution['context'], plan: IndexPlan | SearchPlan | UnionPlan): PageSource {
  if (plan.kind === 'union') return unionSource(context, plan);
  return plan.kind === 'search' ? searchSource(context, plan) : indexSource(context, plan);
}

/**
 * The page as Convex's `.paginate()` reads it, shaped, where it fits and is offered
 * ({@link fitsConvexPage}); `undefined` otherwise, or where Convex refused it as inside a component.
 */
async function convexPaginatePage(
  context: QueryExecution['context'],
  plan: Plan,
  shaper: PageShaper,
  bounds: ConvexPageBounds,
): Promise<PageEnd | undefined> {
  if (!fitsConvexPage(context, plan, bounds.start)) return undefined;
  // Claimed before the first await: a page started beside this one (a query's Promise.all, whose
  // reads are not queued as a mutation's statements are) finds it taken and goes by index keys.
  takeConvexPaginate(context.db);
  if (!(await convexPaginateOffered(context))) return undefined;
  const rows = await readConvexPage(context, plan, bounds);
  return rows && shapeConvexPage(plan, shaper, rows);
}

/**
 * Shapes the rows of a Convex `.paginate()` page. When their relations run
 * out, the page ends at the last row shaped (by its index key: Convex's
 * cursor names the end of the rows it read), `SplitRequired`.
 */
async function shapeConvexPage(plan: IndexPlan, shaper: PageShaper, read: PageRows): Promise<PageEnd> {
  const { rows, ...end } = read;
  for (let i = 0; i < rows.length; i++) {
    if (!(await shaper.add(rows[i]!, i))) break;
  }
  if (shaper.cutAt < 0 && (await shaper.flush())) return end;
  if (shaper.cutAt === 0) throw shaper.failure;
  return splitPage(
    plan,
    rows.slice(0, shaper.cutAt).map((row) => indexKey(plan, row)),
  );
}

/** A page that stops early after the rows at `keys` (in read order), split halfway, as Convex splits one. */
function splitPage(plan: PageSource['plan'], keys: readonly IndexKey[]): PageEnd {
  return {
    isDone: false,
    continueCursor: encodeCursor(plan, keys[keys.length - 1]!),
    pageStatus: 'SplitRequired',
    splitCursor: encodeCursor(plan, keys[Math.floor((keys.length - 1) / 2)]!),
  };
}

/**
 * Refuses a page that would reach its read limits before its first new row: it could never go on
 * (a search page reads the results of the pages before it again). Past the transaction's budget
 * (`documentsRead`, `bytesRead`: `adding` more), the meter's typed error, which states its limit
 * and, under rules, no usage (the transaction's reads include rows the rules hide); past the
 * page's own limit, one naming it.
 */
function refuseReread(context: ExecutionContext, table: string, budget: string, limit: number, adding: number): never {
  if (budget === 'documentsRead' || budget === 'bytesRead')
    meterOf(context.db)?.usage.exceeded(budget, { table }, adding);
  // How many results the page reads again is not said: they include rows the caller may not see.
  throw new OrmError(
    'SCAN_BUDGET_EXCEEDED',
    `paginate on "${table}": this search page reads the results of the pages before it again (the ORM resumes a search by counting its results), which reaches ${budget} (${limit}); raise it or read fewer results.`,
    { table, details: { budget, limit } },
  );
}

/**
 * The fill loop of one page: rows read from `start` in read order, the
 * residual filter applied and the rows that pass shaped as they come (see
 * {@link PageShaper}). A page that is not pinned (`end` undefined) stops at
 * `numItems` rows, at its read maximums, or before the row whose own read,
 * residual or relation reads run past the scan budget or the transaction's,
 * once it has a row to go on from; a pinned page reads every row up to `end`
 * (its source none past it) and throws the typed error instead.
 */
async function fillPage(
  execution: QueryExecution,
  source: PageSource,
  shaper: PageShaper,
  bounds: PageBounds,
): Promise<PageEnd> {
  const { context } = execution;
  const { plan } = source;
  const { start, end } = bounds;
  const pinned = end !== undefined;
  const test = residualTest(context, plan.table, plan.residual);
  const passes = plan.kind === 'union' ? onceEach(test) : test;
  let rowCount = 0;
  const keys: IndexKey[] = [];
  let stop: 'full' | 'limit' | undefined;
  let bytes = 0;
  // Rows read again before the start (a search's earlier results) count against the read limits.
  let skip = source.skipped(start);
  if (skip >= bounds.maximumRowsRead) {
    // The results read again and one new row.
    refuseReread(context, plan.table, bounds.rowsBudget ?? 'maximumRowsRead', bounds.maximumRowsRead, skip + 1);
  }
  let read = 0;
  // Driven by hand, so that the row's own read is inside the try below (see there).
  // A pinned page's source reads no row past its end: the page has ended when the rows do.
  const rows = source.rows(start, end === 'end' ? undefined : end)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let doc: Doc;
      let key: IndexKey;
      let passed: boolean;
      try {
        const next = await rows.next();
        if (next.done) break;
        [doc, key] = next.value;
        context.budget.spend(plan);
        read++;
        bytes += documentSize(doc);
        if (skip > 0) {
          skip--;
          if (bytes >= bounds.maximumBytesRead) {
            // The bytes read again are counted already: what stops the page is the room a next document may take.
            refuseReread(
              context,
              plan.table,
              bounds.bytesBudget ?? 'maximumBytesRead',
              bounds.maximumBytesRead,
              CONVEX_VALUE_LIMITS.documentBytes,
            );
          }
          continue;
        }
        passed = await passes(doc);
      } catch (error) {
        // The row's reads may pass the budget: the residual's own (relation filters, rules), or the
        // row's read itself (by the index iterator, a merge's read-ahead, a search), once the residual's
        // and the relations' reads have spent what the transaction had left when the page set its caps.
        // The page stops before this row, as it does at maximumRowsRead, once it has a row to go on from.
        if (!pinned && keys.length > 0 && budgetRanOut(error)) {
          stop = 'limit';
          break;
        }
        throw error;
      }
      keys.push(key);
      if (passed) {
        rowCount++;
        // The row's relations ran out: the page ends before it (or fails, below).
        if (!(await shaper.add(doc, keys.length - 1))) break;
      }
      if (!pinned && rowCount === bounds.numItems) stop = 'full';
      // As Convex does, the document that reaches a maximum is the last one read; so is the one that
      // spends the rest of the scan budget (relation and rule reads included), so nothing is read past it.
      else if (
        !pinned &&
        (read >= bounds.maximumRowsRead || bytes >= bounds.maximumBytesRead || context.budget.left() <= 0)
      )
        stop = 'limit';
      if (stop) break;
    }
  } finally {
    // Closes the ranges still open, as `for await` does when a page stops early.
    await rows.return?.();
  }
  if (shaper.cutAt < 0) await shaper.flush();
  if (shaper.cutAt >= 0) {
    // Relations that do not fit: a pinned page, or one with no row before the cut to go on from, fails.
    if (pinned || shaper.cutAt === 0) throw shaper.failure;
    keys.length = shaper.cutAt;
    stop = 'limit';
  }
  if (stop === 'limit') return splitPage(plan, keys);
  // A pinned page's cursor is the `endCursor` it was given (set by the caller).
  if (pinned) return { isDone: end === 'end', continueCursor: '' };
  if (stop === 'full') return { isDone: false, continueCursor: encodeCursor(plan, keys[keys.length - 1]!) };
  return { isDone: true, continueCursor: encodeCursor(plan, 'end') };
}

/**
 * Whether a page may stop before the read that threw `error`: one past the
 * scan budget or the transaction's reads, which the next page has afresh.
 * Not one past the 1,024 results a search hands over: the next page would
 * read up to them again and fail there, so this page fails now.
 */
function budgetRanOut(error: unknown): boolean {
  return (
    error instanceof OrmError && error.code === 'SCAN_BUDGET_EXCEEDED' && error.details?.budget !== 'searchResults'
  );
}
