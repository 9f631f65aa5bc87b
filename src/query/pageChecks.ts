import type { PaginationOptions } from 'convex/server';
import { OrmError } from '../errors.js';
import { CONVEX_TRANSACTION_LIMITS } from '../limits/convexLimits.js';
import { orderNoIndexGives } from '../planner/suggestIndex.js';
import type { GetPlan, Plan } from '../planner/types.js';
import { describe } from '../schema/conforms.js';
import { indexAdvice } from './budget.js';
import { decodeCursor, notACursor, type PageCursor } from './cursor.js';
import { hasSealedForm } from './cursorSeal.js';
import { columnSpecs } from './orderTerms.js';
import type { ParsedQuery } from './parseQuery.js';
import type { SchemaContext } from './schemaContext.js';

/**
 * The most items a page may ask for: Convex's `.paginate()` refuses more
 * (`PageSizeTooLarge`, past `TRANSACTION_MAX_READ_SIZE_ROWS`), and a
 * transaction cannot read more documents anyway. `scanBudget` may be set
 * higher; the page size may not.
 */
export const MAX_PAGE_ITEMS = CONVEX_TRANSACTION_LIMITS.documentsRead;

/**
 * The page options checked as Convex checks them, but with typed errors:
 * `numItems` a non-negative integer of at most {@link MAX_PAGE_ITEMS},
 * `cursor` a string or null, `endCursor` a string, null or absent.
 */
export function parsePagination(table: string, options: unknown): PaginationOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalidPagination(table, 'takes Convex pagination options { numItems, cursor }');
  }
  const { numItems, cursor } = options as Partial<PaginationOptions>;
  if (typeof numItems !== 'number' || !Number.isInteger(numItems) || numItems < 0) {
    throw invalidPagination(table, `"numItems" must be a non-negative integer; got ${describe(numItems)}`);
  }
  if (numItems > MAX_PAGE_ITEMS) {
    throw invalidPagination(
      table,
      `"numItems" must be at most ${MAX_PAGE_ITEMS} (Convex's limit on the items of a page); got ${numItems}`,
    );
  }
  if (cursor !== null && typeof cursor !== 'string') {
    throw invalidPagination(table, `"cursor" must be a string or null; got ${describe(cursor)}`);
  }
  // Anything else would read an unpinned page where the caller asked for a pinned one.
  const { endCursor } = options as Partial<PaginationOptions>;
  if (endCursor !== undefined && endCursor !== null && typeof endCursor !== 'string') {
    throw invalidPagination(table, `"endCursor" must be a string, null or absent; got ${describe(endCursor)}`);
  }
  // Convex's .paginate() refuses 0 (InvalidPaginationLimit): a page must be able to read a row.
  for (const name of ['maximumRowsRead', 'maximumBytesRead'] as const) {
    const maximum = (options as Partial<PaginationOptions>)[name];
    if (maximum !== undefined && (!Number.isInteger(maximum) || maximum < 1)) {
      throw invalidPagination(table, `"${name}" must be a positive integer; got ${describe(maximum)}`);
    }
  }
  return options as PaginationOptions;
}

function invalidPagination(table: string, problem: string): OrmError {
  return new OrmError('INVALID_QUERY', `paginate on "${table}": ${problem}.`, { table });
}

/**
 * The rows a page plans to read: `numItems`, and one row for an empty page,
 * so a page of 0 items plans the same read (and cursor) as the pages around it.
 */
export function pageRows(table: string, options: unknown): number {
  return Math.max(1, parsePagination(table, options).numItems);
}

/** A page's options as checked, and the read it pages. */
export interface CheckedOptions {
  readonly options: PaginationOptions;
  readonly plan: Exclude<Plan, GetPlan>;
}

/** A page checked with plain cursors: those decoded too. */
export interface CheckedPage extends CheckedOptions {
  readonly start: PageCursor;
  readonly end: PageCursor | undefined;
}

/**
 * What a page refuses before it reads, one check for the run and `explain()` alike (a page the
 * run refuses, `explain()` refuses with the same error): options Convex refuses, an order through
 * a relation, plain cursors under rules, a cursor that does not decode for `plan`'s read, and a read
 * that cannot be paged. `sealed`: the ORM seals its cursors. The run checks the plain cursors
 * inside sealed ones (opened first, `readSealedPage`); `explain()` cannot open sealed ones (that is
 * async, and needs the secret): it checks only that they have a sealed cursor's form ({@link hasSealedForm}).
 */
export function checkPage(
  query: ParsedQuery,
  plan: Plan,
  schema: SchemaContext,
  sealed: boolean,
  given: unknown,
  cursors: 'plain',
): CheckedPage;
export function checkPage(
  query: ParsedQuery,
  plan: Plan,
  schema: SchemaContext,
  sealed: boolean,
  given: unknown,
  cursors: 'plain' | 'sealed',
): CheckedOptions;
export function checkPage(
  query: ParsedQuery,
  plan: Plan,
  schema: SchemaContext,
  sealed: boolean,
  given: unknown,
  cursors: 'plain' | 'sealed',
): CheckedOptions | CheckedPage {
  const table = query.table.name;
  const options = parsePagination(table, given);
  if (!columnSpecs(query.orderBy)) {
    throw new OrmError('INVALID_QUERY', `paginate on "${table}" cannot order by relations; order by indexed columns.`, {
      table,
    });
  }
  if (!sealed && schema.rules !== null) throw unsealedUnderRules(table);
  const { cursor, endCursor } = options;
  if (cursors === 'sealed') {
    for (const [option, text] of [
      ['cursor', cursor],
      ['endCursor', endCursor],
    ] as const) {
      if (typeof text === 'string' && !hasSealedForm(text)) throw notACursor(plan, option);
    }
    assertPageable(plan);
    return { options, plan };
  }
  const start = decodeCursor(plan, cursor);
  const end = typeof endCursor === 'string' ? decodeCursor(plan, endCursor, 'endCursor') : undefined;
  assertPageable(plan);
  return { options, plan, start, end };
}

/**
 * A page under rules stops at rows the rules hide (a page that stops early
 * ends at the last row read), and its cursor holds that row's index key: in
 * plain cursors the caller would read the hidden row's indexed values and id.
 */
function unsealedUnderRules(table: string): OrmError {
  return new OrmError(
    'INVALID_OPTION',
    `paginate on "${table}" under rules needs sealed cursors, else a cursor can reveal the indexed values of rows the rules hide: set createOrm({ cursorSecret }) to a random secret of at least 32 characters from the environment variable CONVEX_ORM_CURSOR_SECRET, or read through orm.db(ctx, { rules: false }).`,
    { table, details: { option: 'cursorSecret' } },
  );
}

/**
 * What makes a read pageable: why no index gives its order (the planned order, whose terms that
 * order nothing the planner dropped: `orderingTerms`), else the index to add.
 */
function pageAdvice(plan: Plan): string {
  if (plan.kind === 'get') return 'filter _id with findMany instead';
  return (plan.kind === 'index' && orderNoIndexGives(plan.orderBy)) || indexAdvice(plan);
}

/**
 * `INVALID_QUERY` for a read that cannot be paged: a get by `_id`, or an
 * index read whose order the index does not give. Refused whatever the page
 * size (an empty page's included).
 */
function assertPageable(plan: Plan): asserts plan is Exclude<Plan, GetPlan> {
  if (
    plan.kind === 'get' ||
    (plan.kind === 'index' && !plan.orderServed) ||
    (plan.kind === 'union' && !plan.pageable)
  ) {
    throw new OrmError(
      'INVALID_QUERY',
      `paginate on "${plan.table}" needs an index that gives the order; ${pageAdvice(plan)}.`,
      { table: plan.table },
    );
  }
}
