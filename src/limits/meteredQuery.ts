import type { PaginationOptions, PaginationResult } from 'convex/server';
import { OrmError } from '../errors.js';
import { CONVEX_SEARCH_LIMITS } from './convexLimits.js';
import type { DocumentRead, TransactionMeter } from './transactionMeter.js';
// The metered side of `db.query(...)`: each executed range and each document it hands over are
// reported to the transaction meter (`meteredDb` hands these out for `db.query`).

export type Doc = Record<string, unknown>;
// The untyped Convex query chain the wrapper delegates to.
export interface RawQuery extends AsyncIterable<Doc> {
  fullTableScan(): RawQuery;
  withIndex(name: string, range?: unknown): RawQuery;
  withSearchIndex(name: string, search: unknown): RawQuery;
  order(order: 'asc' | 'desc'): RawQuery;
  filter(predicate: unknown): RawQuery;
  paginate(options: PaginationOptions): Promise<PaginationResult<Doc>>;
}

/** Turns a Convex `.filter()` predicate into a test of one document (`countReads` evaluates filters itself). */
export type FilterCompiler = (predicate: (q: never) => unknown) => (doc: Doc) => boolean;

interface QueryState {
  readonly table: string;
  readonly meter: TransactionMeter;
  readonly index: string | undefined;
  /** A text search: Convex loads each result by id (one range each) and hands over at most 1,024. */
  readonly search: boolean;
  readonly compileFilter: FilterCompiler | undefined;
  readonly predicates: readonly ((doc: Doc) => boolean)[];
  /** The `.filter()` arguments `predicates` were compiled from, for a page Convex filters itself. */
  readonly filters: readonly ((q: never) => unknown)[];
}

/**
 * A query's state, always made here: one object literal of the same keys,
 * so the per-document code that reads it (`next()`, the predicates) sees one
 * hidden class. Spread copies adding a key made several, and those reads
 * went megamorphic.
 */
export function queryState(
  table: string,
  meter: TransactionMeter,
  index: string | undefined,
  search: boolean,
  compileFilter: FilterCompiler | undefined,
  predicates: readonly ((doc: Doc) => boolean)[],
  filters: readonly ((q: never) => unknown)[],
): QueryState {
  return { table, meter, index, search, compileFilter, predicates, filters };
}

/**
 * A query that reports what it reads to the meter: one range when it runs,
 * then each document as the database hands it over. With a filter compiler,
 * `.filter()` predicates run here, so rejected documents are counted too
 * (Convex counts them against its limits as well).
 */
export class MeteredQuery {
  constructor(
    private readonly state: QueryState,
    private readonly base: RawQuery,
  ) {}

  private next(base: RawQuery, index?: string, search = false): MeteredQuery {
    const { state } = this;
    return new MeteredQuery(
      index === undefined
        ? state
        : queryState(state.table, state.meter, index, search, state.compileFilter, state.predicates, state.filters),
      base,
    );
  }
  fullTableScan() {
    return this.next(this.base.fullTableScan());
  }
  withIndex(name: string, range?: unknown) {
    return this.next(this.base.withIndex(name, range), name);
  }
  withSearchIndex(name: string, search: unknown) {
    return this.next(this.base.withSearchIndex(name, search), name, true);
  }
  order(order: 'asc' | 'desc') {
    return this.next(this.base.order(order));
  }
  filter(predicate: (q: never) => unknown) {
    const { table, meter, index, search, compileFilter, predicates, filters } = this.state;
    if (!compileFilter) return this.next(this.base.filter(predicate));
    return new MeteredQuery(
      queryState(
        table,
        meter,
        index,
        search,
        compileFilter,
        [...predicates, compileFilter(predicate)],
        [...filters, predicate],
      ),
      this.base,
    );
  }

  /** The range's documents that pass the predicates, each counted as it arrives. */
  [Symbol.asyncIterator](): AsyncIterator<Doc> {
    return new MeteredRange(this.state, this.base);
  }

  /**
   * Reads up to `n` documents that pass the predicates, closing the range
   * when it stops early, and hands them to `done`. A chain of `.then`s, not
   * an async function: uniqueness probes run `first()` once per row written.
   */
  private read<T>(n: number, done: (rows: Doc[]) => T): Promise<T> {
    const rows: Doc[] = [];
    if (n <= 0) return Promise.resolve(rows).then(done);
    return readRows(this[Symbol.asyncIterator](), rows, n, done);
  }

  take(n: number): Promise<Doc[]> {
    // Convex's own check and text, so the wrapper fails where the database would.
    if (!Number.isInteger(n) || n < 0) {
      return Promise.reject(new TypeError('Arg 1 `n` to `take` must be a non-negative integer'));
    }
    return this.read(n, (rows) => rows);
  }
  collect(): Promise<Doc[]> {
    return this.read(Number.POSITIVE_INFINITY, (rows) => rows);
  }
  first(): Promise<Doc | null> {
    return this.read(1, (rows) => rows[0] ?? null);
  }
  unique(): Promise<Doc | null> {
    return this.read(2, (rows) => {
      if (rows.length === 2) {
        // Convex's own error, word for word: the wrapper must not change what the caller sees.
        throw new Error(
          `unique() query returned more than one result from table ${this.state.table}:\n [${rows[0]!._id}, ${rows[1]!._id}, ...]`,
        );
      }
      return rows[0] ?? null;
    });
  }
  /**
   * The page Convex reads, cut short (split) where the budget's reads end.
   * Its `.filter()`s (evaluated here elsewhere) go to Convex, so the page is
   * the one the caller gets without the meter; the documents they passed over
   * are not counted, as Convex reports no count of them (one `.paginate()` per
   * function leaves no second read to count them with). After raw writes whose estimates could
   * cut the page short, the meter syncs first.
   */
  async paginate(options: PaginationOptions): Promise<PaginationResult<Doc>> {
    const { meter, filters } = this.state;
    const syncing = meter.syncBeforePage(options.numItems);
    if (syncing) await syncing;
    const asked = meter.openPage(this.state);
    // A raw write made while the page is on its way may leave a document other than the page returns it.
    const since = meter.documents.rawWrites;
    let query = this.base;
    for (const filter of filters) query = query.filter(filter);
    const result = await query
      .paginate({ ...options, ...meter.pageLimits(this.state, options) })
      // A page that passed Convex's limit (one past a limit under one largest document) fails typed.
      .catch((error: unknown) =>
        meter.pageFailure(this.state, error, asked).then((failure) => Promise.reject(failure)),
      );
    for (const doc of result.page) meter.countDocument(this.state, doc, since);
    return result;
  }
}

/** Whether `doc` passes the query's `.filter()` predicates (when the meter evaluates them). */
function passes(state: QueryState, doc: Doc): boolean {
  return state.predicates.every((test) => test(doc));
}

/** Adds the next documents of `docs` to `rows` until it has `n` (then closes `docs`) or `docs` ends. */
function readRows<T>(docs: AsyncIterator<Doc>, rows: Doc[], n: number, done: (rows: Doc[]) => T): Promise<T> {
  return docs.next().then((result) => {
    if (result.done) return done(rows);
    rows.push(result.value);
    return rows.length < n ? readRows(docs, rows, n, done) : docs.return!().then(() => done(rows));
  });
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * One executed range of a {@link MeteredQuery}: the range is counted on the
 * first `next()`, then each document as it arrives; documents the predicates
 * reject are read past. A hand-written iterator, not an async generator,
 * which would cost several promises per document; its read steps are its own
 * methods, so a range makes one object rather than a closure per step. A
 * read that fails (past the budget) closes the range first.
 */
class MeteredRange implements AsyncIterator<Doc>, DocumentRead<IteratorResult<Doc>> {
  private docs: AsyncIterator<Doc> | undefined;
  /** Documents asked for so far: each but the last gave one (the range ends at the first that gives none). */
  private pulls = 0;

  constructor(
    private readonly state: QueryState,
    private readonly base: RawQuery,
  ) {}

  next(): Promise<IteratorResult<Doc>> {
    return this.state.meter.readDocument(this.state, this);
  }
  return(): Promise<IteratorResult<Doc>> {
    return this.docs?.return?.() ?? Promise.resolve(DONE);
  }

  pull(): Promise<IteratorResult<Doc>> {
    const { state } = this;
    if (!this.docs) {
      state.meter.openRange(state);
      this.docs = this.base[Symbol.asyncIterator]();
    } else if (state.search) {
      // Convex loads each search result with a read by id (a range of its own), and fails the query
      // when asked for a result past the 1,024th: the typed error comes first.
      if (this.pulls === CONVEX_SEARCH_LIMITS.textResults) throw searchResultsPassed(state);
      state.meter.openRange(state);
    }
    this.pulls++;
    return this.docs.next();
  }
  found(result: IteratorResult<Doc>): Doc | false {
    return !result.done && result.value;
  }
  use(result: IteratorResult<Doc>): IteratorResult<Doc> | Promise<IteratorResult<Doc>> {
    return result.done || passes(this.state, result.value) ? result : this.next();
  }
  failed(error: unknown): Promise<IteratorResult<Doc>> {
    return this.return().then(() => {
      throw error;
    });
  }
}

function searchResultsPassed({ table, index }: QueryState): OrmError {
  const limit = CONVEX_SEARCH_LIMITS.textResults;
  return new OrmError(
    'SCAN_BUDGET_EXCEEDED',
    `Searching index "${index}" of "${table}" would read past the ${limit} results Convex hands over per search (the rest of the filter kept too few of them); narrow the search with equalities on the index's filter fields or more specific text, or ask for fewer rows.`,
    { table, details: { budget: 'searchResults', limit, index: index ?? null } },
  );
}
