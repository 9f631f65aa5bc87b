import { budgetExceeded, type MeterSubject } from './budgetError.js';
import { CONVEX_TRANSACTION_LIMITS, type TransactionLimitName, type TransactionLimitValues } from './convexLimits.js';
import {
  addTotals,
  effectiveLimits,
  firstPassed,
  type Mutable,
  unlimited,
  type WriteTotals,
  zero,
} from './limitTotals.js';
import { LIMIT_NAMES, METRIC_NAMES, type MetricsSource } from './transactionMetrics.js';

/** What `getTransactionMetrics()` reports. */
export type ReportedMetrics = Awaited<ReturnType<NonNullable<MetricsSource['getTransactionMetrics']>>>;

/**
 * What a transaction has used of each of Convex's limits, as far as its meter knows, and what it
 * may use: the ORM's budget capped at Convex's limits in force. The meter counts its own reads and
 * reserves statements' writes here (`own`); a sync with `getTransactionMetrics()` adds what it did
 * not count (`outside`: the caller's raw reads and writes). Checks throw the typed error of the
 * budget a read or write would pass.
 */
export class TransactionUsage {
  /** What the meter counted: reads through it, writes reserved. */
  readonly own = zero();
  /**
   * The transaction's usage at the last sync less `own` at that moment: what the meter did not
   * count. `own` plus this is the transaction's usage (one addition: it is checked per document).
   */
  outside: TransactionLimitValues = zero();
  /** The limits enforced: the budget, capped at Convex's. */
  limits: TransactionLimitValues;
  /** Convex's own limits, as the transaction's metrics report them. */
  convex: TransactionLimitValues = CONVEX_TRANSACTION_LIMITS;
  // Reserved and not yet sent ({@link holdAhead}): a sync keeps counting them.
  private readonly ahead = zero();

  constructor(private readonly budget: TransactionLimitValues | null) {
    this.limits = budget ? effectiveLimits(budget, CONVEX_TRANSACTION_LIMITS) : unlimited();
  }

  // The per-read paths add `own` and `outside` field by field rather than through `used`: an
  // access by a varying name is a keyed lookup, and they run per document and range read.
  used(name: TransactionLimitName): number {
    return this.own[name] + this.outside[name];
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

  /** The first budget `totals` on top of the usage would pass, or `null`. */
  wouldPass(totals: WriteTotals): TransactionLimitName | null {
    return firstPassed(this.own, this.outside, totals, this.limits);
  }

  /**
   * What the meter counted of the transaction's usage when it asks for the metrics, less the writes
   * reserved ahead (Convex counts those once they are made): the part of the report the meter holds.
   * What it counts after asking (a raw write reserved while the metrics are on their way) stays
   * counted on top of the report, which cannot hold it.
   */
  counted(): TransactionLimitValues {
    const counted = zero();
    for (const name of LIMIT_NAMES) counted[name] = this.own[name] - this.ahead[name];
    return counted;
  }

  /** Takes the transaction's usage and Convex's limits from `metrics`, asked for when the meter had counted `counted`. */
  take(metrics: ReportedMetrics, counted: TransactionLimitValues): void {
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
    if (this.budget) this.limits = effectiveLimits(this.budget, convex);
  }

  /**
   * Checks a statement's writes (and the reads its patches, deletes and
   * aggregate buckets make) against what the transaction has left, recording
   * nothing. Throws `WRITE_BUDGET_EXCEEDED` or `SCAN_BUDGET_EXCEEDED`.
   */
  checkWrites(subject: MeterSubject, totals: WriteTotals): void {
    const passed = this.wouldPass(totals);
    if (passed) this.exceeded(passed, subject, totals[passed], true);
  }

  /**
   * {@link checkWrites}, then records the writes. A statement reserves them
   * right before its first write, once nothing else can reject it: one that
   * throws before then (a caught unique violation) has used none of the budget.
   */
  reserveWrites(subject: MeterSubject, totals: WriteTotals): void {
    this.checkWrites(subject, totals);
    addTotals(this.own, totals);
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
   * written one after another while a hook's raw write may sync, and what it makes after them:
   * `HeldWrites`): counted on top of what a sync takes from Convex until {@link madeAhead}.
   */
  holdAhead(totals: WriteTotals): void {
    addTotals(this.ahead, totals);
  }

  /**
   * Checks again, after a sync, that writes {@link reserveAhead} reserved still fit: raw writes
   * (which the meter learns of only at a sync) may have taken their room since. Throws their
   * `WRITE_BUDGET_EXCEEDED` (or `SCAN_BUDGET_EXCEEDED`) if not; they stay reserved if they fit.
   */
  recheckAhead(subject: MeterSubject, totals: WriteTotals): void {
    // Released and reserved again: the check, and its error's figures, see the transaction without them.
    this.unreserveAhead(totals);
    this.reserveAhead(subject, totals);
  }

  /** Gives back the writes (documents and bytes) of `totals`, reserved and never made (a raw write Convex refused). */
  unreserveWrites(totals: WriteTotals): void {
    this.own.documentsWritten -= totals.documentsWritten;
    this.own.bytesWritten -= totals.bytesWritten;
  }

  /** The writes {@link reserveAhead} reserved are sent now: the next sync finds them in the transaction's usage. */
  madeAhead(totals: WriteTotals): void {
    addTotals(this.ahead, totals, -1);
  }

  /**
   * Gives back what was reserved and held ahead and will not be made (the reads of an aggregate
   * bucket that was not there). Held until now, it is in no report a sync took, so it comes off
   * the count whenever a sync was asked.
   */
  unreserveAhead(totals: WriteTotals): void {
    addTotals(this.own, totals, -1);
    addTotals(this.ahead, totals, -1);
  }

  /** Throws the typed error of budget `name`, which `adding` more would pass (see {@link budgetExceeded}). */
  exceeded(name: TransactionLimitName, subject: MeterSubject, adding = 1, statement = false): never {
    throw budgetExceeded(name, subject, {
      limit: this.limits[name],
      used: this.used(name),
      adding,
      statement,
      convex: this.convex[name],
    });
  }
}
