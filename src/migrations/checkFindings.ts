import { CONVEX_VALUE_LIMITS } from '../limits/convexLimits.js';
import { convexSize } from '../limits/documentSize.js';
import type { RejectedField } from './check.js';
import type { ConstraintViolation } from './constraints.js';

/**
 * Bytes the entries of one `check` batch may take: half of the 16 MiB Convex allows a function's
 * return value, the rest of the result being a cursor and two counts.
 */
export const MAX_FINDINGS_BYTES = 8 * 1024 * 1024;

/**
 * What one `check` batch returns, document by document in page order, while it fits one Convex
 * return value: each array within Convex's {@link CONVEX_VALUE_LIMITS.arrayLength} elements and
 * all entries within {@link MAX_FINDINGS_BYTES}. A document's findings are taken whole or not at
 * all, so the batch ends before the first that does not fit and the next one judges it.
 */
export class CheckFindings {
  readonly rejected: RejectedField[] = [];
  readonly violations: ConstraintViolation[] = [];
  /** Documents whose findings were taken. */
  documents = 0;
  private bytes = 0;

  /**
   * Takes the findings of the next document, unless they would not fit (false). The first
   * document's are always taken, so every batch moves on: one document gives at most one entry
   * per field of its own or of the validator and one per constraint, each value a preview.
   */
  add(rejected: readonly RejectedField[], violations: readonly ConstraintViolation[]): boolean {
    let size = 0;
    for (const entry of rejected) size += convexSize(entry);
    for (const entry of violations) size += convexSize(entry);
    const fits =
      this.rejected.length + rejected.length <= CONVEX_VALUE_LIMITS.arrayLength &&
      this.violations.length + violations.length <= CONVEX_VALUE_LIMITS.arrayLength &&
      this.bytes + size <= MAX_FINDINGS_BYTES;
    if (!fits && this.documents > 0) return false;
    this.rejected.push(...rejected);
    this.violations.push(...violations);
    this.bytes += size;
    this.documents++;
    return true;
  }
}
