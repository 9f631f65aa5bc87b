import type { PaginationResult } from 'convex/server';
import { meterOf, unmetered } from '../limits/meteredDb.js';
import { paginateRefusedInComponent } from '../limits/transactionMetrics.js';
import type { IndexPlan, Plan } from '../planner/types.js';
import type { ExecutionContext } from './context.js';
import { encodeCursor, type PageCursor } from './cursor.js';
import { indexKey } from './indexKey.js';
import { type Doc, openRange } from './readIndex.js';

/** One page of rows in Convex's result shape, before shaping. */
export type PageRows = Omit<PaginationResult<unknown>, 'page'> & { rows: Doc[] };

// The databases (one per function call) whose one `.paginate()` the ORM has used: Convex allows one per function.
const paginated = new WeakSet<object>();

/** What one Convex `.paginate()` call may read. */
export interface ConvexPageBounds {
  readonly numItems: number;
  readonly start: PageCursor;
  readonly maximumRowsRead: number;
  readonly maximumBytesRead: number;
}

/**
 * Records that the function's one `.paginate()` is taken (by a page about to read with it, or by a
 * read outside the ORM's pages, a migration batch), so other pages go by index keys.
 */
export function takeConvexPaginate(db: object): void {
  paginated.add(unmetered(db));
}

/**
 * Whether a page of `plan` (not pinned: the caller asks only for a page
 * without an end cursor) is one Convex `.paginate()`: one index range and
 * no residual filter (every row read belongs to the page), a start known to
 * Convex (the cursor of a `.paginate()` page), and no earlier
 * page of this function has used it. Convex resumes inside the range at the
 * full index key (`_creationTime` included), which `withIndex` cannot
 * express: an index-key resume reads two ranges (the ties on the order
 * field, then past it), `.paginate()` one. A page pinned by `endCursor` is
 * read by the ORM's own loop: Convex reads a pinned page whole, ignoring
 * `maximumRowsRead` / `maximumBytesRead` (convex-test applies them), and the
 * ORM's loop stops it at the scan budget as it reads instead of after.
 */
export function fitsConvexPage(context: ExecutionContext, plan: Plan, start: PageCursor): plan is IndexPlan {
  return (
    plan.kind === 'index' &&
    plan.ranges.length === 1 &&
    plan.residual === null &&
    start.convex !== undefined &&
    !paginated.has(unmetered(context.db))
  );
}

/**
 * Whether the function may call Convex's `.paginate()` at all: not inside a
 * Convex component, where Convex refuses it; there every page goes by index
 * keys (the function's metadata is asked once per transaction).
 */
export async function convexPaginateOffered(context: ExecutionContext): Promise<boolean> {
  return !(await meterOf(context.db)?.inComponent());
}

/**
 * One page read with Convex's `.paginate()`, which the caller took for it ({@link takeConvexPaginate}). Its cursors carry the index
 * key of their position too, so a later page that cannot use `.paginate()`
 * (another page of the same function took it) goes on by index ranges.
 * `undefined` when Convex refused it as inside a component (where the ORM
 * could not ask, before convex 1.36): it read nothing, and the page goes by
 * index keys (the meter recorded the component for later pages).
 */
export async function readConvexPage(
  context: ExecutionContext,
  plan: IndexPlan,
  bounds: ConvexPageBounds,
): Promise<PageRows | undefined> {
  const { start } = bounds;
  let result: PaginationResult<Doc>;
  try {
    result = await openRange(context.db, plan, plan.ranges[0]!).paginate({
      numItems: bounds.numItems,
      cursor: start.convex ?? null,
      maximumRowsRead: bounds.maximumRowsRead,
      ...(Number.isFinite(bounds.maximumBytesRead) ? { maximumBytesRead: bounds.maximumBytesRead } : {}),
    });
  } catch (error) {
    if (paginateRefusedInComponent(error)) return undefined;
    throw error;
  }
  const rows = result.page;
  for (let i = 0; i < rows.length; i++) context.budget.spend(plan);
  const last = rows[rows.length - 1];
  const position = result.isDone ? 'end' : last ? indexKey(plan, last) : start.position;
  const page: PageRows = {
    rows,
    isDone: result.isDone,
    continueCursor: encodeCursor(plan, position, result.continueCursor),
  };
  if (result.pageStatus) page.pageStatus = result.pageStatus;
  // Convex's split cursor names no row; the ORM's splits the rows read in half, by index key. A page
  // that must split has one however few rows it read (convex-test gives none under two), as the
  // ORM's own pages do: usePaginatedQuery splits only a page with a splitCursor, and waits otherwise.
  if ((result.splitCursor || result.pageStatus === 'SplitRequired') && rows.length > 0) {
    page.splitCursor = encodeCursor(plan, indexKey(plan, rows[Math.floor((rows.length - 1) / 2)]!));
  }
  return page;
}
