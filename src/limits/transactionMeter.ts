import { budgetExceeded, type MeterSubject } from './budgetError.js';
import {
  CONVEX_TRANSACTION_LIMITS,
  CONVEX_VALUE_LIMITS,
  DEFAULT_TRANSACTION_BUDGET,
  type TransactionLimitName,
  type TransactionLimitValues,
} from './convexLimits.js';
import { documentSize } from './documentSize.js';
import { effectiveLimits, firstPassed, type Mutable, unlimited, type WriteTotals, zero } from './limitTotals.js';
import { inComponent, LIMIT_NAMES, METRIC_NAMES, type MetricsSource, READ_LIMIT_NAMES } from './transactionMetrics.js';

/**
 * The steps of one document read by {@link TransactionMeter.readDocument}:
 * methods of one object (a range's iterator, or a `db.get`'s read), so a
 * read makes no closure per step.
 */
export interface DocumentRead<R, T = R> {
  /** Starts the read: a `db.get`, or the next document of a range. */
  pull(): Promise<R>;
  /** The document `result` gave, if any. */
  found(result: R): unknown;
  /** What the read resolves to once counted; `result` itself when absent. */
  use?: ((result: R) => T | Promise<T>) | undefined;
  /** What the read settles to when it fails (past the budget, or the database threw); a rejection when absent. */
  failed?(error: unknown): Promise<T>;
}

/** What the ORM has read so far through one metered database (`countReads` exposes it). */
export interface ReadCounts {
  /** Documents the database handed over or scanned, including ones a `.filter` rejected. */
  documents: number;
  /** `db.get` calls plus index ranges opened (`db.query` executions), as Convex counts them. */
  ranges: number;
}

/** Reads made around the meter for a reservation, and the reserved reads that did not happen. */
export interface SettledReads extends ReadCounts {
  /** Reserved reads that did not happen, given back (none when absent). */
  readonly unread?: { readonly documentsRead: number; readonly bytesRead: number; readonly indexRanges?: number };
}

export type { MeterSubject } from './budgetError.js';

/**
 * Most document sizes a meter remembers by id ({@link TransactionMeter.storedSize}): a bounded
 * map (a transaction may read 32,000 documents). A raw write of a document past it reserves
 * Convex's largest, as one of a document the meter never read.
 */
const REMEMBERED_SIZES = 10_000;

/**
 * The most a patch of one document takes, as Convex counts it: the stored document read (through
 * its `by_id` range) and the patched one written, each up to Convex's largest.
 */
const LARGEST_PATCH: WriteTotals = {
  documentsWritten: 1,
  bytesWritten: CONVEX_VALUE_LIMITS.documentBytes,
  documentsRead: 1,
  bytesRead: CONVEX_VALUE_LIMITS.documentBytes,
  indexRanges: 1,
  functionsScheduled: 0,
  scheduledFunctionArgsBytes: 0,
};

/** The read limits of one `paginate` page, as Convex's pagination options name them. */
export interface PageReadLimits {
  readonly maximumRowsRead?: number;
  readonly maximumBytesRead?: number;
}

/**
 * The one read (and write) accounting of an ORM database: every read the ORM
 * makes passes through {@link meteredDb}, which reports it here. The meter
 * counts documents, index ranges and bytes, and throws a typed error before
 * the transaction would pass the ORM's budget or Convex's own limit (as
 * `ctx.meta.getTransactionMetrics()` reports it, the caller's reads included).
 */
export class TransactionMeter {
  /** Everything read through this meter, for `countReads`. */
  readonly reads: ReadCounts = { documents: 0, ranges: 0 };
  private readonly own = zero();
  // The transaction's usage at the last sync less `own` at that moment: what the meter did not
  // count. `own` plus this is the transaction's usage (one addition: it is checked per document).
  private outside = zero();
  // Reserved with {@link reserveAhead} and not yet made: a sync keeps counting them.
  private readonly ahead = zero();
  private limits: TransactionLimitValues;
  // Convex's own limits, as the transaction's metrics report them.
  private convex: TransactionLimitValues = CONVEX_TRANSACTION_LIMITS;
  // Document reads in flight, and reads waiting for room.
  private pending = 0;
  private readonly waiting: (() => void)[] = [];
  /** False for a counting-only meter (`countReads`). */
  readonly enforcing: boolean;
  // Raw writes (a hook's `ctx.raw`, `migrateOne`'s `ctx.db`) were reserved since the last sync began: counted
  // at estimates (Convex's largest document for one the meter never read), which no sync has corrected yet.
  private rawWrites = false;
  // The sync begun last, until it has taken the metrics: an estimate that would pass the budget while it is
  // pending waits for it (it corrects the raw writes reserved before it began) rather than being refused.
  private syncing: Promise<void> | undefined;
  // The document counted last and its size: a statement reserving the read of the row it patches
  // (read just before, as a hook's one-row update does per row) asks for that size again.
  private lastCounted: object | null = null;
  private lastCountedSize = 0;
  // Ids whose `by_id` range Convex's read set holds already: read by a `db.get` through this meter,
  // or written by a reserved statement. A patch, replace or delete of one opens no new range
  // (Convex merges a key's range with itself); of any other id, one.
  private readonly byId = new Set<string>();
  // The size of each document read through this meter (or as a raw write left it), by id: a raw
  // patch, replace or delete reads the whole stored document, which the write itself does not show.
  private readonly sizes = new Map<string, number>();
  /** Whether the function runs inside a Convex component: asked once, when a page would use `.paginate()`. */
  private component: Promise<boolean> | undefined;

  constructor(
    private readonly budget: TransactionLimitValues | null = DEFAULT_TRANSACTION_BUDGET,
    private readonly meta?: MetricsSource,
  ) {
    this.limits = budget ? effectiveLimits(budget, CONVEX_TRANSACTION_LIMITS) : unlimited();
    this.enforcing = budget !== null;
  }

  /**
   * Whether the function runs inside a Convex component, where Convex refuses
   * `.paginate()` (`PaginationUnsupportedInComponents`); false where
   * `getFunctionMetadata()` is not offered (older Convex versions, outside a
   * function).
   */
  inComponent(): Promise<boolean> {
    this.component ??= inComponent(this.meta);
    return this.component;
  }

  /**
   * Takes the transaction's usage from `getTransactionMetrics()` (what the
   * caller read and wrote outside the ORM too) where Convex offers it; called
   * when a query or statement starts. The report replaces what the meter had
   * counted when it asked ({@link counted}); what it counts while the report
   * is on its way stays on top. Without it the meter counts its own, and
   * there is nothing to wait for (`undefined`).
   */
  sync(): Promise<void> | undefined {
    const reported = this.reportedMetrics();
    if (!reported) return undefined;
    const counted = this.counted();
    const syncing: Promise<void> = reported.then(
      (metrics) => {
        this.take(metrics, counted);
        this.synced(syncing);
      },
      () => this.synced(syncing),
    );
    this.syncing = syncing;
    return syncing;
  }

  /** The sync begun last has settled: nothing is pending any more unless a later one began. */
  private synced(syncing: Promise<void>): void {
    if (this.syncing === syncing) this.syncing = undefined;
  }

  /**
   * {@link sync}, then `run`, in one step (one promise less per operation); `run()` at once when there is
   * nothing to wait for. After raw writes, the sync is {@link sync}'s own, which estimates may wait for.
   */
  syncThen<R>(run: () => Promise<R>): Promise<R> {
    if (this.rawWrites) {
      const syncing = this.sync();
      return syncing ? syncing.then(run) : run();
    }
    const reported = this.reportedMetrics();
    if (!reported) return run();
    const counted = this.counted();
    return reported.then(
      (metrics) => {
        this.take(metrics, counted);
        return run();
      },
      () => run(),
    );
  }

  /** The transaction's metrics as Convex reports them, or undefined where it does not (an action, an older backend) or the meter has no budget. */
  private reportedMetrics(): ReturnType<NonNullable<MetricsSource['getTransactionMetrics']>> | undefined {
    if (!this.budget || typeof this.meta?.getTransactionMetrics !== 'function') return undefined;
    this.rawWrites = false;
    try {
      return this.meta.getTransactionMetrics();
    } catch {
      return undefined; // Not available here: keep counting our own.
    }
  }

  /**
   * Reserves a raw write (a hook's `ctx.raw`, `migrateOne`'s `ctx.db`) as {@link reserveWrites}
   * does, records it, and makes it (`make`, which sends the write to Convex) in the same step. A raw
   * write's totals are estimates (Convex's largest document for the one it changes when the meter
   * never read it), so when they would pass the budget, the meter first takes the transaction's
   * usage, where Convex counted those writes at their size ({@link correctingSync}), and checks
   * again: a sync only when the estimates fill the budget, not per write. Reserved and sent in one
   * callback, as a sync asked between the two would replace the reservation with a report that does
   * not hold the write. Returns `make`'s promise; throws the typed error when the write passes the
   * budget at once, and the promise rejects with it when it passes after a sync.
   */
  reserveRawWrite<R>(subject: MeterSubject, totals: WriteTotals, make: () => Promise<R>): Promise<R> {
    if (firstPassed(this.own, this.outside, totals, this.limits)) {
      const correcting = this.correctingSync();
      if (correcting) return correcting.then(() => this.reserveRawWrite(subject, totals, make));
    }
    this.reserveWrites(subject, totals);
    this.rawWrites = true;
    return make();
  }

  /**
   * The sync that counts the raw writes reserved so far as Convex counted them: a new one when some
   * were reserved since the last began, else the one still pending (raw writes made at once, as
   * `Promise.all` makes them, wait for the same one rather than each refused on the estimates of the
   * others); `undefined` when there is nothing to correct or wait for.
   */
  private correctingSync(): Promise<void> | undefined {
    return this.rawWrites ? this.sync() : this.syncing;
  }

  /**
   * The sync for an operation a hook starts, or a statement's checks after its before-hooks: it runs
   * inside a statement that synced, and every read since went through this meter, so only raw writes
   * since are unknown to it, and they are reserved at estimates that are upper bounds. So the meter
   * asks Convex only when raw writes were reserved since the last sync began and their estimates
   * leave less than one document's patch may take ({@link syncBeforePatch}); not after every raw
   * write. A read that could pass the bytes budget on the estimates still syncs first
   * ({@link admit}), as a page does ({@link syncBeforePage}). `undefined` otherwise.
   */
  syncInsideStatement(): Promise<void> | undefined {
    return this.rawWrites ? this.syncBeforePatch() : undefined;
  }

  /**
   * The sync to wait for before a patch of one document is reserved after raw writes (a migration
   * batch's, after `migrateOne` wrote through `ctx.db`): raw writes are reserved at estimates that
   * are upper bounds, so the meter asks Convex only when they leave less than such a patch may take
   * ({@link correctingSync}), not after every document that wrote raw. `undefined` otherwise.
   */
  syncBeforePatch(): Promise<void> | undefined {
    return firstPassed(this.own, this.outside, LARGEST_PATCH, this.limits) ? this.correctingSync() : undefined;
  }

  /**
   * What the meter counted of the transaction's usage when it asked for the metrics, less the writes
   * reserved ahead (Convex counts those once they are made): the part of the report the meter holds.
   * What it counts after asking (a raw write reserved while the metrics are on their way) stays counted
   * on top of the report, which cannot hold it.
   */
  private counted(): TransactionLimitValues {
    const counted = zero();
    for (const name of LIMIT_NAMES) counted[name] = this.own[name] - this.ahead[name];
    return counted;
  }

  private take(
    metrics: Awaited<ReturnType<NonNullable<MetricsSource['getTransactionMetrics']>>>,
    counted: TransactionLimitValues,
  ): void {
    const budget = this.budget!;
    const outside = zero();
    const convex: Mutable<TransactionLimitValues> = { ...CONVEX_TRANSACTION_LIMITS };
    // A plain loop over the names (not entries): this runs once per ORM operation.
    for (const name of LIMIT_NAMES) {
      const reported = metrics?.[METRIC_NAMES[name]];
      outside[name] = (reported?.used ?? 0) - counted[name];
      // A limit Convex reports is the limit, 0 included (`transactionLimits: { documentsWritten: 0 }`
      // of a nested call); one it does not report stays at its default.
      if (reported) convex[name] = reported.used + reported.remaining;
    }
    this.outside = outside;
    this.convex = convex;
    this.limits = effectiveLimits(budget, convex);
  }

  // The per-read paths below add `own` and `outside` field by field rather than through `used`:
  // an access by a varying name is a keyed lookup, and they run per document and range read.
  private used(name: TransactionLimitName): number {
    return this.own[name] + this.outside[name];
  }

  /**
   * Documents the transaction has written or reserved for writing, as far as the meter knows:
   * every ORM statement's and raw write's reservation, and since the last sync every other write.
   * It grows with each write, so a caller compares two readings to learn whether anything wrote.
   */
  documentsWritten(): number {
    return this.own.documentsWritten + this.outside.documentsWritten;
  }

  /** Bytes the transaction has read, as far as the meter knows: every read through it, and since the last sync every other. */
  bytesRead(): number {
    return this.own.bytesRead + this.outside.bytesRead;
  }

  /** What the transaction may still use of budget `name`. */
  left(name: TransactionLimitName): number {
    return this.limits[name] - this.used(name);
  }

  /** Index ranges the transaction may still open within the budget. */
  rangesLeft(): number {
    return this.limits.indexRanges - this.own.indexRanges - this.outside.indexRanges;
  }

  /**
   * Records that Convex's read set holds the `by_id` range of `id`: a `db.get` of it (or a write
   * to it) read that range, so a patch, replace or delete of it opens none ({@link hasReadById}).
   */
  readById(id: string): void {
    this.byId.add(id);
  }

  /**
   * True when a patch, replace or delete of `id` opens no new index range: Convex reads the
   * document it changes through its `by_id` index (`get_inner`), a range of one key, which merges
   * only with a range already read over that key (a `db.get` of the id, or an earlier write to it).
   * False when the meter does not know of one (the read was a range over another index, or outside the meter).
   */
  hasReadById(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * The size of the stored document `id` as the meter knows it: as read through the meter, or as
   * a raw write left it ({@link changedById}); `undefined` when the meter never read it, or an
   * ORM statement wrote it since ({@link wroteById}).
   */
  storedSize(id: string): number | undefined {
    return this.sizes.get(id);
  }

  /**
   * Records a raw write to `id`: Convex's read set holds its `by_id` range ({@link readById}), and
   * the document is now of `size` bytes at most (`undefined`: deleted).
   */
  changedById(id: string, size: number | undefined): void {
    this.byId.add(id);
    if (size === undefined) this.sizes.delete(id);
    else this.remember(id, size);
  }

  /**
   * Records an ORM statement's write to `id`: Convex's read set holds its `by_id` range
   * ({@link readById}), and its size as read is no longer known to hold.
   */
  wroteById(id: string): void {
    this.byId.add(id);
    this.sizes.delete(id);
  }

  private remember(id: string, size: number): void {
    const { sizes } = this;
    if (sizes.size < REMEMBERED_SIZES || sizes.has(id)) sizes.set(id, size);
  }

  /** Records one index range (or `db.get`) about to be opened; throws first when it would pass the budget. */
  openRange(subject: MeterSubject): void {
    if (this.own.indexRanges + this.outside.indexRanges + 1 > this.limits.indexRanges) {
      this.exceeded('indexRanges', subject);
    }
    this.own.indexRanges++;
    this.reads.ranges++;
  }

  /**
   * Reads one document through `read.pull` (a `db.get`, or the next document
   * of a range; `read.found` says which document, if any, it gave):
   * {@link admit}, the pull, then {@link finish}, which counts the document;
   * past the budget the read fails. `read.use` and `read.failed` continue in
   * the same step (one promise on top of the pull's, as this runs per document).
   */
  readDocument<R, T = R>(subject: MeterSubject, read: DocumentRead<R, T>): Promise<T> {
    let wait: Promise<void> | undefined;
    try {
      wait = this.admit(subject);
    } catch (error) {
      return readFailed(read, error);
    }
    if (wait) return wait.then(() => this.readDocument(subject, read));
    let pulled: Promise<R>;
    try {
      pulled = read.pull();
    } catch (error) {
      this.finish(subject, null);
      return readFailed(read, error);
    }
    return pulled.then(
      (result) => {
        try {
          this.finish(subject, read.found(result));
        } catch (error) {
          return readFailed(read, error);
        }
        return read.use ? read.use(result) : (result as unknown as T);
      },
      (error: unknown) =>
        // In flight until the failure is known: the reads held back wait for it.
        this.failure(subject, error).then((failure) => {
          this.finish(subject, null);
          return readFailed(read, failure);
        }),
    );
  }

  /**
   * What a read (or a page) the database refused fails with: the typed error of the read limit
   * that Convex's metrics show passed, else `error` itself. Convex counts a document, or a
   * range, before it refuses it for its limit, so its `remaining` is then below zero; Convex's
   * error text is not looked at. The meter takes those metrics, so reads after it are refused
   * typed. One `getTransactionMetrics()` per failed read, only where the meter enforces its budget.
   */
  failure(subject: MeterSubject, error: unknown): Promise<unknown> {
    const meta = this.meta;
    if (!this.budget || typeof meta?.getTransactionMetrics !== 'function') return Promise.resolve(error);
    const before = { documentsRead: this.used('documentsRead'), bytesRead: this.used('bytesRead') };
    const ranges = this.used('indexRanges');
    let metrics: ReturnType<NonNullable<MetricsSource['getTransactionMetrics']>>;
    try {
      metrics = meta.getTransactionMetrics();
    } catch {
      return Promise.resolve(error);
    }
    const counted = this.counted();
    return metrics.then(
      (reported) => {
        const passed = READ_LIMIT_NAMES.find((name) => (reported?.[METRIC_NAMES[name]]?.remaining ?? 0) < 0);
        if (!passed) return error;
        const used = passed === 'indexRanges' ? ranges : before[passed];
        this.take(reported, counted);
        return budgetExceeded(passed, subject, {
          limit: this.limits[passed],
          used,
          adding: reported[METRIC_NAMES[passed]].used - used,
          statement: false,
          convex: this.convex[passed],
        });
      },
      () => error,
    );
  }

  /**
   * Lets one document read start: reads in flight at once (relation loads run
   * in parallel) are held back while they could together pass Convex's
   * limit. Returns `undefined` when the read may start now (it is then in
   * flight until {@link finish}), else a promise of when to ask again.
   * Throws the typed error instead when the read cannot start at all: the
   * budget is already passed (a read failed, and reads still queued must not
   * land after it), or nothing is in flight and one more document, of a
   * size unknown until it is read, could pass Convex's limit. Except for
   * Convex's bytes: with nothing in flight and bytes left, the read starts
   * ({@link mayOvershoot}), as a limit under one largest document (a nested
   * call's `transactionLimits`) would otherwise refuse every read.
   * Synchronous when there is room, as it runs per document. After raw writes (whose sizes may be
   * estimated as Convex's largest document) a read that could pass the bytes budget on them asks
   * again once the meter has synced ({@link correctingSync}: the pending sync when one began after
   * them, as for reads made at once), so it is not refused for bytes Convex never counted.
   */
  private admit(subject: MeterSubject): Promise<void> | undefined {
    if ((this.rawWrites || this.syncing !== undefined) && this.readMayPassBytes()) {
      const correcting = this.correctingSync();
      if (correcting) return correcting;
    }
    const full = this.enforcing ? this.noRoom() : null;
    if (full === null) {
      this.pending++;
      return undefined;
    }
    if (full !== 'documentsRead' && full !== 'bytesRead' && this.pending > 0) {
      return new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    if (full === 'bytesInFlight' && this.mayOvershoot()) {
      this.pending++;
      return undefined;
    }
    // This read does not start, so nothing will finish for the next one held back: it asks now.
    this.waiting.shift()?.();
    if (full === 'documentsInFlight') this.exceeded('documentsRead', subject);
    // A document's size is unknown before it is read: the read may add Convex's largest.
    if (full === 'bytesInFlight') this.exceeded('bytesRead', subject, CONVEX_VALUE_LIMITS.documentBytes);
    this.exceeded(full, subject);
  }

  /** True when one more document, up to Convex's largest, could take the bytes read past the budget. */
  private readMayPassBytes(): boolean {
    return this.own.bytesRead + this.outside.bytesRead + CONVEX_VALUE_LIMITS.documentBytes > this.limits.bytesRead;
  }

  /**
   * True when one read may start that could pass Convex's bytes limit (nothing else in flight):
   * something is left of the limit, and should Convex refuse the read, {@link failure} reports its
   * limit as the typed error, which needs the transaction's metrics. A document takes at least a
   * byte, so with nothing left the read is refused typed without starting.
   */
  private mayOvershoot(): boolean {
    return (
      this.own.bytesRead + this.outside.bytesRead < this.convex.bytesRead &&
      typeof this.meta?.getTransactionMetrics === 'function'
    );
  }

  /**
   * Ends a read {@link admit} let start: the first read held back tries
   * again (one read ended, so one may start: waking every waiter would have
   * all but one of them wait again, a promise each per read ended), and the
   * document it gave (if any) is counted; throws past the budget.
   */
  private finish(subject: MeterSubject, doc: unknown): void {
    this.pending--;
    this.waiting.shift()?.();
    if (doc) this.countDocument(subject, doc as Record<string, unknown>);
  }

  /**
   * Why one more document read may not start now, if it may not: a read budget a counted
   * document already passed (a typed error was thrown for it), or Convex's limit that one more
   * read, whatever its size, could pass with the reads in flight (`…InFlight`).
   */
  private noRoom(): 'documentsRead' | 'bytesRead' | 'documentsInFlight' | 'bytesInFlight' | null {
    const { own, outside, limits, convex } = this;
    const documents = own.documentsRead + outside.documentsRead;
    const bytes = own.bytesRead + outside.bytesRead;
    const inFlight = this.pending + 1;
    if (documents > limits.documentsRead) return 'documentsRead';
    if (bytes > limits.bytesRead) return 'bytesRead';
    if (documents + inFlight > convex.documentsRead) return 'documentsInFlight';
    if (bytes + inFlight * CONVEX_VALUE_LIMITS.documentBytes > convex.bytesRead) return 'bytesInFlight';
    return null;
  }

  /** Counts one document read (by {@link readDocument}, or one of a page that has arrived); throws past the budget. */
  countDocument(subject: MeterSubject, doc: Record<string, unknown>): void {
    const { own, outside, limits } = this;
    const size = documentSize(doc);
    this.lastCounted = doc;
    this.lastCountedSize = size;
    this.remember(doc._id as string, size);
    own.documentsRead++;
    own.bytesRead += size;
    this.reads.documents++;
    if (own.documentsRead + outside.documentsRead > limits.documentsRead) this.exceeded('documentsRead', subject);
    if (own.bytesRead + outside.bytesRead > limits.bytesRead) this.exceeded('bytesRead', subject);
  }

  /** The size Convex gives `doc`, not measured again when it is the document counted last. */
  documentSize(doc: Record<string, unknown>): number {
    return doc === this.lastCounted ? this.lastCountedSize : documentSize(doc);
  }

  /**
   * The sync a page waits for before it takes its read limits ({@link pageLimits}) from what the
   * budget has left, when raw writes' estimates (Convex's largest document for one the meter never
   * read) could cut it short: raw writes reserved since a sync began (or one pending), and less left
   * than `numItems` rows, or than `numItems` of Convex's largest documents and the one
   * {@link pageLimits} keeps back. `undefined` otherwise, as for most pages.
   */
  syncBeforePage(numItems: number): Promise<void> | undefined {
    if (!this.rawWrites && this.syncing === undefined) return undefined;
    const pageBytes = (numItems + 1) * CONVEX_VALUE_LIMITS.documentBytes;
    return this.left('documentsRead') < numItems || this.left('bytesRead') < pageBytes
      ? this.correctingSync()
      : undefined;
  }

  /**
   * Convex's page read limits (`maximumRowsRead` / `maximumBytesRead`) from
   * what the budget has left, tighter `given` ones kept, so the database cuts
   * a page short (a split) instead of reading it past the budget; a page is
   * counted only once it has arrived. Throws when nothing is left to read.
   */
  pageLimits(subject: MeterSubject, given: PageReadLimits): PageReadLimits {
    if (!this.enforcing) return {};
    const rows = this.limits.documentsRead - this.used('documentsRead');
    const bytes = this.limits.bytesRead - this.used('bytesRead');
    if (rows < 1) this.exceeded('documentsRead', subject);
    if (bytes < 1) this.exceeded('bytesRead', subject);
    // Convex ends a page after the document that reaches a maximum, so the bytes stop one
    // largest document short of what is left (the rows stop exactly).
    const pageBytes = Math.max(1, bytes - CONVEX_VALUE_LIMITS.documentBytes);
    return {
      maximumRowsRead: Math.min(rows, given.maximumRowsRead ?? rows),
      maximumBytesRead: Math.min(pageBytes, given.maximumBytesRead ?? pageBytes),
    };
  }

  /**
   * Checks a statement's writes (and the reads its patches, deletes and
   * aggregate buckets make) against what the transaction has left, recording
   * nothing. Throws `WRITE_BUDGET_EXCEEDED` or `SCAN_BUDGET_EXCEEDED`.
   */
  checkWrites(subject: MeterSubject, totals: WriteTotals): void {
    const passed = firstPassed(this.own, this.outside, totals, this.limits);
    if (passed) this.exceeded(passed, subject, totals[passed], true);
  }

  /**
   * {@link checkWrites}, then records the writes. A statement reserves them
   * right before its first write, once nothing else can reject it: one that
   * throws before then (a caught unique violation) has used none of the budget.
   */
  reserveWrites(subject: MeterSubject, totals: WriteTotals): void {
    this.checkWrites(subject, totals);
    const { own } = this;
    own.documentsWritten += totals.documentsWritten;
    own.bytesWritten += totals.bytesWritten;
    own.documentsRead += totals.documentsRead;
    own.bytesRead += totals.bytesRead;
    own.indexRanges += totals.indexRanges;
    own.functionsScheduled += totals.functionsScheduled;
    own.scheduledFunctionArgsBytes += totals.scheduledFunctionArgsBytes;
  }

  /**
   * {@link reserveWrites} for writes made after operations that sync (a migration batch's state
   * advance, reserved before the batch's statements): a sync takes the transaction's usage, which
   * does not hold these yet, so they stay counted on top of it until {@link madeAhead}.
   */
  reserveAhead(subject: MeterSubject, totals: WriteTotals): void {
    this.reserveWrites(subject, totals);
    this.holdAhead(totals);
  }

  /**
   * Writes reserved already and sent later than the step that reserved them (a statement's rows,
   * written one after another while a hook's raw write may sync): counted on top of what a sync
   * takes from Convex until {@link madeAhead}.
   */
  holdAhead(totals: WriteTotals): void {
    for (const name of LIMIT_NAMES) this.ahead[name] += totals[name];
  }

  /**
   * Checks again, after a sync, that writes {@link reserveAhead} reserved still fit: raw writes
   * (which the meter learns of only at a sync) may have taken their room since. Throws their
   * `WRITE_BUDGET_EXCEEDED` (or `SCAN_BUDGET_EXCEEDED`) if not; they stay reserved if they fit.
   */
  recheckAhead(subject: MeterSubject, totals: WriteTotals): void {
    // Released and reserved again: the check, and its error's figures, see the transaction without them.
    for (const name of LIMIT_NAMES) {
      this.own[name] -= totals[name];
      this.ahead[name] -= totals[name];
    }
    this.reserveAhead(subject, totals);
  }

  /** The writes {@link reserveAhead} reserved are sent now: the next sync finds them in the transaction's usage. */
  madeAhead(totals: WriteTotals): void {
    for (const name of LIMIT_NAMES) this.ahead[name] -= totals[name];
  }

  /**
   * Settles a reservation whose reads were made around the meter (aggregate
   * buckets): shows them in {@link reads}, and gives back the reserved reads
   * that did not happen (`unread`, at most what was reserved), so the
   * operations that follow without a sync (after-hooks) see the reads made.
   */
  settleReserved({ documents, ranges, unread }: SettledReads): void {
    this.reads.documents += documents;
    this.reads.ranges += ranges;
    if (!unread) return;
    this.own.documentsRead -= unread.documentsRead;
    this.own.bytesRead -= unread.bytesRead;
    this.own.indexRanges -= unread.indexRanges ?? 0;
  }

  /** Throws the typed error of budget `name`, which `adding` more would pass (see {@link budgetExceeded}). */
  private exceeded(name: TransactionLimitName, subject: MeterSubject, adding = 1, statement = false): never {
    throw budgetExceeded(name, subject, {
      limit: this.limits[name],
      used: this.used(name),
      adding,
      statement,
      convex: this.convex[name],
    });
  }
}

function readFailed<T>(read: Pick<DocumentRead<unknown, T>, 'failed'>, error: unknown): Promise<T> {
  return read.failed ? read.failed(error) : Promise.reject(error);
}
