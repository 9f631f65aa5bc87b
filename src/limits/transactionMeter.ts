import { budgetExceeded, type MeterSubject } from './budgetError.js';
import { ChangedRows } from './changedRows.js';
import { CONVEX_VALUE_LIMITS, DEFAULT_TRANSACTION_BUDGET, type TransactionLimitValues } from './convexLimits.js';
import { KnownDocuments } from './knownDocuments.js';
import type { WriteTotals } from './limitTotals.js';
import {
  inComponent,
  METRIC_NAMES,
  type MetricsSource,
  paginateRefusedInComponent,
  READ_LIMIT_NAMES,
} from './transactionMetrics.js';
import { type ReportedMetrics, TransactionUsage } from './transactionUsage.js';

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

export type { MeterSubject } from './budgetError.js';

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
 * counts documents, index ranges and bytes into the transaction's
 * {@link usage}, syncs it with `ctx.meta.getTransactionMetrics()` (the
 * caller's reads and writes included) when it must, holds reads back while
 * those in flight could pass Convex's limits, and throws a typed error before
 * the transaction would pass the ORM's budget or Convex's own limit.
 */
export class TransactionMeter {
  /** Everything read through this meter, for `countReads`. */
  readonly reads: ReadCounts = { documents: 0, ranges: 0 };
  /** What the transaction has used and may use of each limit; statements reserve their writes there. */
  readonly usage: TransactionUsage;
  /** What the meter knows of single documents: whether their `by_id` range is read, their stored size. */
  readonly documents = new KnownDocuments();
  /** The stored rows the transaction's statements changed, in order: what a statement's before-hooks changed. */
  readonly changedRows = new ChangedRows();
  /** False for a counting-only meter (`countReads`). */
  readonly enforcing: boolean;
  // Document reads in flight, and reads waiting for room.
  private pending = 0;
  private readonly waiting: (() => void)[] = [];
  // Raw writes (a hook's `ctx.raw`, `migrateOne`'s `ctx.db`) were reserved at estimates since the last sync
  // began (Convex's largest document for one the meter never read, a patch's upper bound), which no sync has
  // corrected yet. Raw writes reserved at their exact cost (an insert) leave nothing to correct.
  private estimates = false;
  // How many times the meter has asked for the transaction's metrics: a raw write Convex refuses gives its
  // writes back only when none was asked since it was reserved ({@link refusedRawWrite}).
  private metricsAsked = 0;
  // The sync begun last, until it has taken the metrics: an estimate that would pass the budget while it is
  // pending waits for it (it corrects the raw writes reserved before it began) rather than being refused.
  private syncing: Promise<void> | undefined;
  /**
   * Whether the function runs inside a Convex component: asked once, when a page would use
   * `.paginate()`, or learnt from Convex refusing one ({@link pageFailure}).
   */
  private component: Promise<boolean> | undefined;

  constructor(
    budget: TransactionLimitValues | null = DEFAULT_TRANSACTION_BUDGET,
    private readonly meta?: MetricsSource,
  ) {
    this.usage = new TransactionUsage(budget);
    this.enforcing = budget !== null;
  }

  /**
   * Whether the function runs inside a Convex component, where Convex refuses
   * `.paginate()` ("paginate() is only supported in the app."); false where
   * `getFunctionMetadata()` is not offered (older Convex versions, outside a
   * function) until Convex refused a `.paginate()` ({@link pageFailure}).
   */
  inComponent(): Promise<boolean> {
    this.component ??= inComponent(this.meta);
    return this.component;
  }

  /**
   * Takes the transaction's usage from `getTransactionMetrics()` (what the
   * caller read and wrote outside the ORM too) where Convex offers it; called
   * when a query or statement starts. The report replaces what the meter had
   * counted when it asked ({@link TransactionUsage.counted}); what it counts
   * while the report is on its way stays on top. Without it the meter counts
   * its own, and there is nothing to wait for (`undefined`).
   */
  sync(): Promise<void> | undefined {
    const reported = this.reportedMetrics();
    if (!reported) return undefined;
    const counted = this.usage.counted();
    const syncing: Promise<void> = reported.then(
      (metrics) => {
        this.take(metrics, counted);
        this.synced(syncing);
      },
      // Failed: the estimates it was to correct stay counted, as upper bounds (a typed error comes early, never
      // late), and are not marked again: an operation that waited for this sync checks again, and would ask again,
      // forever where the metrics always fail. The next statement's own sync replaces them.
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
   * nothing to wait for. After estimates, the sync is {@link sync}'s own, which estimates may wait for.
   */
  syncThen<R>(run: () => Promise<R>): Promise<R> {
    if (this.estimates) {
      const syncing = this.sync();
      return syncing ? syncing.then(run) : run();
    }
    const reported = this.reportedMetrics();
    if (!reported) return run();
    const counted = this.usage.counted();
    return reported.then(
      (metrics) => {
        this.take(metrics, counted);
        return run();
      },
      () => run(),
    );
  }

  /**
   * Takes the transaction's usage from `metrics`, asked for when the meter had counted `counted`
   * ({@link TransactionUsage.take}). When they show documents written that the meter did not count
   * (more than at the last sync: the caller's own `ctx.db`), the sizes it knows of stored documents
   * may no longer hold, so it forgets them ({@link KnownDocuments.forgetSizes}): a raw write of one
   * is then reserved at an estimate, not at a size the caller's write changed (a raw write Convex
   * refused gives its writes back, {@link refusedRawWrite}, so it hides none of the caller's).
   */
  private take(metrics: ReportedMetrics, counted: TransactionLimitValues): void {
    const writtenOutside = this.usage.outside.documentsWritten;
    this.usage.take(metrics, counted);
    if (this.usage.outside.documentsWritten > writtenOutside) this.documents.forgetSizes();
  }

  /** The transaction's metrics as Convex reports them, or undefined where it does not (an action, an older backend) or the meter has no budget. */
  private reportedMetrics(): Promise<ReportedMetrics> | undefined {
    if (!this.enforcing || typeof this.meta?.getTransactionMetrics !== 'function') return undefined;
    this.estimates = false;
    this.metricsAsked++;
    try {
      return this.meta.getTransactionMetrics();
    } catch {
      return undefined; // Not available here: keep counting our own.
    }
  }

  /**
   * Reserves a raw write (a hook's `ctx.raw`, `migrateOne`'s `ctx.db`) as
   * {@link TransactionUsage.reserveWrites} does, records it, and makes it (`make`, which sends the
   * write to Convex) in the same step. A raw write's totals may be `estimated` (Convex's largest
   * document for the one it changes when the meter never read it, a patch's upper bound), so when
   * they would pass the budget after such estimates, the meter first takes the transaction's usage,
   * where Convex counted those writes at their size ({@link correctingSync}), and checks again: a
   * sync only when the estimates fill the budget, not per write. Reserved and sent in one callback,
   * as a sync asked between the two would replace the reservation with a report that does not hold
   * the write. When they still would and hold Convex's largest document for one the meter knows no
   * size of, `size` is what to do instead of refusing: read the document (its size then known) and
   * reserve the write again, as a limit under one largest document (a nested call's
   * `transactionLimits`) would otherwise refuse every such write. Returns `make`'s promise; throws
   * the typed error when the write passes the budget at once, and the promise rejects with it when
   * it passes after a sync.
   */
  reserveRawWrite<R>(
    subject: MeterSubject,
    totals: WriteTotals,
    estimated: boolean,
    make: () => Promise<R>,
    size?: () => Promise<R>,
  ): Promise<R> {
    if (this.usage.wouldPass(totals)) {
      const correcting = this.correctingSync();
      if (correcting) return correcting.then(() => this.reserveRawWrite(subject, totals, estimated, make, size));
      if (size) return size();
    }
    this.usage.reserveWrites(subject, totals);
    if (estimated) this.estimates = true;
    const asked = this.metricsAsked;
    let made: Promise<R>;
    try {
      made = make();
    } catch (error) {
      this.refusedRawWrite(totals, asked);
      throw error;
    }
    // The caller's own handlers see `made` itself; this one runs first, and only when Convex refused the write.
    made.then(undefined, () => this.refusedRawWrite(totals, asked));
    return made;
  }

  /**
   * A raw write {@link reserveRawWrite} reserved (`totals`, when the meter had asked for the metrics `asked`
   * times) and Convex refused: its writes were never made, so they are given back, else the meter would count a
   * document more than Convex (refusing a write Convex has room for, and hiding one of the caller's own writes
   * from {@link take}). Not when metrics were asked since the reservation: that report, taken in place of what
   * the meter counted then, holds none of them already. Its reads stay counted (Convex may have read the document
   * before refusing the write): an over-count on the safe side until the next sync.
   */
  private refusedRawWrite(totals: WriteTotals, asked: number): void {
    if (this.metricsAsked === asked) this.usage.unreserveWrites(totals);
  }

  /**
   * The sync that counts the raw writes reserved so far as Convex counted them: a new one when some
   * were reserved at estimates since the last began, else the one still pending (raw writes made at once, as
   * `Promise.all` makes them, wait for the same one rather than each refused on the estimates of the
   * others); `undefined` when there is nothing to correct or wait for.
   */
  private correctingSync(): Promise<void> | undefined {
    return this.estimates ? this.sync() : this.syncing;
  }

  /**
   * The sync for an operation a hook starts, or a statement's checks after its before-hooks: it runs
   * inside a statement that synced, and every read since went through this meter, so only raw writes
   * since are unknown to it, and they are reserved at their cost or at estimates that are upper
   * bounds. So the meter asks Convex only when raw writes were reserved at estimates since the last
   * sync began and those leave less than one document's patch may take ({@link syncBeforePatch});
   * not after every raw write, and never after exact ones (a raw insert), where the sync would
   * correct nothing. A read that could pass the bytes budget on the estimates still syncs first
   * ({@link admit}), as a page does ({@link syncBeforePage}). `undefined` otherwise.
   */
  syncInsideStatement(): Promise<void> | undefined {
    return this.estimates ? this.syncBeforePatch() : undefined;
  }

  /**
   * The sync to wait for before a patch of one document is reserved after raw writes (a migration
   * batch's, after `migrateOne` wrote through `ctx.db`): estimates are upper bounds, so the meter
   * asks Convex only when raw writes were reserved at estimates and those leave less than such a
   * patch may take ({@link correctingSync}), not after every document that wrote raw. `undefined`
   * otherwise.
   */
  syncBeforePatch(): Promise<void> | undefined {
    return this.usage.wouldPass(LARGEST_PATCH) ? this.correctingSync() : undefined;
  }

  /** Records one index range (or `db.get`) about to be opened; throws first when it would pass the budget. */
  openRange(subject: MeterSubject): void {
    const { usage } = this;
    if (usage.own.indexRanges + usage.outside.indexRanges + 1 > usage.limits.indexRanges) {
      usage.exceeded('indexRanges', subject);
    }
    usage.own.indexRanges++;
    this.reads.ranges++;
  }

  /**
   * {@link openRange} for a Convex `.paginate()`; returns what {@link pageFailure} takes if the page
   * fails: how many times the meter had asked for the transaction's metrics by then.
   */
  openPage(subject: MeterSubject): number {
    this.openRange(subject);
    return this.metricsAsked;
  }

  /**
   * What a `.paginate()` opened by {@link openPage} (when the meter had asked for the metrics `asked`
   * times) fails with. Convex refusing it as inside a component (convex before 1.36 offers no
   * `getFunctionMetadata()` to ask) rejects with its own error, for the page to go by index keys: the
   * meter records that the function runs in a component, so its later pages do not try again, and
   * gives the range back, as Convex refuses before it opens one (not when metrics were asked since:
   * that report, taken in place of what the meter counted, holds none). Any other failure is
   * {@link failure}'s.
   */
  pageFailure(subject: MeterSubject, error: unknown, asked: number): Promise<unknown> {
    if (!paginateRefusedInComponent(error)) return this.failure(subject, error);
    this.component = Promise.resolve(true);
    this.reads.ranges--;
    if (this.metricsAsked === asked) this.usage.own.indexRanges--;
    return Promise.resolve(error);
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
    // A raw write made while the read is on its way may leave the document other than the read returns.
    const since = this.documents.rawWrites;
    let pulled: Promise<R>;
    try {
      pulled = read.pull();
    } catch (error) {
      this.finish(subject, null, since);
      return readFailed(read, error);
    }
    return pulled.then(
      (result) => {
        try {
          this.finish(subject, read.found(result), since);
        } catch (error) {
          return readFailed(read, error);
        }
        return read.use ? read.use(result) : (result as unknown as T);
      },
      (error: unknown) =>
        // In flight until the failure is known: the reads held back wait for it.
        this.failure(subject, error).then((failure) => {
          this.finish(subject, null, since);
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
    if (!this.enforcing || typeof meta?.getTransactionMetrics !== 'function') return Promise.resolve(error);
    const { usage } = this;
    const before = { documentsRead: usage.used('documentsRead'), bytesRead: usage.used('bytesRead') };
    const ranges = usage.used('indexRanges');
    let metrics: Promise<ReportedMetrics>;
    this.metricsAsked++;
    try {
      metrics = meta.getTransactionMetrics();
    } catch {
      return Promise.resolve(error);
    }
    const counted = usage.counted();
    return metrics.then(
      (reported) => {
        const passed = READ_LIMIT_NAMES.find((name) => (reported?.[METRIC_NAMES[name]]?.remaining ?? 0) < 0);
        if (!passed) return error;
        const used = passed === 'indexRanges' ? ranges : before[passed];
        this.take(reported, counted);
        return budgetExceeded(passed, subject, {
          limit: usage.limits[passed],
          used,
          adding: reported[METRIC_NAMES[passed]].used - used,
          statement: false,
          convex: usage.convex[passed],
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
   * size unknown until it is read, could pass Convex's limit and Convex's
   * refusal could not be reported typed ({@link refusedTypedAtLimit}). Where it
   * can, that read starts, even with nothing left of the limit: it may find its
   * range's end, which reads no document (Convex refuses only a read past its
   * limit), and a limit under one largest document (a nested call's
   * `transactionLimits`) would otherwise refuse every read.
   * Synchronous when there is room, as it runs per document. After raw writes reserved at estimates
   * (Convex's largest document for one the meter never read) a read that could pass the bytes budget on them asks
   * again once the meter has synced ({@link correctingSync}: the pending sync when one began after
   * them, as for reads made at once), so it is not refused for bytes Convex never counted.
   */
  private admit(subject: MeterSubject): Promise<void> | undefined {
    if ((this.estimates || this.syncing !== undefined) && this.readMayPassBytes()) {
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
    if (
      (full === 'documentsInFlight' || full === 'bytesInFlight') &&
      this.refusedTypedAtLimit(full === 'documentsInFlight' ? 'documentsRead' : 'bytesRead')
    ) {
      this.pending++;
      return undefined;
    }
    // This read does not start, so nothing will finish for the next one held back: it asks now.
    this.waiting.shift()?.();
    if (full === 'documentsInFlight') this.usage.exceeded('documentsRead', subject);
    // A document's size is unknown before it is read: the read may add Convex's largest.
    if (full === 'bytesInFlight') this.usage.exceeded('bytesRead', subject, CONVEX_VALUE_LIMITS.documentBytes);
    this.usage.exceeded(full, subject);
  }

  /**
   * How many document reads could start at once now without one being held back ({@link admit}):
   * with the bytes a read may add unknown until it is read (up to Convex's largest document), the
   * reads in flight must fit what is left of Convex's limits. Loaders that read in parallel start no
   * more than this, rather than starting more that wait here (a promise and a step each). At least one.
   */
  readsWithRoom(): number {
    if (!this.enforcing) return Number.POSITIVE_INFINITY;
    const { own, outside, convex } = this.usage;
    const documents = convex.documentsRead - own.documentsRead - outside.documentsRead;
    const bytes = Math.floor(
      (convex.bytesRead - own.bytesRead - outside.bytesRead) / CONVEX_VALUE_LIMITS.documentBytes,
    );
    return Math.max(1, Math.min(documents, bytes) - this.pending);
  }

  /** True when one more document, up to Convex's largest, could take the bytes read past the budget. */
  private readMayPassBytes(): boolean {
    const { own, outside, limits } = this.usage;
    return own.bytesRead + outside.bytesRead + CONVEX_VALUE_LIMITS.documentBytes > limits.bytesRead;
  }

  /**
   * Ends a read {@link admit} let start: the first read held back tries
   * again (one read ended, so one may start: waking every waiter would have
   * all but one of them wait again, a promise each per read ended), and the
   * document it gave (if any) is counted; throws past the budget.
   */
  private finish(subject: MeterSubject, doc: unknown, since: number): void {
    this.pending--;
    this.waiting.shift()?.();
    if (doc) this.countDocument(subject, doc as Record<string, unknown>, since);
  }

  /**
   * Why one more document read may not start now, if it may not: a read budget a counted
   * document already passed (a typed error was thrown for it), or Convex's limit that one more
   * read, whatever its size, could pass with the reads in flight (`…InFlight`).
   */
  private noRoom(): 'documentsRead' | 'bytesRead' | 'documentsInFlight' | 'bytesInFlight' | null {
    const { own, outside, limits, convex } = this.usage;
    const documents = own.documentsRead + outside.documentsRead;
    const bytes = own.bytesRead + outside.bytesRead;
    const inFlight = this.pending + 1;
    if (documents > limits.documentsRead) return 'documentsRead';
    if (bytes > limits.bytesRead) return 'bytesRead';
    if (documents + inFlight > convex.documentsRead) return 'documentsInFlight';
    if (bytes + inFlight * CONVEX_VALUE_LIMITS.documentBytes > convex.bytesRead) return 'bytesInFlight';
    return null;
  }

  /**
   * Counts one document read (by {@link readDocument}, or one of a page that has arrived), which
   * started when the meter had recorded `since` raw writes ({@link KnownDocuments.read}); throws
   * past the budget.
   */
  countDocument(subject: MeterSubject, doc: Record<string, unknown>, since: number): void {
    const { own, outside, limits } = this.usage;
    const size = this.documents.read(doc, since);
    own.documentsRead++;
    own.bytesRead += size;
    this.reads.documents++;
    if (own.documentsRead + outside.documentsRead > limits.documentsRead) this.usage.exceeded('documentsRead', subject);
    if (own.bytesRead + outside.bytesRead > limits.bytesRead) this.usage.exceeded('bytesRead', subject);
  }

  /**
   * The sync a page waits for before it takes its read limits ({@link pageLimits}) from what the
   * budget has left, when raw writes' estimates (Convex's largest document for one the meter never
   * read) could cut it short: raw writes reserved at estimates since a sync began (or one pending), and less left
   * than `numItems` rows, or than `numItems` of Convex's largest documents and the one
   * {@link pageLimits} keeps back. `undefined` otherwise, as for most pages.
   */
  syncBeforePage(numItems: number): Promise<void> | undefined {
    if (!this.estimates && this.syncing === undefined) return undefined;
    const pageBytes = (numItems + 1) * CONVEX_VALUE_LIMITS.documentBytes;
    return this.usage.left('documentsRead') < numItems || this.usage.left('bytesRead') < pageBytes
      ? this.correctingSync()
      : undefined;
  }

  /**
   * Convex's page read limits (`maximumRowsRead` / `maximumBytesRead`) from
   * what the budget has left, tighter `given` ones kept, so the database cuts
   * a page short (a split) instead of reading it past the budget; a page is
   * counted only once it has arrived. Throws when the budget is passed. With
   * exactly nothing left the page still reads, one document at most (Convex
   * reads at least one): it may find its range's end, which reads none, as a
   * read may ({@link admit}), where a document it does read is refused typed
   * ({@link refusedTypedAtLimit}).
   */
  pageLimits(subject: MeterSubject, given: PageReadLimits): PageReadLimits {
    if (!this.enforcing) return {};
    const rows = this.usage.left('documentsRead');
    const bytes = this.usage.left('bytesRead');
    if (rows < 0 || (rows === 0 && !this.refusedTypedAtLimit('documentsRead'))) {
      this.usage.exceeded('documentsRead', subject);
    }
    if (bytes < 0 || (bytes === 0 && !this.refusedTypedAtLimit('bytesRead'))) this.usage.exceeded('bytesRead', subject);
    // Convex ends a page after the document that reaches a maximum, so the bytes stop one
    // largest document short of what is left (the rows stop exactly).
    const pageBytes = Math.max(1, bytes - CONVEX_VALUE_LIMITS.documentBytes);
    return {
      maximumRowsRead: Math.max(1, Math.min(rows, given.maximumRowsRead ?? rows)),
      maximumBytesRead: Math.min(pageBytes, given.maximumBytesRead ?? pageBytes),
    };
  }

  /**
   * Whether a document read with nothing left of `limit` fails with the typed error: the ORM's
   * budget is below Convex's limit by one largest document at least (the meter counts it and
   * refuses), or Convex's refusal is reported typed from its metrics ({@link failure}).
   */
  private refusedTypedAtLimit(limit: 'documentsRead' | 'bytesRead'): boolean {
    const largest = limit === 'documentsRead' ? 1 : CONVEX_VALUE_LIMITS.documentBytes;
    return (
      this.usage.limits[limit] + largest <= this.usage.convex[limit] ||
      typeof this.meta?.getTransactionMetrics === 'function'
    );
  }

  /**
   * Shows reads made around the meter for a reservation (aggregate buckets, creation-time reads)
   * in {@link reads}: the reservation counted them in the usage already.
   */
  countReadsAround({ documents, ranges }: ReadCounts): void {
    this.reads.documents += documents;
    this.reads.ranges += ranges;
  }
}

function readFailed<T>(read: Pick<DocumentRead<unknown, T>, 'failed'>, error: unknown): Promise<T> {
  return read.failed ? read.failed(error) : Promise.reject(error);
}
