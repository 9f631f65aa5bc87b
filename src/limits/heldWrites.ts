import { addTotals, type Mutable, type WriteTotals, zero } from './limitTotals.js';
import type { TransactionUsage } from './transactionUsage.js';

/**
 * A statement's reservation, made in one step and sent in later ones (its rows one after another,
 * then its aggregate buckets, its creation-time reads, its scheduled functions), held ahead on
 * `usage` ({@link TransactionUsage.holdAhead}) from the step that reserved it: a sync asked
 * meanwhile (a hook's raw write past the budget's estimates) counts what is not sent yet on top
 * of Convex's report, which does not hold it. Each part comes off the hold in the step that sends
 * it ({@link made}), or is given back when it will not be made ({@link unmade}); the rest when
 * the statement is done or failed ({@link release}), so none stays held past it.
 */
export class HeldWrites {
  // What is still held of the reservation.
  private readonly left: Mutable<WriteTotals> = zero();

  /** Holds `totals`, reserved already on `usage`, ahead. */
  constructor(
    private readonly usage: TransactionUsage,
    totals: WriteTotals,
  ) {
    usage.holdAhead(totals);
    addTotals(this.left, totals);
  }

  /** `part` is sent in this step: from now on in what Convex reports. */
  made(part: WriteTotals): void {
    this.usage.madeAhead(part);
    this.take(part);
  }

  /** `part` will not be made (a bucket read that found nothing): given back, out of the count. */
  unmade(part: WriteTotals): void {
    this.usage.unreserveAhead(part);
    this.take(part);
  }

  /**
   * Releases what is still held: parts reserved at upper bounds and not made (buckets fewer than
   * reserved), or never sent (a write failed). They stay counted until the next sync replaces
   * them with what Convex counted, as every estimate does; a caller that catches the statement's
   * error and goes on is not refused for them after it.
   */
  release(): void {
    this.usage.madeAhead(this.left);
    this.take(this.left);
  }

  private take(part: WriteTotals): void {
    addTotals(this.left, part, -1);
  }
}
